// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The runner's own normal against the population's (docs/analysis.md,
 * "The runner's own normal"), on the emulator's model, linked: a runner
 * whose left toe is 1.8 degC warmer than the right at rest (the model's
 * toe_offset_c, footsock-emu --toe-offset-c).
 *
 * - 10 normal runs whose difference drifts run to run (1.8 + 0.6 sin,
 *   plus noise: the model's truth, not the analysis's): judged against
 *   the population's 2.2 degC, some are flagged; judged against the
 *   profile built from 5 earlier normal runs (and updated after each
 *   run, as footsockd does), none is.
 * - A real circulation restriction on the left foot (a tight sock cuff
 *   from minute 5) is still caught with the profile, no later than
 *   without it: the level reaches warning and tight_sock is named at
 *   the same frame times.
 * - A running analysis takes a profile's thresholds (footsockd, when a
 *   recording names the runner) but not a new trend window, whose
 *   history it holds already, nor parameters fs_params_check() refuses.
 * The figures are printed (TH_LOG) for docs/analysis.md.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "analysis.h"
#include "profile.h"
#include "model.h"

#define RATE 100.0
#define RUN_S 360.0		/* past the 240 s temperature baseline */
#define OWN_DIFF_C 1.8
#define LEARN_RUNS 5
#define TEST_RUNS 10
#define RESTRICT_ONSET_S 300.0
#define RESTRICT_S 1500.0

struct run_result {
	struct fs_state st[2];
	double warning_t;	/* left reached warning (NAN: never) */
	double named_t;		/* left named tight_sock (NAN: never) */
};

/*
 * Both feet of one run through the analysis; the left foot's parameters
 * fitted by the profile when given (as footsockd and analyze do).
 */
static void run(struct __test_metadata *_metadata, int left_scenario,
		double toe_offset_c, double seconds, uint64_t seed,
		const struct fs_profile *pr, struct run_result *res)
{
	struct model m[2];
	struct model_params mp;
	struct model_out out;
	struct fs_params p[2];
	struct fs_foot *f[2];
	struct fs_frame fr;
	long i, n = lround(seconds * RATE);
	int k, z, r;

	res->warning_t = res->named_t = NAN;
	for (k = 0; k < 2; k++) {
		memset(&mp, 0, sizeof(mp));
		mp.scenario = k == 0 ? left_scenario : EMU_SC_NORMAL;
		mp.foot = k == 0 ? FOOTSOCK_FOOT_LEFT : FOOTSOCK_FOOT_RIGHT;
		mp.onset_s = RESTRICT_ONSET_S;
		mp.toe_offset_c = k == 0 ? toe_offset_c : 0.0;
		mp.seed = seed;
		model_init(&m[k], &mp);
		fs_params_default(&p[k]);
		fs_profile_apply(pr, k, &p[k]);
		ASSERT_EQ(0, fs_foot_new(&p[k], &f[k]));
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < 2; k++) {
			model_step(&m[k], 1.0 / RATE, &out);
			fs_frame_clear(&fr);
			fr.t = out.time_s;
			for (z = 0; z < FS_NZONES; z++)
				fr.p[z] = (float)out.pressure_kpa[z];
			for (z = 0; z < FS_NTEMPS; z++)
				fr.temp[z] = (float)out.temp_c[z];
			r = fs_foot_feed(f[k], &fr);
			ASSERT_LE(0, r);
			if (k || !(r & FS_EV_LEVEL) || !isnan(res->warning_t))
				continue;
			fs_foot_state(f[0], &res->st[0]);
			if (res->st[0].level >= FS_LEVEL_WARNING)
				res->warning_t = out.time_s;
		}
	}
	for (k = 0; k < 2; k++) {
		fs_foot_state(f[k], &res->st[k]);
		fs_foot_free(f[k]);
	}
	res->named_t = res->st[0].cause_first_qualified_t[FS_C_TIGHT_SOCK];
}

static bool toe_flagged(const struct fs_profile *pr, const struct run_result *res)
{
	struct fs_params p;

	fs_params_default(&p);
	return fs_profile_asym_flagged(pr, &p, FS_T_TOE,
				       res->st[0].temp_mean_c[FS_T_TOE] -
				       res->st[1].temp_mean_c[FS_T_TOE]);
}

/* The profile of 5 earlier normal runs at the runner's own difference. */
static void learn(struct __test_metadata *_metadata, struct fs_profile *pr,
		  struct fs_params *p)
{
	static const bool both[2] = { true, true };
	struct run_result res;
	struct emu_rng rng;
	const char *why;
	int i;

