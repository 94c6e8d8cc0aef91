// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl analyze: read a recording (footsock v1, Moticon, gaitpdb)
 * line by line, feed libfootsock, report per foot. File reading lives
 * here; the library sees only lines and frames.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis.h"
#include "import.h"
#include "profile.h"
#include "profile-store.h"
#include "lines.h"
#include "ctl.h"
#include "json.h"

#define SAMPLE_PERIOD_S 60.0

struct sample {
	double t;
	int numbness, circ;
	enum fs_level level;
	int cause;
};

struct event {
	double t;
	int foot;
	enum fs_level level;
	int cause;
	bool red_flag;
};

struct foot_run {
	struct fs_foot *foot;
	struct sample *samples;
	size_t ns, cap;
	double next_sample;
};

struct analysis {
	const char *path;
	struct fs_params p;
	const struct fs_profile *prof;	/* --profile, NULL: population */
	struct fs_import im;
	struct foot_run feet[2];
	struct event *ev;
	size_t nev, evcap;
	unsigned long frames;
};

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
	void *p;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 64;
	p = realloc(*arr, c * size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = c;
	return 0;
}

static int add_sample(struct foot_run *fr, const struct fs_state *st,
		      const struct fs_params *p)
{
	int r = grow((void **)&fr->samples, &fr->cap, fr->ns, sizeof(*fr->samples));

	if (r < 0)
		return r;
	fr->samples[fr->ns++] = (struct sample){
		.t = st->t, .numbness = st->numbness_risk,
		.circ = st->circulation_restriction, .level = st->level,
		.cause = fs_state_top_cause(st, p),
	};
	return 0;
}

static int add_event(struct analysis *a, int foot, const struct fs_state *st,
		     bool red_flag)
{
	int r = grow((void **)&a->ev, &a->evcap, a->nev, sizeof(*a->ev));

	if (r < 0)
		return r;
	a->ev[a->nev++] = (struct event){
		.t = st->t, .foot = foot, .level = st->level,
		.cause = fs_state_top_cause(st, &a->p), .red_flag = red_flag,
	};
	return 0;
}

