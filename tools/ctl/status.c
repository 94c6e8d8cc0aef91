// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl status [left|right]: per foot the level, the two risk
 * indices with their trend, the top causes with advice, the gait and a
 * compact map of the 16 pressure zones and 6 temperatures.
 * footsockctl check [--max-level L]: the same snapshot as an exit status
 * for scripts: 0 at or below L, 1 above, 2 no daemon or no sock.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "client.h"
#include "ctl.h"
#include "json.h"

#define ANSI_RESET "\033[0m"
#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_GREEN "\033[32m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_REVERSE_RED "\033[1;7;31m"

/* Causes shown with their advice in the text output. */
#define TOP_CAUSES 3

int ctl_level_index(const char *name)
{
	int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(name, fs_level_names[i]))
			return i;
	return -1;
}

static int cause_index(const char *name)
{
	int i;

	for (i = 0; i < FS_NCAUSES; i++)
		if (!strcmp(name, fs_cause_names[i]))
			return i;
	return -1;
}

/* The cause's left-right contrast, NULL when the daemon did not say. */
static const struct ctl_contrast *find_contrast(const struct ctl_sock *s,
						const char *cause)
{
	size_t i;

	for (i = 0; i < s->n_contrast; i++)
		if (!strcmp(s->contrast[i].cause, cause))
			return &s->contrast[i];
	return NULL;
}

const char *ctl_level_color(const char *level)
{
	static const char *const colors[] = {
		ANSI_GREEN, ANSI_YELLOW, ANSI_BOLD ANSI_RED, ANSI_REVERSE_RED,
	};
	int k = ctl_level_index(level);

	return k < 0 ? "" : colors[k];
}

/* ---- text -------------------------------------------------------------- */

struct painter {
	bool color;
	struct fs_params p;	/* thresholds for highlighting pressures */
};

static void paint(const struct painter *pt, const char *color, const char *s)
{
	if (pt->color && *color)
		printf("%s%s%s", color, s, ANSI_RESET);
	else
		fputs(s, stdout);
}

/*
 * Pressures worth a look: plantar zones at heel-strike peaks above the
 * running range, dorsal and side zones above the pressure that disturbs
 * venular flow (the analysis's swing-floor ramp).
 */
static const char *pressure_color(const struct painter *pt, int zone, double v)
{
	double lo, hi;

	if (!pt->color || !isfinite(v))
		return "";
	lo = zone < FS_NPLANTAR ? pt->p.heel_peak_low_kpa : pt->p.floor_low_kpa;
	hi = zone < FS_NPLANTAR ? pt->p.heel_peak_high_kpa : pt->p.floor_high_kpa;
	if (v >= hi)
		return ANSI_BOLD ANSI_RED;
	return v >= lo ? ANSI_YELLOW : "";
}

/* Rows of the pressure map: plantar toe to heel, then dorsal and sides. */
static const int pressure_rows[][4] = {
	{ FS_Z_HALLUX, FS_Z_TOES, -1, -1 },
	{ FS_Z_MET1, FS_Z_MET2, FS_Z_MET3_4, FS_Z_MET5 },
	{ FS_Z_ARCH, FS_Z_MIDFOOT_LAT, -1, -1 },
	{ FS_Z_HEEL_MED, FS_Z_HEEL_LAT, -1, -1 },
	{ FS_Z_DORSUM, FS_Z_TOEBOX_TOP, FS_Z_TOEBOX_MED, FS_Z_TOEBOX_LAT },
	{ FS_Z_TARSAL_TUNNEL, FS_Z_CUFF, -1, -1 },
};

static const char *const pressure_row_names[] = {
	"toes", "forefoot", "midfoot", "heel", "dorsal", "ankle",
};

static void print_value(const struct painter *pt, const char *color, double v,
			int width, int decimals)
{
	char buf[32];

	if (isfinite(v))
		snprintf(buf, sizeof(buf), "%*.*f", width, decimals, v);
	else
		snprintf(buf, sizeof(buf), "%*s", width, "-");
	paint(pt, color, buf);
}

/* Each column as wide as its longest zone name, so the values align. */
static int column_width(int k)
{
	size_t row;
	int w = 0, n;

	for (row = 0; row < sizeof(pressure_rows) / sizeof(pressure_rows[0]); row++) {
		if (pressure_rows[row][k] < 0)
			continue;
		n = (int)strlen(fs_zone_names[pressure_rows[row][k]]);
		w = n > w ? n : w;
	}
	return w;
}

