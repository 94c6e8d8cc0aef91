// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Evidence, not peaks (issue 13): a cause enters the causes list only when
 * its evidence has held cause_sustain_s of data and cause_sustain_strides
 * strides; its score is what held (the lowest of the last cause_sustain_s),
 * not the highest instant. On synthetic walking with a known dorsal
 * pressure: seconds of high pressure, a start-up transient and a transient
 * split by a dropout are no cause; a sustained pressure is, with its
 * score and the time it first qualified.
 */
#include <math.h>
#include <string.h>

#include "kselftest_harness.h"
#include "analysis.h"
#include "test-rng.h"

#define RATE 100.0
#define STANCE 0.65	/* walking: stance fraction 0.59 */
#define SWING 0.45
#define STRIDE (STANCE + SWING)

/* The dorsal pressure over time, and a stretch with no frames at all. */
struct scene {
	double seconds;
	double (*dorsum)(double t);
	double gap_from, gap_to;
	bool standing;		/* both feet down, no steps */
};

struct result {
	struct fs_state st;
	double evidence_t;	/* first time any cause counted, NAN: never */
};

static void frame(const struct scene *sc, struct test_rng *rng, double t,
		  struct fs_frame *fr)
{
	double ph = fmod(t, STRIDE), l = 0.0;
	int z;

	fs_frame_clear(fr);
	fr->t = t;
	if (sc->standing)
		l = 200.0;
	else if (ph < STANCE)
		l = 400.0 * sin(M_PI * ph / STANCE);
	for (z = 0; z < FS_NPLANTAR; z++)
		fr->p[z] = (float)(l * (0.5 + 0.05 * z) + 2.0 * test_rng_uniform(rng));
	for (z = FS_NPLANTAR; z < FS_NZONES; z++)
		fr->p[z] = (float)(1.0 + 0.3 * test_rng_uniform(rng));
	fr->p[FS_Z_DORSUM] = (float)(sc->dorsum(t) + 0.3 * test_rng_uniform(rng));
	for (z = 0; z < FS_NTEMPS; z++)
		fr->temp[z] = (float)(30.0 + z * 0.3 + 0.03 * test_rng_uniform(rng));
}

/* Runs the scene with p (NULL: defaults); r->st is the final state. */
static void play(struct __test_metadata *_metadata, const struct scene *sc,
		 const struct fs_params *p, struct result *r)
{
	long i, n = (long)(sc->seconds * RATE);
	struct fs_foot *f;
	struct fs_frame fr;
	struct test_rng rng = { 7 };

	ASSERT_EQ(0, fs_foot_new(p, &f));
	for (i = 0; i < n; i++) {
		double t = i / RATE;

		if (t >= sc->gap_from && t < sc->gap_to)
			continue;
		frame(sc, &rng, t, &fr);
		ASSERT_LE(0, fs_foot_feed(f, &fr));
	}
	fs_foot_state(f, &r->st);
	fs_foot_free(f);
}

/*
 * The time the evidence first counted (1.5 s of held evidence, the
 * sensor-fault gate): the same scene with nothing to sustain qualifies
 * then.
 */
static double evidence_time(struct __test_metadata *_metadata,
			    const struct scene *sc, int cause)
{
	struct fs_params p;
	struct result r;

	fs_params_default(&p);
	p.cause_sustain_s = 0.0;
	p.cause_sustain_strides = 0.0;
	play(_metadata, sc, &p, &r);
	return r.st.cause_first_qualified_t[cause];
}

static void expect_no_cause(struct __test_metadata *_metadata,
			    const struct fs_state *st)
{
	int c;

	for (c = 0; c < FS_NCAUSES; c++) {
		EXPECT_TRUE(isnan(st->cause_first_qualified_t[c]))
			TH_LOG("%s qualified at %.1f s", fs_cause_names[c],
			       st->cause_first_qualified_t[c]);
		EXPECT_EQ(0.0, st->cause_score_max[c])
			TH_LOG("%s %.2f", fs_cause_names[c], st->cause_score_max[c]);
		EXPECT_EQ(0.0, st->cause_score[c]);
	}
}

static double healthy(double t)
{
	(void)t;
	return 1.0;
}