static int feed(struct analysis *a, int foot, const struct fs_frame *fr)
{
	struct foot_run *run = &a->feet[foot];
	struct fs_state st;
	int r;

	if (!run->foot) {
		struct fs_params fp = a->p;

		fs_profile_apply(a->prof, foot, &fp);
		r = fs_foot_new(&fp, &run->foot);
		if (r < 0)
			return r;
		run->next_sample = fr->t;
	}
	r = fs_foot_feed(run->foot, fr);
	if (r < 0)
		return r;
	a->frames++;
	if ((r & (FS_EV_LEVEL | FS_EV_RED_FLAG)) || fr->t >= run->next_sample) {
		fs_foot_state(run->foot, &st);
		if (r & FS_EV_LEVEL) {
			r = add_event(a, foot, &st, false);
			if (r < 0)
				return r;
		}
		if (r & FS_EV_RED_FLAG) {
			r = add_event(a, foot, &st, true);
			if (r < 0)
				return r;
		}
		if (fr->t >= run->next_sample) {
			run->next_sample += SAMPLE_PERIOD_S;
			r = add_sample(run, &st, &a->p);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

static int line_error(struct analysis *a)
{
	if (a->im.err_col)
		fprintf(stderr, "footsockctl: %s:%lu:%d: %s\n", a->path,
			a->im.line, a->im.err_col, a->im.err);
	else
		fprintf(stderr, "footsockctl: %s:%lu: %s\n", a->path,
			a->im.line, a->im.err);
	return -EINVAL;
}

/* A line; last: the input's last, without a newline (it may be torn). */
static int process_line(struct analysis *a, const char *s, size_t len,
			bool last)
{
	struct fs_frame out[2];
	int mask, foot, r;

	mask = last ? fs_import_last_line(&a->im, s, len, out) :
		      fs_import_line(&a->im, s, len, out);
	if (mask < 0)
		return line_error(a);
	if (a->im.torn)
		fprintf(stderr, "footsockctl: %s:%lu: warning: torn last line ignored (%s)\n",
			a->path, a->im.line, a->im.err);
	for (foot = 0; foot < 2; foot++) {
		if (!(mask & (1 << foot)))
			continue;
		r = feed(a, foot, &out[foot]);
		if (r == -EINVAL) {
			snprintf(a->im.err, sizeof(a->im.err), "time goes back");
			a->im.err_col = 1;
			return line_error(a);
		}
		if (r < 0)
			return r;
	}
	return 0;
}

static int process_line_cb(void *ctx, const char *s, size_t len)
{
	return process_line(ctx, s, len, false);
}

static int process_last_line_cb(void *ctx, const char *s, size_t len)
{
	return process_line(ctx, s, len, true);
}

/* Lines of at most FS_MAX_LINE bytes; memory stays bounded. */
static int read_file(struct analysis *a, FILE *f)
{
	char chunk[65536];
	struct fs_lines lines;
	size_t n;
	int r;

	r = fs_lines_init(&lines, FS_MAX_LINE);
	if (r < 0)
		return r;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		r = fs_lines_feed(&lines, chunk, n, process_line_cb, a);
		if (r < 0)
			break;
	}
	if (r >= 0 && ferror(f)) {
		r = -EIO;
		fprintf(stderr, "footsockctl: %s: read error\n", a->path);
	}
	if (r >= 0)
		r = fs_lines_finish(&lines, process_last_line_cb, a);
	if (r == -E2BIG) {
		a->im.line++;
		snprintf(a->im.err, sizeof(a->im.err),
			 "line longer than %d bytes", FS_MAX_LINE);
		a->im.err_col = 0;
		r = line_error(a);
	} else if (r >= 0 && lines.total == 0) {
		fprintf(stderr, "footsockctl: %s: empty file\n", a->path);
		r = -ENODATA;
	} else if (r >= 0 && a->frames == 0) {
		fprintf(stderr, "footsockctl: %s:%lu: no data rows\n", a->path,
			a->im.line);
		r = -ENODATA;
	}
	fs_lines_free(&lines);
	return r;
}

/* ---- report ------------------------------------------------------------ */

struct ranked {
	int cause;
	double score;
	double first_t;		/* frame time it first qualified */
};

/*
 * The causes that qualified in the session (their evidence held
 * cause_sustain_s and cause_sustain_strides, docs/analysis.md), by the
 * highest sustained score.
 */
static int ranked_causes(const struct fs_state *st, const struct fs_params *p,
			 struct ranked *out)
{
	int c, i, n = 0;

	for (c = 0; c < FS_NCAUSES; c++) {
		if (isnan(st->cause_first_qualified_t[c]) ||
		    st->cause_score_max[c] < p->cause_evidence)
			continue;
		for (i = n; i > 0 && out[i - 1].score < st->cause_score_max[c]; i--)
			out[i] = out[i - 1];
		out[i] = (struct ranked){ c, st->cause_score_max[c],
					  st->cause_first_qualified_t[c] };
		n++;
	}
	return n;
}

static int advice(const struct fs_state *st, const struct ranked *rk, int n,
		  const char **out)
{
	int i, k = 0;

	if (st->level_max >= FS_LEVEL_STOP)
		out[k++] = fs_advice_stop;
	for (i = 0; i < n; i++)
		out[k++] = fs_cause_advice[rk[i].cause];
	if (st->red_flag || st->level_max >= FS_LEVEL_WARNING)
		out[k++] = fs_advice_red_flag;
	return k;
}

static double duration(const struct analysis *a)
{
	return a->im.have_time ? a->im.end_t - a->im.first_t : 0.0;
}

static const char *const foot_names[2] = { "left", "right" };

static void json_index(struct json *j, const char *key, int final, int max)
{
	json_key(j, key);
	if (final < 0) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_key(j, "final");
	json_int(j, final);
	json_key(j, "max");
	json_int(j, max);
	json_end_object(j);
}

/*
 * Every sensor fault of the session, per zone or site and kind:
 * [{"zone": "dorsum", "fault": "stuck"}, {"temperature": "toe", ...}].
 */
static void json_sensor_faults(struct json *j, const struct fs_state *st)
{
	int i, k;

	json_begin_array(j);
	for (i = 0; i < FS_NZONES + FS_NTEMPS; i++) {
		bool zone = i < FS_NZONES;
		unsigned int seen = zone ? st->zone_fault_seen[i] :
				    st->temp_fault_seen[i - FS_NZONES];

		for (k = 1; k < FS_NSENSOR_FAULTS; k++) {
			if (!(seen & (1u << k)))
				continue;
			json_begin_object(j);
			json_key(j, zone ? "zone" : "temperature");
			json_string(j, zone ? fs_zone_names[i] :
				    fs_temp_names[i - FS_NZONES]);
			json_key(j, "fault");
			json_string(j, fs_sensor_fault_names[k]);
			json_end_object(j);
		}
	}
	json_end_array(j);
}

static void print_sensor_faults(const struct fs_state *st)
{
	int i, k, n = 0;

	for (i = 0; i < FS_NZONES + FS_NTEMPS; i++) {
		bool zone = i < FS_NZONES;
		unsigned int seen = zone ? st->zone_fault_seen[i] :
				    st->temp_fault_seen[i - FS_NZONES];

		for (k = 1; k < FS_NSENSOR_FAULTS; k++)
			if (seen & (1u << k))
				printf("%s %s%s %s", n++ ? "," : "  sensor faults (left out, not causes):",
				       zone ? "" : "temperature ",
				       zone ? fs_zone_names[i] : fs_temp_names[i - FS_NZONES],
				       fs_sensor_fault_names[k]);
	}
	if (n)
		printf("\n");
}

/* Where each fit cause presses (fit causes only have reliefs). */
static const char *relief_site(enum fs_cause c)
{
	switch (c) {
	case FS_C_TIGHT_LACES:
		return "dorsum";
	case FS_C_TIGHT_TOEBOX:
		return "toe box";
	case FS_C_TIGHT_SOCK:
		return "cuff";
	default:
		return "site";
	}
}

/* The kept records of one kind, oldest first; returns how many. */
static int reliefs(const struct fs_state *st, enum fs_relief_kind kind,
		   const struct fs_relief **out)
{
	unsigned int k = st->nrelief > FS_RELIEF_MAX ? st->nrelief - FS_RELIEF_MAX : 0;
	int n = 0;

	for (; k < st->nrelief; k++)
		if (st->relief[k % FS_RELIEF_MAX].kind == kind)
			out[n++] = &st->relief[k % FS_RELIEF_MAX];
	return n;
}

/*
 * "relief": [{"cause", "at_s", "before", "after", "rewarm_c", "minutes",
 * ...}], "not_relieved": [{"cause", "at_s", "before", "after",
 * "minutes"}] (docs/cli.md).
 */
static void json_reliefs(struct json *j, const struct analysis *a,
			 const struct fs_state *st, enum fs_relief_kind kind)
{
	const struct fs_relief *r[FS_RELIEF_MAX];
	int i, n = reliefs(st, kind, r);

	json_begin_array(j);
	for (i = 0; i < n; i++) {
		json_begin_object(j);
		json_key(j, "cause");
		json_string(j, fs_cause_names[r[i]->cause]);
		json_key(j, "at_s");
		json_number(j, r[i]->at_t - a->im.first_t, 1);
		json_key(j, "before");
		json_number(j, r[i]->before_kpa, 2);
		json_key(j, "after");
		json_number(j, r[i]->after_kpa, 2);
		if (kind == FS_RELIEF_RELIEVED) {
			json_key(j, "rewarm_c");
			json_number(j, r[i]->rewarm_c, 2);
		}
		json_key(j, "minutes");
		json_number(j, r[i]->minutes, 1);
		json_key(j, "named_s");
		json_number(j, r[i]->named_t - a->im.first_t, 1);
		if (kind == FS_RELIEF_RELIEVED) {
			json_key(j, "detected_s");
			json_number(j, r[i]->detected_t - a->im.first_t, 1);
			json_key(j, "numbness_before");
			if (r[i]->numbness_before >= 0)
				json_int(j, r[i]->numbness_before);
			else
				json_null(j);
			json_key(j, "numbness_after");
			if (r[i]->numbness_after >= 0)
				json_int(j, r[i]->numbness_after);
			else
				json_null(j);
		}
		json_end_object(j);
	}
	json_end_array(j);
}

/*
 * "laces loosened at 420 s: dorsum swing pressure 11.8 -> 1.2 kPa; toe
 * rewarmed 1.4 degC in 10 min; numbness risk 97 -> 12", and the
 * escalations.
 */
static void print_reliefs(const struct analysis *a, const struct fs_state *st)
{
	unsigned int k = st->nrelief > FS_RELIEF_MAX ? st->nrelief - FS_RELIEF_MAX : 0;
	const struct fs_relief *r;

	for (; k < st->nrelief; k++) {
		r = &st->relief[k % FS_RELIEF_MAX];
		if (r->kind == FS_RELIEF_NOT_RELIEVED) {
			printf("  not relieved: %s at %.0f s, still %.1f kPa at the %s %.0f min after it was named: stop and re-lace (or change the shoe or sock)\n",
			       fs_cause_names[r->cause], r->at_t - a->im.first_t,
			       r->after_kpa, relief_site(r->cause), r->minutes);
			continue;
		}
		printf("  relieved: %s at %.0f s (told %.0f s later): %s swing pressure %.1f -> %.1f kPa",
		       fs_cause_names[r->cause], r->at_t - a->im.first_t,
		       r->detected_t - r->at_t, relief_site(r->cause),
		       r->before_kpa, r->after_kpa);
		if (!isnan(r->rewarm_c))
			printf("; toe rewarmed %.1f degC in %.0f min", r->rewarm_c,
			       r->minutes);
		if (r->numbness_before >= 0 && r->numbness_after >= 0)
			printf("; numbness risk %d -> %d", r->numbness_before,
			       r->numbness_after);
		printf("\n");
	}
}

static void json_foot(struct json *j, const struct analysis *a,
		      const struct fs_state *st)
{
	const struct fs_gait *g = &st->session;
	const char *adv[FS_NCAUSES + 2];
	struct ranked rk[FS_NCAUSES];
	int i, n, na;

	json_begin_object(j);
	json_key(j, "gait");
	json_begin_object(j);
	json_key(j, "steps");
	json_int(j, g->steps);
	json_key(j, "cadence_spm");
	json_number(j, g->strides ? g->cadence_spm : NAN, 1);
	json_key(j, "stride_time_s");
	json_number(j, g->strides ? g->stride_time_s : NAN, 3);
	json_key(j, "stance_s");
	json_number(j, g->stance_s > 0.0 ? g->stance_s : NAN, 3);
	json_key(j, "swing_s");
	json_number(j, g->swing_s > 0.0 ? g->swing_s : NAN, 3);
	json_key(j, "stance_fraction");
	json_number(j, g->stance_fraction > 0.0 ? g->stance_fraction : NAN, 3);
	json_key(j, "activity");
	json_string(j, fs_activity_names[st->activity]);
	json_end_object(j);
	json_index(j, "numbness_risk", st->numbness_risk, st->numbness_risk_max);
	json_index(j, "circulation_restriction", st->circulation_restriction,
		   st->circulation_restriction_max);
	json_key(j, "level");
	json_begin_object(j);
	json_key(j, "final");
	json_string(j, fs_level_names[st->level]);
	json_key(j, "max");
	json_string(j, fs_level_names[st->level_max]);
	json_end_object(j);
	n = ranked_causes(st, &a->p, rk);
	json_key(j, "causes");
	json_begin_array(j);
	for (i = 0; i < n; i++) {
		json_begin_object(j);
		json_key(j, "cause");
		json_string(j, fs_cause_names[rk[i].cause]);
		json_key(j, "score");
		json_number(j, rk[i].score, 2);
		json_key(j, "first_qualified_s");
		json_number(j, rk[i].first_t - a->im.first_t, 1);
		json_end_object(j);
	}
	json_end_array(j);
	na = advice(st, rk, n, adv);
	json_key(j, "advice");
	json_begin_array(j);
	for (i = 0; i < na; i++)
		json_string(j, adv[i]);
	json_end_array(j);
	json_key(j, "red_flag");
	json_bool(j, st->red_flag);
	json_key(j, "sensor_faults");
	json_sensor_faults(j, st);
	json_key(j, "loading");
	json_begin_object(j);
	json_key(j, "heel_peak_kpa");
	json_number(j, st->zone_seen[FS_Z_HEEL_MED] ? st->heel_peak_kpa : NAN, 1);
	json_key(j, "loading_rate_kpa_s");
	json_number(j, st->zone_seen[FS_Z_HEEL_MED] ? st->loading_rate_kpa_s : NAN, 0);
	json_key(j, "heel_ratio");
	json_number(j, st->zone_seen[FS_Z_HEEL_MED] ? st->heel_ratio : NAN, 3);
	json_key(j, "medial_share");
	json_number(j, st->zone_seen[FS_Z_ARCH] ? st->medial_share : NAN, 3);
	json_key(j, "neuroma_ratio");
	json_number(j, st->zone_seen[FS_Z_MET3_4] ? st->neuroma_ratio : NAN, 3);
	json_end_object(j);
	json_key(j, "relief");
	json_reliefs(j, a, st, FS_RELIEF_RELIEVED);
	json_key(j, "not_relieved");
	json_reliefs(j, a, st, FS_RELIEF_NOT_RELIEVED);
	json_key(j, "swing_floor_kpa");
	json_begin_object(j);
	for (i = FS_Z_DORSUM; i < FS_NZONES; i++) {
		if (!st->zone_seen[i])
			continue;
		json_key(j, fs_zone_names[i]);
		json_number(j, st->floor_kpa[i], 2);
	}
	json_end_object(j);
	json_end_object(j);
}

static void report_json(const struct analysis *a, const struct fs_state st[2],
			const bool have[2])
{
	struct json j;
	char base[64];
	int foot, i;

	fs_profile_baseline(a->prof, &a->p, base, sizeof(base));
	json_init(&j, stdout);
	json_begin_object(&j);
	json_key(&j, "source");
	json_begin_object(&j);
	json_key(&j, "format");
	json_string(&j, fs_format_names[a->im.fmt]);
	json_key(&j, "duration_s");
	json_number(&j, duration(a), 2);
	json_end_object(&j);

	json_key(&j, "feet");
	json_begin_object(&j);
	for (foot = 0; foot < 2; foot++) {
		if (!have[foot])
			continue;
		json_key(&j, foot_names[foot]);
		json_foot(&j, a, &st[foot]);
	}
	json_end_object(&j);

	json_key(&j, "baseline");
	json_begin_object(&j);
	json_key(&j, "subject");
	if (a->prof)
		json_string(&j, a->prof->subject);
	else
		json_null(&j);
	json_key(&j, "runs");
	json_int(&j, fs_profile_usable(a->prof, &a->p) ? (long)a->prof->runs : 0);
	json_key(&j, "text");
	json_string(&j, base);
	json_end_object(&j);

	json_key(&j, "asymmetry");
	json_begin_object(&j);
	if (have[0] && have[1]) {
		json_key(&j, "temperature_c");
		json_begin_object(&j);
		for (i = 0; i < FS_NTEMPS; i++) {
			double d = st[0].temp_mean_c[i] - st[1].temp_mean_c[i];

			if (isnan(d))
				continue;
			json_key(&j, fs_temp_names[i]);
			json_number(&j, d, 2);
		}
		json_end_object(&j);
		json_key(&j, "temperature_flagged");
		json_begin_array(&j);
		for (i = 0; i < FS_NTEMPS; i++) {
			double d = st[0].temp_mean_c[i] - st[1].temp_mean_c[i];

			if (fs_profile_asym_flagged(a->prof, &a->p, i, d))
				json_string(&j, fs_temp_names[i]);
		}
		json_end_array(&j);
		json_key(&j, "usual_temperature_c");
		json_begin_object(&j);
		for (i = 0; i < FS_NTEMPS; i++) {
			double u = fs_profile_usual_asym(a->prof, &a->p, i);

			if (isnan(u))
				continue;
			json_key(&j, fs_temp_names[i]);
			json_number(&j, u, 2);
		}
		json_end_object(&j);
		json_key(&j, "stance_s");
		json_number(&j, st[0].session.stance_s - st[1].session.stance_s, 3);
	}
	json_end_object(&j);

	json_key(&j, "events");
	json_begin_array(&j);
	for (i = 0; i < (int)a->nev; i++) {
		const struct event *e = &a->ev[i];

		json_begin_object(&j);
		json_key(&j, "time_s");
		json_number(&j, e->t - a->im.first_t, 1);
		json_key(&j, "foot");
		json_string(&j, foot_names[e->foot]);
		json_key(&j, "level");
		json_string(&j, fs_level_names[e->level]);
		json_key(&j, "cause");
		if (e->cause >= 0)
			json_string(&j, fs_cause_names[e->cause]);
		else
			json_null(&j);
		if (e->red_flag) {
			json_key(&j, "red_flag");
			json_bool(&j, true);
		}
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	fputc('\n', stdout);
}

static void print_index(const char *name, int final, int max)
{
	if (final < 0)
		printf("  %-24s n/a (no pressure or temperature data)\n", name);
	else
		printf("  %-24s final %3d  max %3d\n", name, final, max);
}

static void report_text(const struct analysis *a, const struct fs_state st[2],
			const bool have[2])
{
	const char *adv[FS_NCAUSES + 2];
	struct ranked rk[FS_NCAUSES];
	int foot, i, n, na;
	size_t k, stride;

	printf("footsock analysis of %s (%s, %.1f s)\n", a->path,
	       fs_format_names[a->im.fmt], duration(a));
	for (foot = 0; foot < 2; foot++) {
		const struct fs_state *s = &st[foot];
		const struct fs_gait *g = &s->session;
		const struct foot_run *run = &a->feet[foot];

		if (!have[foot])
			continue;
		printf("\n%s foot (%s at the end)\n", foot_names[foot],
		       fs_activity_names[s->activity]);
		printf("  gait: steps %u", g->steps);
		if (g->strides)
			printf(", cadence %.1f spm, stride %.3f s", g->cadence_spm,
			       g->stride_time_s);
		if (g->stance_fraction > 0.0)
			printf(", stance %.3f s, swing %.3f s, stance fraction %.2f",
			       g->stance_s, g->swing_s, g->stance_fraction);
		printf("\n");
		print_index("numbness risk:", s->numbness_risk, s->numbness_risk_max);
		print_index("circulation restriction:", s->circulation_restriction,
			    s->circulation_restriction_max);
		printf("  %-24s final %s, max %s%s\n", "level:",
		       fs_level_names[s->level], fs_level_names[s->level_max],
		       s->red_flag ? " (RED FLAG: risk stayed high after running stopped)" : "");
		n = ranked_causes(s, &a->p, rk);
		printf("  causes:");
		if (!n)
			printf(" none");
		for (i = 0; i < n; i++)
			printf("%s %s %.2f (from %.0f s)", i ? "," : "",
			       fs_cause_names[rk[i].cause], rk[i].score,
			       rk[i].first_t - a->im.first_t);
		printf("\n");
		print_sensor_faults(s);
		print_reliefs(a, s);
		if (run->ns > 1) {
			printf("  risk over time:\n    %8s %9s %12s %-8s %s\n", "time s",
			       "numbness", "circulation", "level", "top cause");
			stride = (run->ns + 19) / 20;
			for (k = 0; k < run->ns; k += stride) {
				const struct sample *sm = &run->samples[k];

				printf("    %8.0f %9d %12d %-8s %s\n",
				       sm->t - a->im.first_t, sm->numbness, sm->circ,
				       fs_level_names[sm->level],
				       sm->cause >= 0 ? fs_cause_names[sm->cause] : "-");
			}
		}
		na = advice(s, rk, n, adv);
		if (na) {
			printf("  advice:\n");
			for (i = 0; i < na; i++)
				printf("    - %s\n", adv[i]);
		}
	}
	if (have[0] && have[1]) {
		char base[64];

		fs_profile_baseline(a->prof, &a->p, base, sizeof(base));
		printf("\nleft-right asymmetry (%s):", base);
		for (i = 0; i < FS_NTEMPS; i++) {
			double d = st[0].temp_mean_c[i] - st[1].temp_mean_c[i];
			double u = fs_profile_usual_asym(a->prof, &a->p, i);

			if (isnan(d))
				continue;
			printf(" %s %+.2f degC", fs_temp_names[i], d + 0.0);
			if (!isnan(u))
				printf(" (usual %+.2f)", u + 0.0);
			if (fs_profile_asym_flagged(a->prof, &a->p, i, d))
				printf(" (FLAGGED)");
		}
		printf(", stance %+.3f s\n", st[0].session.stance_s - st[1].session.stance_s);
	}
	for (k = 0; k < a->nev; k++)
		printf("%s%8.1f s  %-5s  %-7s %s%s\n", k ? "" : "\nevents:\n",
		       a->ev[k].t - a->im.first_t, foot_names[a->ev[k].foot],
		       fs_level_names[a->ev[k].level],
		       a->ev[k].cause >= 0 ? fs_cause_names[a->ev[k].cause] : "-",
		       a->ev[k].red_flag ? "  red flag" : "");
}

int analyze_check(struct ctl *c)
{
	enum fs_format fmt = FS_FMT_AUTO;

	if (c->format && fs_format_parse(c->format, &fmt) < 0)
		return ctl_usage_error("analyze", "unknown format '%s' (auto, footsock, moticon or gaitpdb)",
				       c->format);
	c->fmt = (int)fmt;
	return 0;
}

int analyze_run(struct ctl *c)
{
	enum fs_format fmt = (enum fs_format)c->fmt;
	struct analysis a = { 0 };
	struct fs_profile prof;
	struct fs_state st[2];
	bool json = c->json, have[2];
	struct stat sb;
	FILE *f;
	int r, foot;

	a.path = c->args[0];
	fs_params_default(&a.p);
	fs_import_init(&a.im, fmt);
	if (c->profile) {
		char why[4352];

		r = profile_store_read(c->profile, &prof, why, sizeof(why));
		if (r < 0) {
			fprintf(stderr, "footsockctl: %s\n", why);
			return 1;
		}
		a.prof = &prof;
	}

	/* "-": standard input, e.g. footsockctl stream, read to its end. */
	f = strcmp(a.path, "-") ? fopen(a.path, "r") : stdin;
	if (!f) {
		fprintf(stderr, "footsockctl: %s: %s\n", a.path, strerror(errno));
		return 1;
	}
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "footsockctl: %s: is a directory\n", a.path);
		fclose(f);
		return 1;
	}
	r = read_file(&a, f);
	fclose(f);
	if (r == -ENOMEM)
		fprintf(stderr, "footsockctl: out of memory\n");
	if (r >= 0) {
		for (foot = 0; foot < 2; foot++) {
			have[foot] = a.feet[foot].foot != NULL;
			if (have[foot])
				fs_foot_state(a.feet[foot].foot, &st[foot]);
		}
		if (json)
			report_json(&a, st, have);
		else
			report_text(&a, st, have);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "footsockctl: write error\n");
			r = -EIO;
		}
	}
	for (foot = 0; foot < 2; foot++) {
		fs_foot_free(a.feet[foot].foot);
		free(a.feet[foot].samples);
	}
	free(a.ev);
	return r < 0 ? 1 : 0;
}