static void print_pressures(const struct painter *pt, const struct ctl_sock *s)
{
	size_t row;
	int k;

	printf("  pressure kPa (plantar toe to heel, then dorsal and sides):\n");
	for (row = 0; row < sizeof(pressure_rows) / sizeof(pressure_rows[0]); row++) {
		printf("  %-8s", pressure_row_names[row]);
		for (k = 0; k < 4 && pressure_rows[row][k] >= 0; k++) {
			int z = pressure_rows[row][k];

			printf(" %-*s", column_width(k), fs_zone_names[z]);
			print_value(pt, pressure_color(pt, z, s->pressure_kpa[z]),
				    s->pressure_kpa[z], 5, 1);
		}
		printf("\n");
	}
	printf("  %-8s", "degC");
	for (k = 0; k < FS_NTEMPS; k++) {
		printf(" %s ", fs_temp_names[k]);
		print_value(pt, "", s->temperature_c[k], 1, 1);
	}
	printf("\n");
}

static void print_index(const char *name, int v, int max, const char *trend)
{
	if (v < 0) {
		printf("  %-24s n/a\n", name);
		return;
	}
	printf("  %-24s %3d  (max %3d)%s%s\n", name, v, max,
	       *trend ? "  " : "", trend);
}

static void print_sock(const struct painter *pt, const struct ctl_sock *s)
{
	size_t i;

	printf("%s sock %s", s->foot, s->serial);
	if (*s->firmware)
		printf(" (firmware %s)", s->firmware);
	printf(": ");
	paint(pt, ctl_level_color(s->level), *s->level ? s->level : "unknown");
	if (*s->level_max && strcmp(s->level, s->level_max))
		printf(" (max %s)", s->level_max);
	printf(", %s", *s->activity && strcmp(s->activity, "none") ?
	       s->activity : "no activity");
	if (!s->connected)
		printf(", not connected");
	printf("\n");
	print_index("numbness risk", s->numbness_risk, s->numbness_risk_max,
		    s->numbness_trend);
	print_index("circulation restriction", s->circulation_restriction,
		    s->circulation_restriction_max, s->circulation_trend);
	if (*s->baseline)
		printf("  judged %s\n", s->baseline);
	if (!strcmp(s->level, "stop"))
		printf("  STOP: %s\n", fs_advice_stop);	/* first */
	if (!s->n_causes)
		printf("  causes: none\n");
	for (i = 0; i < s->n_causes && i < TOP_CAUSES; i++) {
		int c = cause_index(s->causes[i].name);

		const struct ctl_contrast *ct = find_contrast(s, s->causes[i].name);

		printf("  cause %s %.2f%s%s%s\n", s->causes[i].name,
		       s->causes[i].score, ct ? " (" : "", ct ? ct->text : "",
		       ct ? ")" : "");
		if (c >= 0)
			printf("    %s\n", fs_cause_advice[c]);
	}
	if (s->n_sensor_faults) {
		printf("  sensor faults (left out, not causes):");
		for (i = 0; i < s->n_sensor_faults; i++)
			printf("%s %s%s %s", i ? "," : "",
			       s->sensor_faults[i].temperature ? "temperature " : "",
			       s->sensor_faults[i].name, s->sensor_faults[i].fault);
		printf("\n");
	}
	if (!strcmp(s->relief.kind, "relieved")) {
		printf("  relieved: %s, swing pressure %.1f -> %.1f kPa",
		       s->relief.cause, s->relief.before_kpa, s->relief.after_kpa);
		if (!isnan(s->relief.rewarm_c))
			printf(", toe rewarmed %.1f degC in %.0f min",
			       s->relief.rewarm_c, s->relief.minutes);
		printf("\n");
	} else if (s->relief.kind[0]) {
		printf("  not relieved: %s still %.1f kPa %.0f min after it was named: stop and re-lace\n",
		       s->relief.cause, s->relief.after_kpa, s->relief.minutes);
	}
	printf("  gait: cadence ");
	print_value(pt, "", s->cadence_spm, 1, 0);
	printf(" spm, stance ");
	print_value(pt, "", s->stance_s, 1, 3);
	printf(" s, swing ");
	print_value(pt, "", s->swing_s, 1, 3);
	printf(" s\n");
	print_pressures(pt, s);
	printf("  %s, %u Hz, frames %llu, gaps %llu\n",
	       *s->iio_device ? s->iio_device : "no IIO device", s->rate_hz,
	       (unsigned long long)s->frames, (unsigned long long)s->gaps);
}

/* ---- JSON -------------------------------------------------------------- */

