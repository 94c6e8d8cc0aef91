// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The runner's own normal (profile.h): the profile's JSON format, parsed
 * with a small reader that walks the document and hands each scalar to
 * the profile with its dotted path ("asymmetry_c.toe.mean"); unknown
 * keys are ignored, so that a later v1 may add some.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

const char *const fs_profile_gait_names[FS_NPGAIT] = {
	"cadence_spm", "stance_s", "heel_peak_kpa", "loading_rate_kpa_s",
};

static const char *const foot_names[2] = { "left", "right" };

void fs_profile_init(struct fs_profile *pr, const char *subject)
{
	memset(pr, 0, sizeof(*pr));
	snprintf(pr->subject, sizeof(pr->subject), "%s", subject ? subject : "");
}

bool fs_profile_subject_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > FS_PROFILE_SUBJECT_MAX || s[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '_' ||
		      s[i] == '-'))
			return false;
	return true;
}

/* ---- reading ------------------------------------------------------------ */

#define PATH_MAX_LEN 128
#define DEPTH_MAX 8

struct reader {
	const char *s, *end;
	char path[PATH_MAX_LEN];
	struct fs_profile *pr;
	long version;		/* -1: not seen */
	bool format_ok;
	char *why;
	size_t whylen;
};

static int fail(struct reader *rd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct reader *rd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rd->why, rd->whylen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void skip_ws(struct reader *rd)
{
	while (rd->s < rd->end && (*rd->s == ' ' || *rd->s == '\t' ||
				   *rd->s == '\n' || *rd->s == '\r'))
		rd->s++;
}

/* A string without escapes other than \" and \\ (all the format needs). */
static int read_string(struct reader *rd, char *out, size_t outlen)
{
	size_t n = 0;

	if (rd->s >= rd->end || *rd->s != '"')
		return fail(rd, "expected a string");
	rd->s++;
	while (rd->s < rd->end && *rd->s != '"') {
		char c = *rd->s++;

		if (c == '\\') {
			if (rd->s >= rd->end || (*rd->s != '"' && *rd->s != '\\'))
				return fail(rd, "unsupported escape in a string");
			c = *rd->s++;
		}
		if ((unsigned char)c < 0x20)
			return fail(rd, "control character in a string");
		if (n + 1 >= outlen)
			return fail(rd, "string too long");
		out[n++] = c;
	}
	if (rd->s >= rd->end)
		return fail(rd, "unterminated string");
	rd->s++;
	out[n] = '\0';
	return 0;
}

static struct fs_figure *figure_at(struct fs_profile *pr, const char *path,
				   const char **field)
{
	char a[32], b[32], c[32], f[32];
	int i, k;

	if (sscanf(path, "%31[^.].%31[^.].%31[^.].%31s", a, b, c, f) == 4) {
		for (k = 0; k < 2; k++) {
			if (strcmp(b, foot_names[k]))
				continue;
			for (i = 0; !strcmp(a, "temperature_c") && i < FS_NTEMPS; i++)
				if (!strcmp(c, fs_temp_names[i]))
					return *field = strrchr(path, '.') + 1, &pr->temp_c[k][i];
			for (i = 0; !strcmp(a, "swing_floor_kpa") && i < FS_PROFILE_NDORSAL; i++)
				if (!strcmp(c, fs_zone_names[FS_PROFILE_FIRST_DORSAL + i]))
					return *field = strrchr(path, '.') + 1, &pr->floor_kpa[k][i];
			for (i = 0; !strcmp(a, "gait") && i < FS_NPGAIT; i++)
				if (!strcmp(c, fs_profile_gait_names[i]))
					return *field = strrchr(path, '.') + 1, &pr->gait[k][i];
		}
		return NULL;
	}
	if (sscanf(path, "%31[^.].%31[^.].%31s", a, b, f) == 3 &&
	    !strcmp(a, "asymmetry_c"))
		for (i = 0; i < FS_NTEMPS; i++)
			if (!strcmp(b, fs_temp_names[i]))
				return *field = strrchr(path, '.') + 1, &pr->asym_c[i];
	return NULL;
}

static bool count_ok(double v)
{
	return v >= 0.0 && v <= 1e9 && v == floor(v);
}

static int take_number(struct reader *rd, double v)
{
	struct fs_figure *fig;
	const char *field;

	if (!strcmp(rd->path, "version")) {
		rd->version = v == floor(v) && fabs(v) < 1e9 ? (long)v : -2;
		return 0;
	}
	if (!strcmp(rd->path, "runs") || !strcmp(rd->path, "runs_seen")) {
		if (!count_ok(v))
			return fail(rd, "%s: expected a count", rd->path);
		if (!strcmp(rd->path, "runs"))
			rd->pr->runs = (unsigned int)v;
		else
			rd->pr->runs_seen = (unsigned int)v;
		return 0;
	}
	fig = figure_at(rd->pr, rd->path, &field);
	if (!fig)
		return 0;
	if (!strcmp(field, "mean"))
		fig->mean = v;
	else if (!strcmp(field, "runs")) {
		if (!count_ok(v))
			return fail(rd, "%s: expected a count", rd->path);
		fig->runs = (unsigned int)v;
	}
	return 0;
}

static int take_string(struct reader *rd, const char *v)
{
	if (!strcmp(rd->path, "format")) {
		rd->format_ok = !strcmp(v, "footsock-profile");
		if (!rd->format_ok)
			return fail(rd, "not a footsock profile (format \"%s\")", v);
	} else if (!strcmp(rd->path, "subject")) {
		if (!fs_profile_subject_ok(v))
			return fail(rd, "subject \"%s\": 1 to %d of A-Z a-z 0-9 . _ -",
				    v, FS_PROFILE_SUBJECT_MAX);
		memcpy(rd->pr->subject, v, strlen(v) + 1);	/* checked */
	}
	return 0;
}

static int read_value(struct reader *rd, int depth);

/* Members of an object, each with its key appended to the path. */
static int read_object(struct reader *rd, int depth)
{
	size_t plen = strlen(rd->path), klen;
	char key[PATH_MAX_LEN];
	int r;

	rd->s++;
	skip_ws(rd);
	if (rd->s < rd->end && *rd->s == '}') {
		rd->s++;
		return 0;
	}
	for (;;) {
		skip_ws(rd);
		r = read_string(rd, key, sizeof(key));
		if (r < 0)
			return r;
		klen = strlen(key);
		if (plen + 1 + klen + 1 > sizeof(rd->path))
			return fail(rd, "nested too deep");
		if (plen)
			rd->path[plen] = '.';
		memcpy(rd->path + plen + !!plen, key, klen + 1);
		skip_ws(rd);
		if (rd->s >= rd->end || *rd->s != ':')
			return fail(rd, "expected ':' after \"%s\"", key);
		rd->s++;
		r = read_value(rd, depth + 1);
		if (r < 0)
			return r;
		rd->path[plen] = '\0';
		skip_ws(rd);
		if (rd->s < rd->end && *rd->s == ',') {
			rd->s++;
			continue;
		}
		if (rd->s < rd->end && *rd->s == '}') {
			rd->s++;
			return 0;
		}
		return fail(rd, "expected ',' or '}'");
	}
}

static int read_value(struct reader *rd, int depth)
{
	char str[FS_PROFILE_SUBJECT_MAX + 32], num[64], *e;
	size_t n = 0;
	double v;
	int r;

	if (depth > DEPTH_MAX)
		return fail(rd, "nested too deep");
	skip_ws(rd);
	if (rd->s >= rd->end)
		return fail(rd, "unexpected end");
	if (*rd->s == '{')
		return read_object(rd, depth);
	if (*rd->s == '"') {
		r = read_string(rd, str, sizeof(str));
		return r < 0 ? r : take_string(rd, str);
	}
	if (rd->end - rd->s >= 4 && !memcmp(rd->s, "null", 4)) {
		rd->s += 4;
		return 0;
	}
	while (rd->s + n < rd->end && n + 1 < sizeof(num) &&
	       strchr("+-.0123456789eE", rd->s[n]))
		n++;
	memcpy(num, rd->s, n);
	num[n] = '\0';
	v = strtod(num, &e);
	if (!n || *e || !isfinite(v))
		return fail(rd, "%s: expected a number, a string or an object",
			    rd->path[0] ? rd->path : "profile");
	rd->s += n;
	return take_number(rd, v);
}

int fs_profile_parse(const char *buf, size_t len, struct fs_profile *pr,
		     char *why, size_t whylen)
{
	struct reader rd = { .s = buf, .end = buf + len, .pr = pr,
			     .version = -1, .why = why, .whylen = whylen };
	int r;

	fs_profile_init(pr, NULL);
	skip_ws(&rd);
	if (rd.s >= rd.end || *rd.s != '{')
		return fail(&rd, "not a footsock profile (expected a JSON object)");
	r = read_value(&rd, 0);
	if (r < 0)
		return r;
	skip_ws(&rd);
	if (rd.s != rd.end)
		return fail(&rd, "trailing data after the profile");
	if (!rd.format_ok)
		return fail(&rd, "not a footsock profile (no \"format\": \"footsock-profile\")");
	if (rd.version != FS_PROFILE_VERSION) {
		if (rd.version == -1)
			return fail(&rd, "profile without a version");
		snprintf(why, whylen, "profile version %ld is not supported (this footsock reads version %d)",
			 rd.version, FS_PROFILE_VERSION);
		return -ENOTSUP;
	}
	if (!pr->subject[0])
		return fail(&rd, "profile without a subject");
	return 0;
}

/* ---- writing ------------------------------------------------------------ */

struct writer {
	char *buf;
	size_t len, n;
	bool full;
};

static void put(struct writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct writer *w, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(w->buf + w->n, w->len - w->n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= w->len - w->n) {
		w->full = true;
		w->n = w->len - 1;
		return;
	}
	w->n += (size_t)k;
}

static void put_figure(struct writer *w, const char *ind, const char *name,
		       const struct fs_figure *fig, bool last)
{
	if (fig->runs)
		put(w, "%s\"%s\": {\"mean\": %.3f, \"runs\": %u}%s\n", ind, name,
		    fig->mean, fig->runs, last ? "" : ",");
	else
		put(w, "%s\"%s\": {\"mean\": null, \"runs\": 0}%s\n", ind, name,
		    last ? "" : ",");
}

static void put_feet(struct writer *w, const char *key,
		     const struct fs_figure *figs, int n, int stride,
		     const char *const *names, bool last)
{
	int k, i;

	put(w, "  \"%s\": {\n", key);
	for (k = 0; k < 2; k++) {
		put(w, "    \"%s\": {\n", foot_names[k]);
		for (i = 0; i < n; i++)
			put_figure(w, "      ", names[i], &figs[k * stride + i],
				   i == n - 1);
		put(w, "    }%s\n", k ? "" : ",");
	}
	put(w, "  }%s\n", last ? "" : ",");
}

int fs_profile_format(const struct fs_profile *pr, char *buf, size_t len)
{
	struct writer w = { buf, len, 0, false };
	int i;

	if (!len)
		return -ENOSPC;
	buf[0] = '\0';
	put(&w, "{\n  \"format\": \"footsock-profile\",\n  \"version\": %d,\n",
	    FS_PROFILE_VERSION);
	put(&w, "  \"subject\": \"%s\",\n  \"runs\": %u,\n  \"runs_seen\": %u,\n",
	    pr->subject, pr->runs, pr->runs_seen);
	put_feet(&w, "temperature_c", &pr->temp_c[0][0], FS_NTEMPS, FS_NTEMPS,
		 fs_temp_names, false);
	put(&w, "  \"asymmetry_c\": {\n");
	for (i = 0; i < FS_NTEMPS; i++)
		put_figure(&w, "    ", fs_temp_names[i], &pr->asym_c[i],
			   i == FS_NTEMPS - 1);
	put(&w, "  },\n");
	put_feet(&w, "swing_floor_kpa", &pr->floor_kpa[0][0], FS_PROFILE_NDORSAL,
		 FS_PROFILE_NDORSAL, &fs_zone_names[FS_PROFILE_FIRST_DORSAL], false);
	put_feet(&w, "gait", &pr->gait[0][0], FS_NPGAIT, FS_NPGAIT,
		 fs_profile_gait_names, true);
	put(&w, "}\n");
	return w.full ? -ENOSPC : (int)w.n;
}

/* ---- the update rule and its use ---------------------------------------- */

/*
 * A capped-count mean: the plain mean of the first profile_weight_runs
 * runs, then an exponentially weighted one (weight 1/cap), so that the
 * profile follows a slow change (training, a new shoe) while one odd run
 * moves it little.
 */
static void figure_add(struct fs_figure *fig, double x, double cap)
{
	double n;

	if (!isfinite(x))
		return;
	fig->runs++;
	n = fmin(fig->runs, fmax(cap, 1.0));
	fig->mean = fig->runs == 1 ? x : fig->mean + (x - fig->mean) / n;
}

static const char *run_refused(const struct fs_params *p,
			       const struct fs_state st[2], const bool have[2])
{
	int k, c;

	if (!have[0] && !have[1])
		return "no data";
	for (k = 0; k < 2; k++) {
		if (!have[k])
			continue;
		if (st[k].session.strides < p->profile_min_strides)
			return "too few steady strides";
		if (st[k].level_max > FS_LEVEL_WATCH)
			return "not a normal run (level above watch)";
		for (c = 0; c < FS_NCAUSES; c++)
			if (!isnan(st[k].cause_first_qualified_t[c]))
				return "not a normal run (a cause was named)";
	}
	return NULL;
}

static void merge_foot(struct fs_profile *pr, const struct fs_params *p,
		       int k, const struct fs_state *st)
{
	double cap = p->profile_weight_runs;
	int i;

	for (i = 0; i < FS_NTEMPS; i++)
		if (st->circulation_valid && !st->temp_fault_seen[i])
			figure_add(&pr->temp_c[k][i], st->temp_mean_c[i], cap);
	for (i = 0; i < FS_PROFILE_NDORSAL; i++) {
		int z = FS_PROFILE_FIRST_DORSAL + i;

		if (st->zone_seen[z] && !st->zone_fault_seen[z])
			figure_add(&pr->floor_kpa[k][i], st->floor_kpa[z], cap);
	}
	figure_add(&pr->gait[k][FS_PG_CADENCE], st->session.cadence_spm, cap);
	figure_add(&pr->gait[k][FS_PG_STANCE], st->session.stance_s, cap);
	if (st->zone_seen[FS_Z_HEEL_MED]) {
		figure_add(&pr->gait[k][FS_PG_HEEL_PEAK], st->heel_peak_kpa, cap);
		figure_add(&pr->gait[k][FS_PG_LOADING_RATE],
			   st->loading_rate_kpa_s, cap);
	}
}

int fs_profile_merge(struct fs_profile *pr, const struct fs_params *p,
		     const struct fs_state st[2], const bool have[2],
		     const char **why)
{
	int k, i;

	pr->runs_seen++;
	*why = run_refused(p, st, have);
	if (*why)
		return 0;
	for (k = 0; k < 2; k++)
		if (have[k])
			merge_foot(pr, p, k, &st[k]);
	if (have[0] && have[1] && st[0].circulation_valid &&
	    st[1].circulation_valid)
		for (i = 0; i < FS_NTEMPS; i++)
			if (!st[0].temp_fault_seen[i] && !st[1].temp_fault_seen[i])
				figure_add(&pr->asym_c[i], st[0].temp_mean_c[i] -
					   st[1].temp_mean_c[i],
					   p->profile_weight_runs);
	pr->runs++;
	return 1;
}

bool fs_profile_usable(const struct fs_profile *pr, const struct fs_params *p)
{
	return pr && pr->runs >= p->profile_min_runs && pr->runs > 0;
}

static bool figure_usable(const struct fs_figure *fig, const struct fs_params *p)
{
	return fig->runs > 0 && fig->runs >= p->profile_min_runs &&
	       isfinite(fig->mean);
}

double fs_profile_usual_asym(const struct fs_profile *pr,
			     const struct fs_params *p, int site)
{
	if (!pr || site < 0 || site >= FS_NTEMPS ||
	    !figure_usable(&pr->asym_c[site], p))
		return NAN;
	return pr->asym_c[site].mean;
}

bool fs_profile_asym_flagged(const struct fs_profile *pr,
			     const struct fs_params *p, int site, double d)
{
	double usual = fs_profile_usual_asym(pr, p, site);

	if (isnan(d))
		return false;
	if (isnan(usual))
		return fabs(d) > p->asymmetry_c;
	return fabs(d - usual) > p->profile_asymmetry_c;
}

void fs_profile_apply(const struct fs_profile *pr, int foot,
		      struct fs_params *p)
{
	const struct fs_figure *fig;
	double lo;
	int i;

	if (!pr || foot < 0 || foot > 1)
		return;
	for (i = 0; i < FS_PROFILE_NDORSAL; i++) {
		fig = &pr->floor_kpa[foot][i];
		if (!figure_usable(fig, p))
			continue;
		lo = fmin(fig->mean + p->profile_floor_margin_kpa,
			  p->dose_threshold_kpa);
		if (lo > p->floor_low_kpa && lo < p->floor_high_kpa)
			p->zone_floor_low_kpa[FS_PROFILE_FIRST_DORSAL + i] = lo;
	}
}

void fs_profile_baseline(const struct fs_profile *pr,
			 const struct fs_params *p, char *buf, size_t len)
{
	if (fs_profile_usable(pr, p))
		snprintf(buf, len, "vs own normal over %u run%s", pr->runs,
			 pr->runs == 1 ? "" : "s");
	else
		snprintf(buf, len, "population default");
}
