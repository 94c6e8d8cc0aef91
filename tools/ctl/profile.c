// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl profile list|show|reset: the runner's own normal that
 * footsockd keeps, one file a subject (daemon/profile-store.h). The files
 * are read directly, not over D-Bus: they are mode 0640 group footsock
 * in a directory of mode 0750, so the file access rules are the access
 * rules (root and group footsock read; only root and footsockd write).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "profile.h"
#include "profile-store.h"
#include "ctl.h"
#include "json.h"

static const char *profile_dir(void)
{
	const char *d = getenv("FOOTSOCK_PROFILE_DIR");

	return d && *d ? d : PROFILE_STORE_DEFAULT_DIR;
}

/* A subject's profile, or a message and CTL_EXIT_FAILURE. */
static int load(const char *subject, struct fs_profile *pr)
{
	char path[4096], why[4352];
	int r;

	r = profile_store_path(profile_dir(), subject, path, sizeof(path));
	if (r < 0)
		return ctl_fail("profile directory name too long");
	r = profile_store_read(path, pr, why, sizeof(why));
	if (r == -ENOENT) {
		fprintf(stderr, "footsockctl: no profile for subject '%s' (in %s)\n",
			subject, profile_dir());
		return CTL_EXIT_FAILURE;
	}
	if (r < 0) {
		fprintf(stderr, "footsockctl: %s\n", why);
		return CTL_EXIT_FAILURE;
	}
	return CTL_EXIT_OK;
}

int profile_list_run(struct ctl *c)
{
	struct fs_params p;
	struct fs_profile pr;
	char **list, base[64];
	struct json j;
	int r, i, ret = CTL_EXIT_OK;

	fs_params_default(&p);
	r = profile_store_list(profile_dir(), &list);
	if (r < 0) {
		fprintf(stderr, "footsockctl: %s: %s\n", profile_dir(), strerror(-r));
		return CTL_EXIT_FAILURE;
	}
	if (c->json) {
		json_init(&j, stdout);
		json_begin_array(&j);
	} else if (list[0]) {
		printf("%-24s %5s  %s\n", "SUBJECT", "RUNS", "BASELINE");
	}
	for (i = 0; list[i]; i++) {
		if (load(list[i], &pr) != CTL_EXIT_OK) {
			ret = CTL_EXIT_FAILURE;
			continue;
		}
		fs_profile_baseline(&pr, &p, base, sizeof(base));
		if (!c->json) {
			printf("%-24s %5u  %s\n", pr.subject, pr.runs, base);
			continue;
		}
		json_begin_object(&j);
		json_key(&j, "subject");
		json_string(&j, pr.subject);
		json_key(&j, "runs");
		json_int(&j, pr.runs);
		json_key(&j, "baseline");
		json_string(&j, base);
		json_end_object(&j);
	}
	if (c->json) {
		json_end_array(&j);
		fputc('\n', stdout);
	}
	profile_store_list_free(list);
	r = ctl_flush_stdout();
	return r ? r : ret;
}

int profile_show_check(struct ctl *c)
{
	if (!fs_profile_subject_ok(c->args[0]))
		return ctl_usage_error("profile", "'%s' is not a subject (1-%d of [A-Za-z0-9._-])",
				       c->args[0], FS_PROFILE_SUBJECT_MAX);
	return 0;
}

static void print_figure(const char *name, const struct fs_figure *fig,
			 const char *unit)
{
	if (fig->runs)
		printf("    %-18s %7.2f %-5s (%u run%s)\n", name, fig->mean, unit,
		       fig->runs, fig->runs == 1 ? "" : "s");
}

static void print_feet(const char *title, const struct fs_figure *figs,
		       int n, const char *const *names, const char *unit)
{
	static const char *const feet[2] = { "left", "right" };
	int k, i;

	for (k = 0; k < 2; k++) {
		printf("  %s, %s foot:\n", title, feet[k]);
		for (i = 0; i < n; i++)
			print_figure(names[i], &figs[k * n + i], unit);
	}
}

int profile_show_run(struct ctl *c)
{
	static const char *const gait_units[FS_NPGAIT] = {
		"spm", "s", "kPa", "kPa/s",
	};
	struct fs_params p;
	struct fs_profile pr;
	char text[8192], base[64];
	int r, i, k;

	r = load(c->args[0], &pr);
	if (r)
		return r;
	fs_params_default(&p);
	if (c->json) {
		r = fs_profile_format(&pr, text, sizeof(text));
		if (r < 0)
			return ctl_fail("profile too large to print");
		fputs(text, stdout);
		return ctl_flush_stdout();
	}
	fs_profile_baseline(&pr, &p, base, sizeof(base));
	printf("subject %s: %u normal run%s", pr.subject, pr.runs,
	       pr.runs == 1 ? "" : "s");
	if (pr.runs_seen > pr.runs)
		printf(" (%u recorded)", pr.runs_seen);
	printf(", %s\n", base);
	printf("  usual left-right difference:\n");
	for (i = 0; i < FS_NTEMPS; i++)
		print_figure(fs_temp_names[i], &pr.asym_c[i], "degC");
	print_feet("temperatures", &pr.temp_c[0][0], FS_NTEMPS, fs_temp_names,
		   "degC");
	print_feet("swing floors", &pr.floor_kpa[0][0], FS_PROFILE_NDORSAL,
		   &fs_zone_names[FS_PROFILE_FIRST_DORSAL], "kPa");
	for (k = 0; k < 2; k++) {
		printf("  gait, %s foot:\n", k ? "right" : "left");
		for (i = 0; i < FS_NPGAIT; i++)
			print_figure(fs_profile_gait_names[i], &pr.gait[k][i],
				     gait_units[i]);
	}
	return ctl_flush_stdout();
}

int profile_reset_run(struct ctl *c)
{
	int r = profile_store_remove(profile_dir(), c->args[0]);

	if (r == -ENOENT) {
		fprintf(stderr, "footsockctl: no profile for subject '%s' (in %s)\n",
			c->args[0], profile_dir());
		return CTL_EXIT_FAILURE;
	}
	if (r < 0) {
		fprintf(stderr, "footsockctl: profile reset %s: %s\n", c->args[0],
			strerror(-r));
		return CTL_EXIT_FAILURE;
	}
	return CTL_EXIT_OK;
}
