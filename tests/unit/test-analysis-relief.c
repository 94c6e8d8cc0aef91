// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Did the fix work (issue 15): the emulator's running model (linked, so
 * that its truth is at hand) through the analysis. For each fit cause and
 * two runners, the cause from minute 1 and removed (--relief) at minute
 * 20: the relief is told within 60 s of the fix, its swing pressures
 * before and after and the toe's rewarming within 10 % of the model's own
 * values; the escalation, 5 min after the cause was named, came once. A
 * fix before that: no escalation. No fix, an hour of each cause: no
 * relief, one escalation; an hour of normal running: nothing.
 */
#include <math.h>
#include <string.h>

#include "kselftest_harness.h"
#include "analysis.h"
#include "model.h"

#define RATE 100.0
#define ONSET_S 60.0
#define RELIEF_S 1200.0	/* 19 min of the cause: the toe has cooled */
#define FOLLOW_S 660.0	/* the rewarming is followed 10 min */

struct runner {
	double weight_kg, cadence_spm;
	uint64_t seed;
};

/* What the model did and what the analysis told. */
struct outcome {
	struct fs_state st;
	unsigned int relieved, escalations;	/* events */
	/*
	 * The truth: what the sock pressed in the swings of the minute
	 * before the fix and of the minute after (the site's highest zone,
	 * kPa), and the toe-minus-ankle gradient per second of data.
	 */
	double truth_before, truth_after;
	double grad[4000];
};

static bool no_temps;	/* a sock without its temperature channels */
static double half_fix_kpa;	/* left on the dorsum after the fix */

static const int site[3][3] = {
	{ FS_Z_DORSUM, -1, -1 },
	{ FS_Z_TOEBOX_TOP, FS_Z_TOEBOX_MED, FS_Z_TOEBOX_LAT },
	{ FS_Z_CUFF, -1, -1 },
};

/* Per-zone sums of the model's output in swing over a window. */
struct swing_mean {
	double sum[3];
	long n;
};

static void swing_add(struct swing_mean *w, const struct model_out *out, int i)
{
	int k;

	if (out->contact)
		return;
	for (k = 0; k < 3 && site[i][k] >= 0; k++)
		w->sum[k] += out->pressure_kpa[site[i][k]];
	w->n++;
}

static double swing_value(const struct swing_mean *w)
{
	double x = 0.0;
	int k;

	for (k = 0; k < 3; k++)
		x = fmax(x, w->sum[k] / (w->n ? w->n : 1));
	return x;
}

/* Runs scenario for seconds, the cause removed at relief_s (0: never). */
static void play(struct __test_metadata *_metadata, const struct runner *rn,
		 int scenario, double seconds, double relief_s,
		 struct outcome *o)
{
	struct model_params mp;
	struct model m;
	struct model_out out;
	struct fs_foot *f;
	struct fs_frame fr;
	struct swing_mean before = { { 0 }, 0 }, after = { { 0 }, 0 };
	double gsum = 0.0;
	long i, n = lround(seconds * RATE);
	int z, r, fit = scenario - EMU_SC_TIGHT_LACES;
	bool fit_cause = fit >= 0 && fit < 3;

