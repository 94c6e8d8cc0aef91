// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl analyze: read a recording (footsock v1, Moticon, gaitpdb)
 * through libfootsock (run.c), report per foot.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "analysis.h"
#include "contrast.h"
#include "profile.h"
#include "profile-store.h"
#include "ctl.h"
#include "json.h"
#include "run.h"

#define SAMPLE_PERIOD_S 60.0

/* ---- report ------------------------------------------------------------ */

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
			       r->after_kpa, run_relief_site(r->cause), r->minutes);
			continue;
		}
		printf("  relieved: %s at %.0f s (told %.0f s later): %s swing pressure %.1f -> %.1f kPa",
		       fs_cause_names[r->cause], r->at_t - a->im.first_t,
		       r->detected_t - r->at_t, run_relief_site(r->cause),
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
		      const struct fs_state *st, const struct fs_contrast *ct,
		      enum fs_foot_side foot)
{
	char line[160];
	const struct fs_gait *g = &st->session;
	const char *adv[FS_NCAUSES + 2];
	struct run_ranked rk[FS_NCAUSES];
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
	n = run_ranked_causes(st, &a->p, rk);
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
		json_key(j, "contrast");
		json_string(j, fs_contrast_names[ct->kind[rk[i].cause]]);
		fs_contrast_describe(ct, rk[i].cause, foot, line, sizeof(line));
		json_key(j, "contrast_text");
		json_string(j, line);
		json_end_object(j);
	}
	json_end_array(j);
	na = run_advice(st, rk, n, adv);
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
	json_key(j, "neuroma_rise");
	json_number(j, st->zone_seen[FS_Z_MET3_4] ? st->neuroma_rise : NAN, 3);
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

/* Left minus right per zone or site; NANs (a zone one foot lacks) left out. */
static void json_diffs(struct json *j, const char *key, const double *d,
		       const char *const *names, int n, int decimals)
{
	int i;

	json_key(j, key);
	json_begin_object(j);
	for (i = 0; i < n; i++) {
		if (isnan(d[i]))
			continue;
		json_key(j, names[i]);
		json_number(j, d[i], decimals);
	}
	json_end_object(j);
}

/*
 * "causes": each cause named on either foot, its contrast and both
 * feet's figures: [{"cause": "tight_laces", "contrast": "left_only",
 * "figure": "dorsum_swing_floor_kpa", "left": 9.1, "right": 1.2}].
 */
static void json_contrast_causes(struct json *j, const struct fs_contrast *ct)
{
	int c, f;

	json_key(j, "causes");
	json_begin_array(j);
	for (c = 0; c < FS_NCAUSES; c++) {
		if (ct->kind[c] == FS_CONTRAST_NONE)
			continue;
		json_begin_object(j);
		json_key(j, "cause");
		json_string(j, fs_cause_names[c]);
		json_key(j, "contrast");
		json_string(j, fs_contrast_names[ct->kind[c]]);
		json_key(j, "figure");
		json_string(j, fs_cause_figure_keys[c]);
		for (f = 0; f < 2; f++) {
			json_key(j, run_foot_names[f]);
			json_number(j, ct->figure[c][f], 2);
		}
		json_end_object(j);
	}
	json_end_array(j);
}