/* 8 s of 20 kPa (150 mmHg) on the dorsum at 2 min: a lace tug. */
static double tug(double t)
{
	return t >= 120.0 && t < 128.0 ? 20.0 : 1.0;
}

/* 15 kPa while lacing up and the first steps, then a well-fitting shoe. */
static double lacing_up(double t)
{
	return t < 6.0 ? 15.0 : 1.0;
}

/* Two 4 s presses on either side of a minute without the sock. */
static double split(double t)
{
	return (t >= 100.0 && t < 104.0) || (t >= 164.0 && t < 168.0) ?
	       20.0 : 1.0;
}

/* Tight laces from minute 1: 5.5 kPa, the middle of the score's ramp. */
static double tight(double t)
{
	return t < 60.0 ? 1.0 : 5.5;
}

/* As tight, with a 5 s press to 12 kPa every 90 s from 3 min. */
static double tight_pressed(double t)
{
	if (t < 60.0)
		return 1.0;
	return t >= 180.0 && fmod(t, 90.0) < 5.0 ? 12.0 : 5.5;
}

TEST(healthy_walk_has_no_cause)
{
	struct scene sc = { 300.0, healthy, -1, -1, false };
	struct result r;

	play(_metadata, &sc, NULL, &r);
	EXPECT_EQ(FS_ACT_WALKING, r.st.activity);
	expect_no_cause(_metadata, &r.st);
}

TEST(seconds_of_high_dorsal_pressure_are_no_cause)
{
	struct scene sc = { 300.0, tug, -1, -1, false };
	struct result r;

	/* the press was seen: it counted as evidence and on the nerve */
	EXPECT_FALSE(isnan(evidence_time(_metadata, &sc, FS_C_TIGHT_LACES)));
	play(_metadata, &sc, NULL, &r);
	EXPECT_GE(r.st.numbness_risk_max, 25);
	expect_no_cause(_metadata, &r.st);
}

TEST(start_up_transient_is_no_cause)
{
	struct scene sc = { 300.0, lacing_up, -1, -1, false };
	struct result r;

	EXPECT_FALSE(isnan(evidence_time(_metadata, &sc, FS_C_TIGHT_LACES)));
	play(_metadata, &sc, NULL, &r);
	expect_no_cause(_metadata, &r.st);
}

/* Evidence time is data time: a dropout does not join two transients. */
TEST(dropout_does_not_join_transients)
{
	struct scene sc = { 300.0, split, 104.0, 164.0, false };
	struct result r;

	EXPECT_FALSE(isnan(evidence_time(_metadata, &sc, FS_C_TIGHT_LACES)));
	play(_metadata, &sc, NULL, &r);
	expect_no_cause(_metadata, &r.st);
}

TEST(sustained_pressure_qualifies_after_sustain_s)
{
	struct scene sc = { 300.0, tight, -1, -1, false };
	struct fs_params p;
	struct result r;
	double te = evidence_time(_metadata, &sc, FS_C_TIGHT_LACES);
	int c;

	fs_params_default(&p);
	ASSERT_FALSE(isnan(te));
	EXPECT_GT(te, 60.0);
	play(_metadata, &sc, NULL, &r);
	/* 30 s at 100 Hz holds more than 20 strides of 1.1 s: time binds */
	EXPECT_LE(fabs(r.st.cause_first_qualified_t[FS_C_TIGHT_LACES] -
		       (te + p.cause_sustain_s)), 0.15)
		TH_LOG("qualified at %.2f s, evidence from %.2f s",
		       r.st.cause_first_qualified_t[FS_C_TIGHT_LACES], te);
	/* ramp(5.5 kPa, 3, 8) = 0.5: the score is the pressure that held */
	EXPECT_LE(fabs(r.st.cause_score_max[FS_C_TIGHT_LACES] - 0.5), 0.03)
		TH_LOG("score %.3f", r.st.cause_score_max[FS_C_TIGHT_LACES]);
	EXPECT_LE(fabs(r.st.cause_score[FS_C_TIGHT_LACES] - 0.5), 0.03);
	EXPECT_EQ(FS_C_TIGHT_LACES, fs_state_top_cause(&r.st, &p));
	for (c = 0; c < FS_NCAUSES; c++)
		if (c != FS_C_TIGHT_LACES)
			EXPECT_TRUE(isnan(r.st.cause_first_qualified_t[c]));
}

