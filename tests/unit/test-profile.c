// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The runner's own normal (daemon/lib/profile.c): the JSON format's round
 * trip, the refusal of another version or of what is not a profile, the
 * update rule (a capped-count running mean, worked by hand below), which
 * runs count, and how a profile judges asymmetry and moves the swing
 * floor ramp.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "analysis.h"
#include "profile.h"

/* A normal run's final states: both feet, steady, nothing named. */
static void normal_run(struct fs_state st[2], double toe_left,
		       double toe_right, double dorsum_floor)
{
	int k, c;

	memset(st, 0, 2 * sizeof(*st));
	for (k = 0; k < 2; k++) {
		st[k].session.strides = 400;
		st[k].session.cadence_spm = 170.0;
		st[k].session.stance_s = 0.25;
		st[k].level_max = FS_LEVEL_OK;
		st[k].circulation_valid = true;
		for (c = 0; c < FS_NCAUSES; c++)
			st[k].cause_first_qualified_t[c] = NAN;
		for (c = 0; c < FS_NTEMPS; c++)
			st[k].temp_mean_c[c] = 30.0;
		st[k].zone_seen[FS_Z_DORSUM] = true;
		st[k].floor_kpa[FS_Z_DORSUM] = dorsum_floor;
	}
	st[0].temp_mean_c[FS_T_TOE] = toe_left;
	st[1].temp_mean_c[FS_T_TOE] = toe_right;
}

static const bool both[2] = { true, true };

/* Where the zone's ramp starts, as the analysis reads it. */
static double zone_floor_low(const struct fs_params *p, int z)
{
	return p->zone_floor_low_kpa[z] > 0.0 ? p->zone_floor_low_kpa[z] :
						 p->floor_low_kpa;
}

TEST(round_trip)
{
	struct fs_profile a, b;
	struct fs_params p;
	struct fs_state st[2];
	char buf[4096], why[256];
	const char *reason;
	int n, k, i;

	fs_params_default(&p);
	fs_profile_init(&a, "S01");
	normal_run(st, 31.5, 29.7, 0.8);
	ASSERT_EQ(1, fs_profile_merge(&a, &p, st, both, &reason));
	normal_run(st, 31.9, 30.0, 1.2);
	ASSERT_EQ(1, fs_profile_merge(&a, &p, st, both, &reason));
	n = fs_profile_format(&a, buf, sizeof(buf));
	ASSERT_GT(n, 0);
	EXPECT_EQ((int)strlen(buf), n);
	EXPECT_NE(NULL, strstr(buf, "\"version\": 1"));
	EXPECT_NE(NULL, strstr(buf, "\"format\": \"footsock-profile\""));
	ASSERT_EQ(0, fs_profile_parse(buf, (size_t)n, &b, why, sizeof(why)))
		TH_LOG("%s", why);
	EXPECT_STREQ("S01", b.subject);
	EXPECT_EQ(2u, b.runs);
	EXPECT_EQ(2u, b.runs_seen);
	/* by hand: (1.8 + 1.9) / 2, (0.8 + 1.2) / 2 */
	EXPECT_EQ(2u, b.asym_c[FS_T_TOE].runs);
	EXPECT_LT(fabs(b.asym_c[FS_T_TOE].mean - 1.85), 1e-9);
	EXPECT_LT(fabs(b.floor_kpa[0][FS_Z_DORSUM - FS_PROFILE_FIRST_DORSAL].mean - 1.0), 1e-9);
	for (k = 0; k < 2; k++)
		for (i = 0; i < FS_NTEMPS; i++) {
			EXPECT_EQ(a.temp_c[k][i].runs, b.temp_c[k][i].runs);
			EXPECT_LT(fabs(a.temp_c[k][i].mean - b.temp_c[k][i].mean), 5e-4);
		}
	/* a figure never seen stays unknown */
	EXPECT_EQ(0u, b.floor_kpa[0][FS_Z_CUFF - FS_PROFILE_FIRST_DORSAL].runs);
	/* too small a buffer is said, not cut silently */
	EXPECT_EQ(-ENOSPC, fs_profile_format(&a, buf, 100));
}

TEST(other_version_refused)
{
	static const char v2[] =
		"{\"format\": \"footsock-profile\", \"version\": 2, \"subject\": \"S01\", \"runs\": 3}";
	static const char none[] =
		"{\"format\": \"footsock-profile\", \"subject\": \"S01\"}";
	static const char other[] = "{\"format\": \"something\", \"version\": 1}";
	struct fs_profile pr;
	char why[256];

	EXPECT_EQ(-ENOTSUP, fs_profile_parse(v2, sizeof(v2) - 1, &pr, why, sizeof(why)));
	EXPECT_MSG(strstr(why, "version 2 is not supported") != NULL, "%s", why);
	EXPECT_EQ(-EINVAL, fs_profile_parse(none, sizeof(none) - 1, &pr, why, sizeof(why)));
	EXPECT_MSG(strstr(why, "without a version") != NULL, "%s", why);
	EXPECT_EQ(-EINVAL, fs_profile_parse(other, sizeof(other) - 1, &pr, why, sizeof(why)));
	EXPECT_MSG(strstr(why, "not a footsock profile") != NULL, "%s", why);
}

