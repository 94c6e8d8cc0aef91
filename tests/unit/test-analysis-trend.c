// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The index trends: synthetic standing frames whose dorsal (or cuff)
 * pressure follows a profile. With dose_weight = 0 the numbness risk is
 * the present severity alone, 100 * ramp(pressure, 4.3, 8.0 kPa), so each
 * profile sets the index exactly: a rising one must report rising, a
 * constant one steady, a relieved one falling, and nothing is known
 * before a whole trend window of data.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "analysis.h"

#define RATE_HZ 20.0

/* The dorsal pressure, kPa, that gives numbness risk idx (dose off). */
static double kpa_for(int idx)
{
	return 4.3 + idx / 100.0 * (8.0 - 4.3);
}

static void frame(double t, double dorsum, double cuff, bool temps,
		  struct fs_frame *fr)
{
	int z;

	fs_frame_clear(fr);
	fr->t = t;
	for (z = 0; z < FS_NPLANTAR; z++)
		fr->p[z] = 40.0f;
	fr->p[FS_Z_DORSUM] = (float)dorsum;
	if (!isnan(cuff))
		fr->p[FS_Z_CUFF] = (float)cuff;
	if (temps) {
		fr->temp[FS_T_TOE] = 30.0f;
		fr->temp[FS_T_ANKLE] = 32.0f;
	}
}

typedef double (*profile_fn)(double t);

/* Feed [from, to) seconds of a dorsal pressure profile. */
static int feed(struct fs_foot *f, double from, double to, profile_fn dorsum,
		profile_fn cuff, bool temps)
{
	struct fs_frame fr;
	long i, n = lround((to - from) * RATE_HZ);
	int r;

	for (i = 0; i < n; i++) {
		double t = from + i / RATE_HZ;

		frame(t, dorsum(t), cuff ? cuff(t) : NAN, temps, &fr);
		r = fs_foot_feed(f, &fr);
		if (r < 0)
			return r;
	}
	return 0;
}

static struct fs_foot *foot_new(struct fs_params *p)
{
	struct fs_foot *f = NULL;

	if (fs_foot_new(p, &f) < 0)
		return NULL;
	return f;
}

static double constant_46(double t)
{
	(void)t;
	return kpa_for(46);
}

/* 0 to 100 over two minutes: 50 points a minute. */
static double ramp_up(double t)
{
	return t < 120.0 ? 4.3 + t / 120.0 * 3.7 : 8.0;
}

/* Blocking pressure for two minutes, then the laces loosened. */
static double relieved(double t)
{
	return t < 120.0 ? 9.0 : 0.0;
}

FIXTURE(trend) {
	struct fs_params p;
	struct fs_foot *f;
	struct fs_state st;
};

void trend_setup(struct __test_metadata *_metadata, FIXTURE_DATA(trend) *self,
		 const FIXTURE_VARIANT(trend) *variant);
void trend_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(trend) *self,
		    const FIXTURE_VARIANT(trend) *variant);