	fs_params_default(p);
	fs_profile_init(pr, "S01");
	emu_rng_seed(&rng, 7);
	for (i = 0; i < LEARN_RUNS; i++) {
		run(_metadata, EMU_SC_NORMAL, OWN_DIFF_C + 0.1 * emu_rng_gauss(&rng),
		    RUN_S, 100 + i, NULL, &res);
		ASSERT_EQ(1, fs_profile_merge(pr, p, res.st, both, &why))
			TH_LOG("learning run %d did not count: %s", i, why);
	}
	ASSERT_TRUE(fs_profile_usable(pr, p));
}

TEST(drifting_difference_no_alarm)
{
	struct fs_profile pr;
	struct fs_params p;
	static const bool both[2] = { true, true };
	struct run_result res;
	struct emu_rng rng;
	int i, with = 0, without = 0;
	const char *why;
	double d;

	learn(_metadata, &pr, &p);
	emu_rng_seed(&rng, 11);
	for (i = 0; i < TEST_RUNS; i++) {
		double offset = OWN_DIFF_C + 0.6 * sin(2.0 * M_PI * i / TEST_RUNS) +
				0.1 * emu_rng_gauss(&rng);

		run(_metadata, EMU_SC_NORMAL, offset, RUN_S, 200 + i, NULL, &res);
		d = res.st[0].temp_mean_c[FS_T_TOE] - res.st[1].temp_mean_c[FS_T_TOE];
		without += toe_flagged(NULL, &res);
		with += toe_flagged(&pr, &res);
		TH_LOG("run %d: toe difference %.2f degC (own normal %.2f over %u runs)%s%s",
		       i + 1, d, pr.asym_c[FS_T_TOE].mean,
		       pr.asym_c[FS_T_TOE].runs,
		       toe_flagged(NULL, &res) ? ", population: FLAGGED" : "",
		       toe_flagged(&pr, &res) ? ", own normal: FLAGGED" : "");
		fs_profile_merge(&pr, &p, res.st, both, &why);
	}
	TH_LOG("asymmetry alarms over %d normal runs: %d with the profile, %d without",
	       TEST_RUNS, with, without);
	EXPECT_EQ(0, with);
	/* the drift is there: the population threshold does flag it */
	EXPECT_LT(0, without);
}

TEST(restriction_still_caught)
{
	struct fs_profile pr;
	struct fs_params p;
	struct run_result with, without;

	learn(_metadata, &pr, &p);
	run(_metadata, EMU_SC_TIGHT_SOCK, OWN_DIFF_C, RESTRICT_S, 300, NULL,
	    &without);
	run(_metadata, EMU_SC_TIGHT_SOCK, OWN_DIFF_C, RESTRICT_S, 300,
	    &pr, &with);
	TH_LOG("tight sock on the left from %.0f s: warning at %.1f s with the profile, %.1f s without; tight_sock named at %.1f s with, %.1f s without",
	       RESTRICT_ONSET_S, with.warning_t, without.warning_t,
	       with.named_t, without.named_t);
	TH_LOG("toe difference over the run %.2f degC: %s with the profile, %s without",
	       with.st[0].temp_mean_c[FS_T_TOE] - with.st[1].temp_mean_c[FS_T_TOE],
	       toe_flagged(&pr, &with) ? "flagged" : "not flagged",
	       toe_flagged(NULL, &without) ? "flagged" : "not flagged");
	ASSERT_FALSE(isnan(without.warning_t));
	ASSERT_FALSE(isnan(without.named_t));
	EXPECT_FALSE(isnan(with.warning_t));
	EXPECT_FALSE(isnan(with.named_t));
	EXPECT_LE(with.warning_t, without.warning_t);
	EXPECT_LE(with.named_t, without.named_t);
	/* the right foot, the normal one, stays quiet either way */
	EXPECT_GE(FS_LEVEL_WATCH, with.st[1].level_max);
}

TEST(running_analysis_takes_thresholds_only)
{
	struct fs_params p, q;
	struct fs_foot *f;

	fs_params_default(&p);
	ASSERT_EQ(0, fs_foot_new(&p, &f));
	q = p;
	q.floor_low_kpa = 4.3;
	EXPECT_EQ(0, fs_foot_set_params(f, &q));
	q.trend_window_s *= 2;
	EXPECT_EQ(-EINVAL, fs_foot_set_params(f, &q));
	q = p;
	q.trend_sample_s *= 2;
	EXPECT_EQ(-EINVAL, fs_foot_set_params(f, &q));
	q = p;
	q.cause_sustain_s = FS_SUSTAIN_MAX_S + 1;	/* over its ring */
	EXPECT_EQ(-EINVAL, fs_foot_set_params(f, &q));
	fs_foot_free(f);
}

TEST_HARNESS_MAIN