TEST(malformed_refused)
{
	static const char *const bad[] = {
		"", "[]", "{", "{\"format\": \"footsock-profile\", \"version\": 1",
		"{\"format\": \"footsock-profile\", \"version\": 1, \"subject\": \"../x\"}",
		"{\"format\": \"footsock-profile\", \"version\": 1, \"subject\": \"S\", \"runs\": -1}",
		"{\"format\": \"footsock-profile\", \"version\": 1, \"subject\": \"S\"} x",
		"{\"format\": \"footsock-profile\", \"version\": 1, \"subject\": \"S\", \"a\": tru}",
		"{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":1}}}}}}}}}}",
	};
	struct fs_profile pr;
	char why[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		EXPECT_MSG(fs_profile_parse(bad[i], strlen(bad[i]), &pr, why,
					    sizeof(why)) == -EINVAL, "accepted: %s", bad[i]);
		EXPECT_MSG(why[0] != '\0', "no reason for: %s", bad[i]);
	}
}

/*
 * The update rule with profile_weight_runs = 2, by hand: runs of toe
 * difference 1.0, 3.0, 3.0 give 1.0, (1 + 3) / 2 = 2.0, then capped at
 * 2: 2.0 + (3.0 - 2.0) / 2 = 2.5.
 */
TEST(capped_running_mean)
{
	struct fs_profile pr;
	struct fs_params p;
	struct fs_state st[2];
	const char *why;

	fs_params_default(&p);
	p.profile_weight_runs = 2.0;
	fs_profile_init(&pr, "S01");
	normal_run(st, 31.0, 30.0, 0.5);
	fs_profile_merge(&pr, &p, st, both, &why);
	EXPECT_LT(fabs(pr.asym_c[FS_T_TOE].mean - 1.0), 1e-12);
	normal_run(st, 33.0, 30.0, 0.5);
	fs_profile_merge(&pr, &p, st, both, &why);
	EXPECT_LT(fabs(pr.asym_c[FS_T_TOE].mean - 2.0), 1e-12);
	fs_profile_merge(&pr, &p, st, both, &why);
	EXPECT_LT(fabs(pr.asym_c[FS_T_TOE].mean - 2.5), 1e-12);
	EXPECT_EQ(3u, pr.asym_c[FS_T_TOE].runs);
	EXPECT_EQ(3u, pr.runs);
}

/* Only a normal run with enough steady data teaches the profile. */
TEST(which_runs_count)
{
	struct fs_profile pr;
	struct fs_params p;
	struct fs_state st[2];
	const char *why;

	fs_params_default(&p);
	fs_profile_init(&pr, "S01");

	normal_run(st, 31.8, 30.0, 0.5);
	st[1].session.strides = 99;
	EXPECT_EQ(0, fs_profile_merge(&pr, &p, st, both, &why));
	EXPECT_STREQ("too few steady strides", why);

	normal_run(st, 31.8, 30.0, 0.5);
	st[0].level_max = FS_LEVEL_WARNING;
	EXPECT_EQ(0, fs_profile_merge(&pr, &p, st, both, &why));

	normal_run(st, 31.8, 30.0, 0.5);
	st[0].cause_first_qualified_t[FS_C_TIGHT_LACES] = 120.0;
	EXPECT_EQ(0, fs_profile_merge(&pr, &p, st, both, &why));

	EXPECT_EQ(0u, pr.runs);
	EXPECT_EQ(3u, pr.runs_seen);
	EXPECT_EQ(0u, pr.asym_c[FS_T_TOE].runs);

	/* a run before the temperature baseline: gait counts, temperatures not */
	normal_run(st, 31.8, 30.0, 0.5);
	st[0].circulation_valid = st[1].circulation_valid = false;
	EXPECT_EQ(1, fs_profile_merge(&pr, &p, st, both, &why));
	EXPECT_EQ(0u, pr.asym_c[FS_T_TOE].runs);
	EXPECT_EQ(1u, pr.gait[0][FS_PG_CADENCE].runs);
}

/*
 * Own normal 1.8 degC (3 runs): 2.5 is within 1.5 of it (the population
 * flags it), 0.0 is not (the population does not flag it); with 2 runs
 * the population default holds.
 */