	memset(o, 0, sizeof(*o));
	memset(&mp, 0, sizeof(mp));
	mp.scenario = scenario;
	mp.foot = FOOTSOCK_FOOT_LEFT;
	mp.cadence_spm = rn->cadence_spm;
	mp.weight_kg = rn->weight_kg;
	mp.onset_s = ONSET_S;
	mp.relief_s = relief_s;
	mp.seed = rn->seed;
	model_init(&m, &mp);
	ASSERT_EQ(0, fs_foot_new(NULL, &f));
	for (i = 0; i < n; i++) {
		double t = i / RATE;

		model_step(&m, 1.0 / RATE, &out);
		if (fit_cause && relief_s > 0.0 && t >= relief_s - 60.0 &&
		    t < relief_s)
			swing_add(&before, &out, fit);
		/* the stride under way at the fix is not yet fixed */
		if (fit_cause && relief_s > 0.0 && t >= relief_s + 2.0 &&
		    t < relief_s + 62.0)
			swing_add(&after, &out, fit);
		gsum += out.temp_c[FS_T_TOE] - out.temp_c[FS_T_ANKLE];
		if ((i + 1) % (long)RATE == 0) {
			if (t < 4000)
				o->grad[(int)t] = gsum / RATE;
			gsum = 0.0;
		}
		fs_frame_clear(&fr);
		fr.t = out.time_s;
		for (z = 0; z < FS_NZONES; z++)
			fr.p[z] = (float)out.pressure_kpa[z];
		if (relief_s > 0.0 && t >= relief_s)
			fr.p[FS_Z_DORSUM] += (float)half_fix_kpa;
		for (z = 0; z < FS_NTEMPS && !no_temps; z++)
			fr.temp[z] = (float)out.temp_c[z];
		r = fs_foot_feed(f, &fr);
		ASSERT_LE(0, r);
		o->relieved += !!(r & FS_EV_RELIEVED);
		o->escalations += !!(r & FS_EV_NOT_RELIEVED);
	}
	fs_foot_state(f, &o->st);
	fs_foot_free(f);
	o->truth_before = swing_value(&before);
	o->truth_after = swing_value(&after);
}

static unsigned int count(const struct fs_state *st, enum fs_relief_kind kind,
			  int cause)
{
	unsigned int k, n = 0;

	for (k = 0; k < st->nrelief && k < FS_RELIEF_MAX; k++)
		n += st->relief[k].kind == kind &&
		     (cause < 0 || (int)st->relief[k].cause == cause);
	return n;
}

static const struct fs_relief *find(const struct fs_state *st,
				    enum fs_relief_kind kind)
{
	unsigned int k;

	for (k = 0; k < st->nrelief && k < FS_RELIEF_MAX; k++)
		if (st->relief[k].kind == kind)
			return &st->relief[k];
	return NULL;
}

static double err_pct(double got, double want)
{
	return 100.0 * fabs(got - want) / fabs(want);
}

FIXTURE(relief) {
	struct outcome o;
};

FIXTURE_VARIANT(relief) {
	struct runner runner;
};

/* The two runners of test-analysis-scenarios. */
FIXTURE_VARIANT_ADD(relief, light_58kg_176spm) {
	.runner = { .weight_kg = 58, .cadence_spm = 176, .seed = 7 },
};

FIXTURE_VARIANT_ADD(relief, heavy_92kg_158spm) {
	.runner = { .weight_kg = 92, .cadence_spm = 158, .seed = 23 },
};

void relief_setup(struct __test_metadata *_metadata,
		  FIXTURE_DATA(relief) *self, const FIXTURE_VARIANT(relief) *variant);
void relief_teardown(struct __test_metadata *_metadata,
		     FIXTURE_DATA(relief) *self, const FIXTURE_VARIANT(relief) *variant);

FIXTURE_SETUP(relief)
{
}

FIXTURE_TEARDOWN(relief)
{
}