TEST(sustained_pressure_qualifies_after_sustain_strides)
{
	struct scene sc = { 300.0, tight, -1, -1, false };
	struct fs_params p;
	struct result r;
	double te = evidence_time(_metadata, &sc, FS_C_TIGHT_LACES), q;

	fs_params_default(&p);
	p.cause_sustain_strides = 60.0;	/* 66 s of strides: they bind */
	play(_metadata, &sc, &p, &r);
	q = r.st.cause_first_qualified_t[FS_C_TIGHT_LACES];
	EXPECT_LE(fabs(q - (te + 60.0 * STRIDE)), STRIDE)
		TH_LOG("qualified at %.2f s, evidence from %.2f s", q, te);
	EXPECT_LE(fabs(r.st.cause_score_max[FS_C_TIGHT_LACES] - 0.5), 0.03);
}

/* Standing brings no strides: time alone qualifies. */
TEST(standing_qualifies_on_time)
{
	struct scene sc = { 200.0, tight, -1, -1, true };
	struct fs_params p;
	struct result r;
	double te = evidence_time(_metadata, &sc, FS_C_TIGHT_LACES);

	fs_params_default(&p);
	play(_metadata, &sc, NULL, &r);
	EXPECT_EQ(FS_ACT_STANDING, r.st.activity);
	EXPECT_LE(fabs(r.st.cause_first_qualified_t[FS_C_TIGHT_LACES] -
		       (te + p.cause_sustain_s)), 0.15);
	EXPECT_LE(fabs(r.st.cause_score_max[FS_C_TIGHT_LACES] - 0.5), 0.03);
}

/* Presses of 5 s on top of tight laces do not raise the score. */
TEST(score_is_what_held_not_the_peak)
{
	struct scene sc = { 420.0, tight_pressed, -1, -1, false };
	struct fs_params p;
	struct result r;

	/* the presses' instants score 1 */
	fs_params_default(&p);
	p.cause_sustain_s = 0.0;
	p.cause_sustain_strides = 0.0;
	play(_metadata, &sc, &p, &r);
	EXPECT_GE(r.st.cause_score_max[FS_C_TIGHT_LACES], 0.99);
	play(_metadata, &sc, NULL, &r);
	ASSERT_FALSE(isnan(r.st.cause_first_qualified_t[FS_C_TIGHT_LACES]));
	EXPECT_LE(fabs(r.st.cause_score_max[FS_C_TIGHT_LACES] - 0.5), 0.05)
		TH_LOG("score %.3f", r.st.cause_score_max[FS_C_TIGHT_LACES]);
}

/* Evidence that stops leaves the list now; the session keeps it. */
TEST(cause_leaves_when_the_evidence_goes)
{
	struct scene sc = { 420.0, tight, -1, -1, false };
	struct fs_params p;
	struct fs_foot *f;
	struct fs_frame fr;
	struct fs_state st;
	struct test_rng rng = { 7 };
	long i;

	fs_params_default(&p);
	ASSERT_EQ(0, fs_foot_new(&p, &f));
	for (i = 0; i < (long)(sc.seconds * RATE); i++) {
		double t = i / RATE;

		frame(&sc, &rng, t, &fr);
		if (t >= 300.0)
			fr.p[FS_Z_DORSUM] = 1.0f;	/* laces loosened */
		ASSERT_LE(0, fs_foot_feed(f, &fr));
	}
	fs_foot_state(f, &st);
	EXPECT_EQ(0.0, st.cause_score[FS_C_TIGHT_LACES]);
	EXPECT_EQ(-1, fs_state_top_cause(&st, &p));
	EXPECT_LE(fabs(st.cause_score_max[FS_C_TIGHT_LACES] - 0.5), 0.03);
	EXPECT_FALSE(isnan(st.cause_first_qualified_t[FS_C_TIGHT_LACES]));
	fs_foot_free(f);
}

TEST_HARNESS_MAIN