FIXTURE_SETUP(trend)
{
	fs_params_default(&self->p);
	ASSERT_EQ(0, fs_params_set(&self->p, "dose_weight", 0.0));
	self->f = foot_new(&self->p);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(trend)
{
	fs_foot_free(self->f);
}

TEST_F(trend, unknown_before_a_whole_window)
{
	double t;

	/* A sample every 5 s from t = 0: the 13th, at 60 s, completes it. */
	for (t = 0.0; t < 60.0; t += 1.0) {
		ASSERT_EQ(0, feed(self->f, t, t + 1.0, constant_46, NULL, true));
		fs_foot_state(self->f, &self->st);
		ASSERT_MSG(self->st.numbness_trend == FS_TREND_UNKNOWN,
			   "at %.0f s", self->st.t);
		ASSERT_MSG(self->st.circulation_trend == FS_TREND_UNKNOWN,
			   "at %.0f s", self->st.t);
	}
	ASSERT_EQ(0, feed(self->f, 60.0, 61.0, constant_46, NULL, true));
	fs_foot_state(self->f, &self->st);
	EXPECT_EQ(46, self->st.numbness_risk);
	EXPECT_EQ(FS_TREND_STEADY, self->st.numbness_trend);
	EXPECT_EQ(FS_TREND_STEADY, self->st.circulation_trend);
	EXPECT_STREQ("steady", fs_trend_names[self->st.numbness_trend]);
	EXPECT_STREQ("", fs_trend_names[FS_TREND_UNKNOWN]);
}

TEST_F(trend, constant_is_steady)
{
	double t;

	ASSERT_EQ(0, feed(self->f, 0.0, 61.0, constant_46, NULL, false));
	for (t = 61.0; t < 600.0; t += 1.0) {
		ASSERT_EQ(0, feed(self->f, t, t + 1.0, constant_46, NULL, false));
		fs_foot_state(self->f, &self->st);
		ASSERT_MSG(self->st.numbness_trend == FS_TREND_STEADY,
			   "at %.0f s, risk %d", self->st.t,
			   self->st.numbness_risk);
	}
	EXPECT_EQ(46, self->st.numbness_risk);
	/* No temperatures and no cuff: no circulation index, no trend. */
	EXPECT_EQ(-1, self->st.circulation_restriction);
	EXPECT_EQ(FS_TREND_UNKNOWN, self->st.circulation_trend);
}

TEST_F(trend, rising_risk_is_rising)
{
	ASSERT_EQ(0, feed(self->f, 0.0, 61.0, ramp_up, NULL, false));
	fs_foot_state(self->f, &self->st);
	EXPECT_MSG(self->st.numbness_trend == FS_TREND_RISING, "risk %d",
		   self->st.numbness_risk);
	ASSERT_EQ(0, feed(self->f, 61.0, 119.0, ramp_up, NULL, false));
	fs_foot_state(self->f, &self->st);
	EXPECT_EQ(FS_TREND_RISING, self->st.numbness_trend);
	EXPECT_STREQ("rising", fs_trend_names[self->st.numbness_trend]);
	/* At the top for a whole window: steady again. */
	ASSERT_EQ(0, feed(self->f, 119.0, 200.0, ramp_up, NULL, false));
	fs_foot_state(self->f, &self->st);
	EXPECT_EQ(100, self->st.numbness_risk);
	EXPECT_EQ(FS_TREND_STEADY, self->st.numbness_trend);
}

TEST_F(trend, relieved_risk_is_falling)
{
	ASSERT_EQ(0, feed(self->f, 0.0, 120.0, relieved, NULL, false));
	fs_foot_state(self->f, &self->st);
	EXPECT_EQ(100, self->st.numbness_risk);
	EXPECT_EQ(FS_TREND_STEADY, self->st.numbness_trend);
	/* The sustained pressure decays in seconds once the laces are loose. */
	ASSERT_EQ(0, feed(self->f, 120.0, 150.0, relieved, NULL, false));
	fs_foot_state(self->f, &self->st);
	EXPECT_EQ(0, self->st.numbness_risk);
	EXPECT_EQ(FS_TREND_FALLING, self->st.numbness_trend);
	EXPECT_STREQ("falling", fs_trend_names[self->st.numbness_trend]);
	ASSERT_EQ(0, feed(self->f, 150.0, 240.0, relieved, NULL, false));
	fs_foot_state(self->f, &self->st);
	EXPECT_EQ(FS_TREND_STEADY, self->st.numbness_trend);
}

/* Cuff pressure drives both indices: circulation_trend follows it. */
TEST_F(trend, circulation_rising)
{
	ASSERT_EQ(0, feed(self->f, 0.0, 90.0, constant_46, ramp_up, false));
	fs_foot_state(self->f, &self->st);
	EXPECT_LT(0, self->st.circulation_restriction);
	EXPECT_MSG(self->st.circulation_trend == FS_TREND_RISING,
		   "circulation %d", self->st.circulation_restriction);
}

static int step_from;
static int step_to;

static double step(double t)
{
	return kpa_for(t < 60.0 ? step_from : step_to);
}

/* trend_delta is the boundary: 4 points steady, 5 rising, -5 falling. */
TEST_F(trend, delta_boundary)
{
	static const struct { int from, to; enum fs_trend want; } c[] = {
		{ 40, 44, FS_TREND_STEADY }, { 40, 45, FS_TREND_RISING },
		{ 40, 36, FS_TREND_STEADY }, { 40, 35, FS_TREND_FALLING },
	};
	unsigned int i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct fs_foot *f = foot_new(&self->p);

		ASSERT_NE(NULL, f);
		step_from = c[i].from;
		step_to = c[i].to;
		/* 60 s at from, then 60 s at to: the sample at 120 s
		 * compares to with the settled from at 60 s. */
		ASSERT_EQ(0, feed(f, 0.0, 120.5, step, NULL, false));
		fs_foot_state(f, &self->st);
		fs_foot_free(f);
		EXPECT_EQ(c[i].to, self->st.numbness_risk);
		EXPECT_MSG(self->st.numbness_trend == c[i].want, "%d -> %d: %s",
			   c[i].from, c[i].to,
			   fs_trend_names[self->st.numbness_trend]);
	}
}