static void check_relief(struct __test_metadata *_metadata,
			 struct outcome *o, const struct runner *rn,
			 int scenario, enum fs_cause cause)
{
	const struct fs_relief *e, *x;
	double truth_rewarm;

	play(_metadata, rn, scenario, RELIEF_S + FOLLOW_S, RELIEF_S, o);
	e = find(&o->st, FS_RELIEF_RELIEVED);
	ASSERT_NE(NULL, e);
	/* the gradient's change from the fix on, as the model made it */
	truth_rewarm = o->grad[(int)lround(e->at_t + e->minutes * 60.0)] -
		       o->grad[(int)lround(RELIEF_S)];
	TH_LOG("%s: named at %.0f s, fix at %.1f s (truth %.0f), told at %.1f s: delay %.1f s",
	       fs_cause_names[cause], e->named_t, e->at_t, RELIEF_S,
	       e->detected_t, e->detected_t - RELIEF_S);
	TH_LOG("  before %.2f kPa (truth %.2f, %.1f %%), after %.2f kPa (truth %.2f, %.1f %%)",
	       e->before_kpa, o->truth_before, err_pct(e->before_kpa, o->truth_before),
	       e->after_kpa, o->truth_after, err_pct(e->after_kpa, o->truth_after));
	TH_LOG("  rewarm %.2f degC in %.1f min (truth %.2f), numbness %d -> %d",
	       e->rewarm_c, e->minutes, truth_rewarm, e->numbness_before,
	       e->numbness_after);
	EXPECT_EQ((int)cause, (int)e->cause);
	EXPECT_EQ(1, o->relieved);
	EXPECT_EQ(1, count(&o->st, FS_RELIEF_RELIEVED, -1));
	EXPECT_GE(e->detected_t, RELIEF_S);
	EXPECT_LE(e->detected_t, RELIEF_S + 60.0);
	EXPECT_GE(e->at_t, RELIEF_S - 1.0);
	EXPECT_LE(e->at_t, e->detected_t);
	EXPECT_LE(err_pct(e->before_kpa, o->truth_before), 10.0);
	EXPECT_LE(err_pct(e->after_kpa, o->truth_after), 10.0);
	/* the toe box model does not cool the toe: nothing to rewarm */
	if (cause == FS_C_TIGHT_TOEBOX)
		EXPECT_TRUE(isnan(e->rewarm_c));
	if (cause == FS_C_TIGHT_SOCK) {
		/* 19 min of a tight cuff: the toe cooled, it must rewarm */
		EXPECT_FALSE(isnan(e->rewarm_c));
		EXPECT_GE(e->minutes, 9.9);
	}
	if (!isnan(e->rewarm_c))
		EXPECT_LE(err_pct(e->rewarm_c, truth_rewarm), 10.0);
	EXPECT_LT(e->numbness_after, e->numbness_before);
	/* named at about 2.5 min, still there 5 min later: told once */
	EXPECT_EQ(1, o->escalations);
	x = find(&o->st, FS_RELIEF_NOT_RELIEVED);
	ASSERT_NE(NULL, x);
	EXPECT_EQ((int)cause, (int)x->cause);
	EXPECT_LT(x->at_t, RELIEF_S);
	EXPECT_GE(x->at_t - x->named_t, 300.0 - 0.2);
}

TEST_F(relief, tight_laces)
{
	check_relief(_metadata, &self->o, &variant->runner, EMU_SC_TIGHT_LACES,
		     FS_C_TIGHT_LACES);
}

TEST_F(relief, tight_toebox)
{
	check_relief(_metadata, &self->o, &variant->runner, EMU_SC_TIGHT_TOEBOX,
		     FS_C_TIGHT_TOEBOX);
}

TEST_F(relief, tight_sock)
{
	check_relief(_metadata, &self->o, &variant->runner, EMU_SC_TIGHT_SOCK,
		     FS_C_TIGHT_SOCK);
}

/* Laces loosened 2 min after they were named: relief, no escalation. */
TEST_F(relief, fixed_in_time_is_not_escalated)
{
	struct outcome *o = &self->o;
	const struct fs_relief *e;

	play(_metadata, &variant->runner, EMU_SC_TIGHT_LACES, 600, 300, o);
	e = find(&o->st, FS_RELIEF_RELIEVED);
	ASSERT_NE(NULL, e);
	TH_LOG("named at %.0f s, told at %.1f s", e->named_t, e->detected_t);
	EXPECT_LT(e->named_t, 300.0 - 60.0);
	EXPECT_EQ(1, o->relieved);
	EXPECT_EQ(0, o->escalations);
	EXPECT_EQ(0, count(&o->st, FS_RELIEF_NOT_RELIEVED, -1));
}

/*
 * Laces loosened a little: the swing pressure falls from ~12 to ~4.7 kPa,
 * still over floor_low_kpa. No relief; the escalation comes.
 */
