// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * neuroma_load against the foot's own interspace ratio (docs/analysis.md,
 * "neuroma_load"): the ratio of the met3_4 peak to the mean of the met2
 * and met5 peaks carries the sensors' gain errors, which the foot's own
 * ratio from the baseline window cancels.
 *
 * Synthetic running with the three metatarsal zones loaded alike (ratio 1)
 * through a met3_4 sensor that reads 20 % low (ratio 0.8):
 * - from 300 s the interspace takes 60 % more at push-off: the ratio is
 *   1.28, under neuroma_ratio_low, but 1.6 times the foot's own, so the
 *   cause is named, and warns;
 * - without that change nothing is named, the rise stays at 1;
 * - a load present from the first step (no rise to see) is still named by
 *   the ratio alone.
 */
#include <math.h>

#include "kselftest_harness.h"
#include "analysis.h"
#include "test-rng.h"

#define RATE 100.0
#define STANCE 0.24	/* running: contact 0.24 s of a 0.70 s stride */
#define STRIDE 0.70

struct scene {
	double met34_gain;	/* the met3_4 sensor's error */
	double load_from;	/* the interspace's extra load from here, s */
	double load;		/* that extra load, x */
};

static void frame(const struct scene *sc, struct test_rng *rng, double t,
		  struct fs_frame *fr)
{
	double ph = fmod(t, STRIDE), l = 0.0;
	int z;

	fs_frame_clear(fr);
	fr->t = t;
	if (ph < STANCE)
		l = 300.0 * sin(M_PI * ph / STANCE);
	for (z = 0; z < FS_NPLANTAR; z++)
		fr->p[z] = (float)(l * (1.0 + 0.02 * test_rng_uniform(rng)));
	fr->p[FS_Z_MET3_4] *= (float)(sc->met34_gain *
				      (t >= sc->load_from ? sc->load : 1.0));
	for (z = FS_NPLANTAR; z < FS_NZONES; z++)
		fr->p[z] = (float)(1.0 + 0.3 * test_rng_uniform(rng));
	for (z = 0; z < FS_NTEMPS; z++)
		fr->temp[z] = (float)(30.0 + z * 0.3 + 0.03 * test_rng_uniform(rng));
}

static void play(struct __test_metadata *_metadata, const struct scene *sc,
		 double seconds, struct fs_state *st)
{
	long i, n = (long)(seconds * RATE);
	struct fs_foot *f;
	struct fs_frame fr;
	struct test_rng rng = { 11 };

	ASSERT_EQ(0, fs_foot_new(NULL, &f));
	for (i = 0; i < n; i++) {
		frame(sc, &rng, i / RATE, &fr);
		ASSERT_LE(0, fs_foot_feed(f, &fr));
	}
	fs_foot_state(f, st);
	fs_foot_free(f);
	TH_LOG("ratio %.3f, rise %.3f, neuroma_load %.2f (max %.2f), level max %s",
	       st->neuroma_ratio, st->neuroma_rise,
	       st->cause_score[FS_C_NEUROMA_LOAD],
	       st->cause_score_max[FS_C_NEUROMA_LOAD],
	       fs_level_names[st->level_max]);
}

TEST(rise_over_own_ratio_named)
{
	const struct scene sc = { .met34_gain = 0.8, .load_from = 300.0,
				  .load = 1.6 };
	struct fs_params p;
	struct fs_state st;

	fs_params_default(&p);
	play(_metadata, &sc, 600.0, &st);
	/* the ratio alone would not have it */
	EXPECT_GT(p.neuroma_ratio_low, st.neuroma_ratio);
	EXPECT_GT(0.1, fabs(st.neuroma_rise - 1.6));
	EXPECT_EQ(FS_C_NEUROMA_LOAD, fs_state_top_cause(&st, &p));
	EXPECT_LE(0.9, st.cause_score[FS_C_NEUROMA_LOAD]);
	EXPECT_LE(FS_LEVEL_WARNING, st.level_max);
	/* named after the onset, not before */
	EXPECT_LT(300.0, st.cause_first_qualified_t[FS_C_NEUROMA_LOAD]);
}

TEST(own_ratio_kept_nothing_named)
{
	const struct scene sc = { .met34_gain = 0.8, .load_from = INFINITY,
				  .load = 1.0 };
	struct fs_state st;

	play(_metadata, &sc, 600.0, &st);
	EXPECT_GT(0.05, fabs(st.neuroma_rise - 1.0));
	EXPECT_EQ(0.0, st.cause_score_max[FS_C_NEUROMA_LOAD]);
	EXPECT_EQ(FS_LEVEL_OK, st.level_max);
}

TEST(load_from_the_start_named_by_ratio)
{
	const struct scene sc = { .met34_gain = 1.0, .load_from = 0.0,
				  .load = 1.9 };
	struct fs_params p;
	struct fs_state st;

	fs_params_default(&p);
	play(_metadata, &sc, 400.0, &st);
	EXPECT_GT(0.05, fabs(st.neuroma_rise - 1.0));
	EXPECT_LT(p.neuroma_ratio_high, st.neuroma_ratio);
	EXPECT_EQ(FS_C_NEUROMA_LOAD, fs_state_top_cause(&st, &p));
}

TEST_HARNESS_MAIN