static void report_json(const struct analysis *a, const struct fs_state st[2],
			const bool have[2], const struct fs_contrast *ct)
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
	json_number(&j, run_duration(a), 2);
	json_end_object(&j);

	json_key(&j, "feet");
	json_begin_object(&j);
	for (foot = 0; foot < 2; foot++) {
		if (!have[foot])
			continue;
		json_key(&j, run_foot_names[foot]);
		json_foot(&j, a, &st[foot], ct, foot);
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
		json_diffs(&j, "pti_kpa_s", ct->pti_kpa_s, fs_zone_names,
			   FS_NZONES, 2);
		json_diffs(&j, "swing_floor_kpa", ct->floor_kpa, fs_zone_names,
			   FS_NZONES, 2);
		json_diffs(&j, "dose", ct->dose, fs_site_names, FS_NSITES, 3);
		json_key(&j, "loading_rate_kpa_s");
		json_number(&j, ct->loading_rate_kpa_s, 0);
	}
	json_key(&j, "available");
	json_bool(&j, ct->available);
	json_contrast_causes(&j, ct);
	json_end_object(&j);

	json_key(&j, "events");
	json_begin_array(&j);
	for (i = 0; i < (int)a->nev; i++) {
		const struct run_event *e = &a->ev[i];

		json_begin_object(&j);
		json_key(&j, "time_s");
		json_number(&j, e->t - a->im.first_t, 1);
		json_key(&j, "foot");
		json_string(&j, run_foot_names[e->foot]);
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
			const bool have[2], const struct fs_contrast *ct)
{
	const char *adv[FS_NCAUSES + 2];
	char line[160];
	struct run_ranked rk[FS_NCAUSES];
	int foot, i, n, na;
	size_t k, stride;

	printf("footsock analysis of %s (%s, %.1f s)\n", a->path,
	       fs_format_names[a->im.fmt], run_duration(a));
	for (foot = 0; foot < 2; foot++) {
		const struct fs_state *s = &st[foot];
		const struct fs_gait *g = &s->session;
		const struct foot_run *run = &a->feet[foot];

		if (!have[foot])
			continue;
		printf("\n%s foot (%s at the end)\n", run_foot_names[foot],
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
		n = run_ranked_causes(s, &a->p, rk);
		printf("  causes:");
		if (!n)
			printf(" none");
		for (i = 0; i < n; i++)
			printf("%s %s %.2f (from %.0f s)", i ? "," : "",
			       fs_cause_names[rk[i].cause], rk[i].score,
			       rk[i].first_t - a->im.first_t);
		printf("\n");
		for (i = 0; i < n; i++) {
			fs_contrast_describe(ct, rk[i].cause, foot, line,
					     sizeof(line));
			printf("    %s: %s\n", fs_cause_names[rk[i].cause], line);
		}
		print_sensor_faults(s);
		print_reliefs(a, s);
		if (run->ns > 1) {
			printf("  risk over time:\n    %8s %9s %12s %-8s %s\n", "time s",
			       "numbness", "circulation", "level", "top cause");
			stride = (run->ns + 19) / 20;
			for (k = 0; k < run->ns; k += stride) {
				const struct run_sample *sm = &run->samples[k];

				printf("    %8.0f %9d %12d %-8s %s\n",
				       sm->t - a->im.first_t, sm->numbness, sm->circ,
				       fs_level_names[sm->level],
				       sm->cause >= 0 ? fs_cause_names[sm->cause] : "-");
			}
		}
		na = run_advice(s, rk, n, adv);
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
		printf(", stance %+.3f s", st[0].session.stance_s - st[1].session.stance_s);
		if (!isnan(ct->loading_rate_kpa_s))
			printf(", loading rate %+.0f kPa/s", ct->loading_rate_kpa_s);
		printf("\n");
	} else {
		printf("\nleft-right contrast: unavailable (one foot in the input)\n");
	}
	for (k = 0; k < a->nev; k++)
		printf("%s%8.1f s  %-5s  %-7s %s%s\n", k ? "" : "\nevents:\n",
		       a->ev[k].t - a->im.first_t, run_foot_names[a->ev[k].foot],
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
	struct analysis a;
	struct fs_profile prof;
	const struct fs_profile *use = NULL;
	struct fs_state st[2];
	struct fs_contrast ct;
	bool have[2];
	int r, foot;

	if (c->profile) {
		char why[4352];

		r = profile_store_read(c->profile, &prof, why, sizeof(why));
		if (r < 0) {
			fprintf(stderr, "footsockctl: %s\n", why);
			return 1;
		}
		use = &prof;
	}
	r = run_load(&a, c->args[0], (enum fs_format)c->fmt, SAMPLE_PERIOD_S,
		     use);
	if (r >= 0) {
		for (foot = 0; foot < 2; foot++) {
			have[foot] = a.feet[foot].foot != NULL;
			if (have[foot])
				fs_foot_state(a.feet[foot].foot, &st[foot]);
		}
		fs_contrast_compute(have[0] ? &st[0] : NULL,
				    have[1] ? &st[1] : NULL, &a.p,
				    FS_CONTRAST_SESSION, &ct);
		if (c->json)
			report_json(&a, st, have, &ct);
		else
			report_text(&a, st, have, &ct);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "footsockctl: write error\n");
			r = -EIO;
		}
	}
	run_free(&a);
	return r < 0 ? 1 : 0;
}