TEST_F(relief, half_loosened_is_not_relieved)
{
	struct outcome *o = &self->o;

	half_fix_kpa = 3.5;
	play(_metadata, &variant->runner, EMU_SC_TIGHT_LACES, 900, 200, o);
	half_fix_kpa = 0.0;
	EXPECT_EQ(0, o->relieved);
	EXPECT_EQ(1, o->escalations);
}

/* No temperature channel: the relief, and no rewarming claimed. */
TEST_F(relief, no_temperature_no_rewarm_claim)
{
	struct outcome *o = &self->o;
	const struct fs_relief *e;

	no_temps = true;
	play(_metadata, &variant->runner, EMU_SC_TIGHT_SOCK,
	     RELIEF_S + FOLLOW_S, RELIEF_S, o);
	no_temps = false;
	e = find(&o->st, FS_RELIEF_RELIEVED);
	ASSERT_NE(NULL, e);
	EXPECT_LE(e->detected_t, RELIEF_S + 60.0);
	EXPECT_TRUE(isnan(e->rewarm_c));
}

/* An hour of a cause, never fixed: no relief, one escalation. */
static void check_persisting(struct __test_metadata *_metadata,
			     struct outcome *o, const struct runner *rn,
			     int scenario, enum fs_cause cause)
{
	const struct fs_relief *x;

	play(_metadata, rn, scenario, 3600, 0, o);
	x = find(&o->st, FS_RELIEF_NOT_RELIEVED);
	TH_LOG("%s: %u reliefs, %u escalations", fs_cause_names[cause],
	       o->relieved, o->escalations);
	EXPECT_EQ(0, o->relieved);
	EXPECT_EQ(0, count(&o->st, FS_RELIEF_RELIEVED, -1));
	EXPECT_EQ(1, o->escalations);
	EXPECT_EQ(1, count(&o->st, FS_RELIEF_NOT_RELIEVED, -1));
	ASSERT_NE(NULL, x);
	TH_LOG("  escalated at %.0f s (named %.0f s): %.1f -> %.1f kPa",
	       x->at_t, x->named_t, x->before_kpa, x->after_kpa);
	EXPECT_EQ((int)cause, (int)x->cause);
	EXPECT_GE(x->after_kpa, 3.0);
}

TEST_F(relief, tight_laces_unfixed_hour)
{
	check_persisting(_metadata, &self->o, &variant->runner,
			 EMU_SC_TIGHT_LACES, FS_C_TIGHT_LACES);
}

TEST_F(relief, tight_toebox_unfixed_hour)
{
	check_persisting(_metadata, &self->o, &variant->runner,
			 EMU_SC_TIGHT_TOEBOX, FS_C_TIGHT_TOEBOX);
}

TEST_F(relief, tight_sock_unfixed_hour)
{
	check_persisting(_metadata, &self->o, &variant->runner,
			 EMU_SC_TIGHT_SOCK, FS_C_TIGHT_SOCK);
}

/* An hour of normal running (and of each gait cause): nothing to tell. */
static void check_none(struct __test_metadata *_metadata, struct outcome *o,
		       const struct runner *rn, int scenario)
{
	play(_metadata, rn, scenario, 3600, 0, o);
	TH_LOG("%s: %u reliefs, %u escalations", emu_scenario_name(scenario),
	       o->relieved, o->escalations);
	EXPECT_EQ(0, o->relieved);
	EXPECT_EQ(0, o->escalations);
	EXPECT_EQ(0, o->st.nrelief);
}

TEST_F(relief, normal_hour_tells_nothing)
{
	check_none(_metadata, &self->o, &variant->runner, EMU_SC_NORMAL);
}

TEST_F(relief, overpronation_hour_tells_nothing)
{
	check_none(_metadata, &self->o, &variant->runner, EMU_SC_OVERPRONATION);
}

TEST_F(relief, overstriding_hour_tells_nothing)
{
	check_none(_metadata, &self->o, &variant->runner, EMU_SC_OVERSTRIDING);
}

TEST_F(relief, neuroma_load_hour_tells_nothing)
{
	check_none(_metadata, &self->o, &variant->runner, EMU_SC_NEUROMA_LOAD);
}

TEST_HARNESS_MAIN