static void json_index_value(struct json *j, const char *key, int v)
{
	json_key(j, key);
	if (v < 0)
		json_null(j);
	else
		json_int(j, v);
}

static void json_text_or_null(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (*s)
		json_string(j, s);
	else
		json_null(j);
}

static void json_sock(struct json *j, const struct ctl_sock *s)
{
	const struct ctl_contrast *ct;
	size_t i;
	int k;

	json_begin_object(j);
	json_key(j, "foot");
	json_string(j, s->foot);
	json_key(j, "serial");
	json_string(j, s->serial);
	json_key(j, "firmware");
	json_string(j, s->firmware);
	json_key(j, "connected");
	json_bool(j, s->connected);
	json_key(j, "iio_device");
	json_string(j, s->iio_device);
	json_key(j, "rate_hz");
	json_int(j, (long)s->rate_hz);
	json_key(j, "level");
	json_string(j, s->level);
	json_key(j, "level_max");
	json_string(j, s->level_max);
	json_key(j, "activity");
	json_string(j, s->activity);
	json_text_or_null(j, "baseline", s->baseline);
	json_index_value(j, "numbness_risk", s->numbness_risk);
	json_index_value(j, "numbness_risk_max", s->numbness_risk_max);
	json_text_or_null(j, "numbness_trend", s->numbness_trend);
	json_index_value(j, "circulation_restriction", s->circulation_restriction);
	json_index_value(j, "circulation_restriction_max",
			 s->circulation_restriction_max);
	json_text_or_null(j, "circulation_trend", s->circulation_trend);
	json_key(j, "causes");
	json_begin_array(j);
	for (i = 0; i < s->n_causes; i++) {
		json_begin_object(j);
		json_key(j, "cause");
		json_string(j, s->causes[i].name);
		json_key(j, "score");
		json_number(j, s->causes[i].score, 2);
		ct = find_contrast(s, s->causes[i].name);
		json_key(j, "contrast");
		if (ct)
			json_string(j, ct->contrast);
		else
			json_null(j);
		json_key(j, "contrast_text");
		if (ct)
			json_string(j, ct->text);
		else
			json_null(j);
		json_end_object(j);
	}
	json_end_array(j);
	/* {"zone": "dorsum", "fault": "stuck"}, {"temperature": "toe", ...} */
	json_key(j, "sensor_faults");
	json_begin_array(j);
	for (i = 0; i < s->n_sensor_faults; i++) {
		json_begin_object(j);
		json_key(j, s->sensor_faults[i].temperature ? "temperature" : "zone");
		json_string(j, s->sensor_faults[i].name);
		json_key(j, "fault");
		json_string(j, s->sensor_faults[i].fault);
		json_end_object(j);
	}
	json_end_array(j);
	/* the newest relief or escalation, null before any */
	json_key(j, "relief");
	if (!s->relief.kind[0]) {
		json_null(j);
	} else {
		json_begin_object(j);
		json_key(j, "kind");
		json_string(j, s->relief.kind);
		json_key(j, "cause");
		json_string(j, s->relief.cause);
		json_key(j, "before");
		json_number(j, s->relief.before_kpa, 2);
		json_key(j, "after");
		json_number(j, s->relief.after_kpa, 2);
		json_key(j, "rewarm_c");
		json_number(j, s->relief.rewarm_c, 2);
		json_key(j, "minutes");
		json_number(j, s->relief.minutes, 1);
		json_end_object(j);
	}
	json_key(j, "advice");
	json_begin_array(j);
	if (!strcmp(s->level, "stop"))
		json_string(j, fs_advice_stop);
	for (i = 0; i < s->n_causes; i++) {
		k = cause_index(s->causes[i].name);
		if (k >= 0)
			json_string(j, fs_cause_advice[k]);
	}
	json_end_array(j);
	json_key(j, "gait");
	json_begin_object(j);
	json_key(j, "cadence_spm");
	json_number(j, s->cadence_spm, 1);
	json_key(j, "stance_s");
	json_number(j, s->stance_s, 3);
	json_key(j, "swing_s");
	json_number(j, s->swing_s, 3);
	json_end_object(j);
	json_key(j, "pressure_kpa");
	json_begin_object(j);
	for (k = 0; k < FS_NZONES; k++) {
		json_key(j, fs_zone_names[k]);
		json_number(j, s->pressure_kpa[k], 2);
	}
	json_end_object(j);
	json_key(j, "temperature_c");
	json_begin_object(j);
	for (k = 0; k < FS_NTEMPS; k++) {
		json_key(j, fs_temp_names[k]);
		json_number(j, s->temperature_c[k], 2);
	}
	json_end_object(j);
	json_key(j, "frames");
	json_int(j, (long)s->frames);
	json_key(j, "gaps");
	json_int(j, (long)s->gaps);
	json_end_object(j);
}