TEST(asymmetry_judged_against_own_normal)
{
	struct fs_profile pr;
	struct fs_params p;
	struct fs_state st[2];
	const char *why;
	char text[64];
	int i;

	fs_params_default(&p);
	fs_profile_init(&pr, "S01");
	for (i = 0; i < 2; i++) {
		normal_run(st, 31.8, 30.0, 0.5);
		fs_profile_merge(&pr, &p, st, both, &why);
	}
	EXPECT_TRUE(isnan(fs_profile_usual_asym(&pr, &p, FS_T_TOE)));
	EXPECT_TRUE(fs_profile_asym_flagged(&pr, &p, FS_T_TOE, 2.5));
	EXPECT_FALSE(fs_profile_asym_flagged(&pr, &p, FS_T_TOE, 0.0));
	fs_profile_baseline(&pr, &p, text, sizeof(text));
	EXPECT_STREQ("population default", text);

	normal_run(st, 31.8, 30.0, 0.5);
	fs_profile_merge(&pr, &p, st, both, &why);
	EXPECT_LT(fabs(fs_profile_usual_asym(&pr, &p, FS_T_TOE) - 1.8), 1e-9);
	EXPECT_FALSE(fs_profile_asym_flagged(&pr, &p, FS_T_TOE, 2.5));
	EXPECT_TRUE(fs_profile_asym_flagged(&pr, &p, FS_T_TOE, 0.0));
	EXPECT_TRUE(fs_profile_asym_flagged(&pr, &p, FS_T_TOE, 3.4));
	EXPECT_FALSE(fs_profile_asym_flagged(NULL, &p, FS_T_TOE, 2.0));
	fs_profile_baseline(&pr, &p, text, sizeof(text));
	EXPECT_STREQ("vs own normal over 3 runs", text);
}

/* The swing floor ramp starts at usual + 1 kPa, within 3.0 .. 4.3 kPa. */
TEST(floor_ramp_from_own_normal)
{
	static const double usual[] = { 0.5, 2.5, 6.0 };
	static const double want[] = { 3.0, 3.5, 4.3 };
	struct fs_profile pr;
	struct fs_params p, q;
	struct fs_state st[2];
	const char *why;
	int i, k;

	for (i = 0; i < 3; i++) {
		fs_params_default(&p);
		fs_profile_init(&pr, "S01");
		for (k = 0; k < 3; k++) {
			normal_run(st, 31.8, 30.0, usual[i]);
			fs_profile_merge(&pr, &p, st, both, &why);
		}
		q = p;
		fs_profile_apply(&pr, 0, &q);
		EXPECT_MSG(fabs(zone_floor_low(&q, FS_Z_DORSUM) - want[i]) < 1e-9,
			   "usual %.1f: floor_low %.2f, want %.2f", usual[i],
			   zone_floor_low(&q, FS_Z_DORSUM), want[i]);
		EXPECT_EQ(p.floor_high_kpa, q.floor_high_kpa);
		EXPECT_EQ(p.floor_low_kpa, q.floor_low_kpa);
	}
}

/*
 * Per zone: a cuff that usually sits snug (3 kPa) moves the cuff's ramp
 * (to 4 kPa), not the laces' (dorsum usually 0.5 kPa: the population's
 * 3 kPa), nor the other foot's.
 */
TEST(floor_ramp_per_zone)
{
	struct fs_profile pr;
	struct fs_params p, q, r;
	struct fs_state st[2];
	const char *why;
	int k;

	fs_params_default(&p);
	fs_profile_init(&pr, "S01");
	for (k = 0; k < 3; k++) {
		normal_run(st, 31.8, 30.0, 0.5);
		st[0].zone_seen[FS_Z_CUFF] = true;
		st[0].floor_kpa[FS_Z_CUFF] = 3.0;
		ASSERT_EQ(1, fs_profile_merge(&pr, &p, st, both, &why))
			TH_LOG("%s", why);
	}
	q = p;
	fs_profile_apply(&pr, 0, &q);
	EXPECT_GT(1e-9, fabs(zone_floor_low(&q, FS_Z_CUFF) - 4.0));
	EXPECT_EQ(p.floor_low_kpa, zone_floor_low(&q, FS_Z_DORSUM));
	r = p;
	fs_profile_apply(&pr, 1, &r);
	EXPECT_EQ(p.floor_low_kpa, zone_floor_low(&r, FS_Z_CUFF));
}

TEST(subject_names)
{
	EXPECT_TRUE(fs_profile_subject_ok("S01"));
	EXPECT_TRUE(fs_profile_subject_ok("runner-2.b_x"));
	EXPECT_FALSE(fs_profile_subject_ok(""));
	EXPECT_FALSE(fs_profile_subject_ok(".hidden"));
	EXPECT_FALSE(fs_profile_subject_ok("a/b"));
	EXPECT_FALSE(fs_profile_subject_ok("a b"));
}

TEST_HARNESS_MAIN