/* A gap (sock unplugged) pauses the trend's clock: still known after. */
TEST_F(trend, gap_pauses_the_window)
{
	ASSERT_EQ(0, feed(self->f, 0.0, 61.0, ramp_up, NULL, false));
	ASSERT_EQ(0, feed(self->f, 661.0, 662.0, ramp_up, NULL, false));
	fs_foot_state(self->f, &self->st);
	/* Rising towards 100 against ~5 twelve samples (of data) ago. */
	EXPECT_EQ(FS_TREND_RISING, self->st.numbness_trend);
	/* 100 for a whole window of data. */
	ASSERT_EQ(0, feed(self->f, 662.0, 745.0, ramp_up, NULL, false));
	fs_foot_state(self->f, &self->st);
	EXPECT_EQ(FS_TREND_STEADY, self->st.numbness_trend);
}

TEST(trend_parameters)
{
	struct fs_params p;
	struct fs_foot *f = NULL;
	struct fs_state st;
	const char *why = NULL;
	double t;

	fs_params_default(&p);
	EXPECT_EQ(5.0, p.trend_sample_s);
	EXPECT_EQ(60.0, p.trend_window_s);
	EXPECT_EQ(5.0, p.trend_delta);
	EXPECT_EQ(0, fs_params_check(&p, &why));

	ASSERT_EQ(0, fs_params_set(&p, "trend_sample_s", 0.0));
	EXPECT_EQ(-EINVAL, fs_params_check(&p, &why));
	EXPECT_NE(NULL, why);
	EXPECT_EQ(-EINVAL, fs_foot_new(&p, &f));
	ASSERT_EQ(0, fs_params_set(&p, "trend_sample_s", 0.01));
	EXPECT_EQ(-EINVAL, fs_foot_new(&p, &f));	/* 6000 samples */

	/* A shorter window: known after 20 s. */
	ASSERT_EQ(0, fs_params_set(&p, "trend_sample_s", 2.0));
	ASSERT_EQ(0, fs_params_set(&p, "trend_window_s", 20.0));
	ASSERT_EQ(0, fs_params_set(&p, "dose_weight", 0.0));
	ASSERT_EQ(0, fs_foot_new(&p, &f));
	for (t = 0.0; t < 19.0; t += 1.0) {
		ASSERT_EQ(0, feed(f, t, t + 1.0, ramp_up, NULL, false));
		fs_foot_state(f, &st);
		EXPECT_EQ(FS_TREND_UNKNOWN, st.numbness_trend);
	}
	ASSERT_EQ(0, feed(f, 19.0, 21.0, ramp_up, NULL, false));
	fs_foot_state(f, &st);
	EXPECT_EQ(FS_TREND_RISING, st.numbness_trend);
	fs_foot_free(f);
}

TEST_HARNESS_MAIN