static void json_status(const struct ctl_daemon *d, const char *foot)
{
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_begin_object(&j);
	json_key(&j, "daemon");
	json_begin_object(&j);
	json_key(&j, "version");
	json_string(&j, d->version);
	json_key(&j, "uptime_s");
	json_number(&j, d->uptime_s, 1);
	json_key(&j, "status");
	json_string(&j, d->status);
	json_text_or_null(&j, "recording", d->recording);
	json_end_object(&j);
	json_key(&j, "socks");
	json_begin_array(&j);
	for (i = 0; i < d->n_socks; i++)
		if (!foot || !strcmp(d->socks[i].foot, foot))
			json_sock(&j, &d->socks[i]);
	json_end_array(&j);
	json_end_object(&j);
	fputc('\n', stdout);
}

/* ---- commands ----------------------------------------------------------- */

int status_check(struct ctl *c)
{
	return ctl_check_foot(c, "status", 0);
}

int status_run(struct ctl *c)
{
	struct painter pt = { .color = c->color };
	const struct ctl_daemon *d = &c->daemon;
	char msg[CTL_MSG_MAX];
	size_t i, shown = 0;

	for (i = 0; i < d->n_socks; i++)
		shown += !c->foot || !strcmp(d->socks[i].foot, c->foot);
	if (c->json) {
		json_status(d, c->foot);
	} else {
		fs_params_default(&pt.p);
		printf("footsockd %s, up %.0f s%s%s\n", d->version, d->uptime_s,
		       *d->recording ? ", recording to " : "", d->recording);
		for (i = 0; i < d->n_socks; i++) {
			if (c->foot && strcmp(d->socks[i].foot, c->foot))
				continue;
			printf("\n");
			print_sock(&pt, &d->socks[i]);
		}
	}
	if (!shown) {
		snprintf(msg, sizeof(msg), "no %s%ssock connected",
			 c->foot ? c->foot : "", c->foot ? " " : "");
		return ctl_fail(msg);
	}
	return ctl_flush_stdout();
}

int check_check(struct ctl *c)
{
	c->level = FS_LEVEL_WATCH;
	if (!c->max_level)
		return 0;
	c->level = ctl_level_index(c->max_level);
	if (c->level < 0 || c->level == FS_LEVEL_STOP)
		return ctl_usage_error("check", "--max-level must be ok, watch or warning, not '%s'",
				       c->max_level);
	return 0;
}

int check_run(struct ctl *c)
{
	const struct ctl_daemon *d = &c->daemon;
	bool above = false;
	int max = c->level, status;
	struct json j;
	size_t i;

	if (!d->n_socks) {
		ctl_fail("no sock connected");
		return CTL_EXIT_UNAVAILABLE;
	}
	for (i = 0; i < d->n_socks; i++)
		above |= ctl_level_index(d->socks[i].level) > max;
	status = above ? CTL_EXIT_FAILURE : CTL_EXIT_OK;

	if (c->json) {
		json_init(&j, stdout);
		json_begin_object(&j);
		json_key(&j, "max_level");
		json_string(&j, fs_level_names[max]);
		json_key(&j, "above");
		json_bool(&j, above);
		json_key(&j, "exit_status");
		json_int(&j, status);
		json_key(&j, "socks");
		json_begin_array(&j);
		for (i = 0; i < d->n_socks; i++) {
			json_begin_object(&j);
			json_key(&j, "foot");
			json_string(&j, d->socks[i].foot);
			json_key(&j, "serial");
			json_string(&j, d->socks[i].serial);
			json_key(&j, "level");
			json_string(&j, d->socks[i].level);
			json_key(&j, "above");
			json_bool(&j, ctl_level_index(d->socks[i].level) > max);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
		fputc('\n', stdout);
	} else {
		for (i = 0; i < d->n_socks; i++)
			printf("%s %s: %s%s\n", d->socks[i].foot, d->socks[i].serial,
			       d->socks[i].level,
			       ctl_level_index(d->socks[i].level) > max ?
			       " (above the maximum)" : "");
	}
	/* Not written: the answer is not known, as with no daemon. */
	if (ctl_flush_stdout())
		return CTL_EXIT_UNAVAILABLE;
	return status;
}
