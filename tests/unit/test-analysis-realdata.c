// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The shared real recordings (../shared/data): gaitpdb and Moticon
 * walks. The streaming, adaptive gait detector the daemon runs must agree
 * within 3 % with an offline detection over the whole of each file's own
 * total-force column (one global threshold, no hysteresis). This is a
 * consistency check of the streaming detector on real data, not accuracy:
 * both use the same threshold rule, so neither is ground truth (accuracy
 * against independent references is tests/unit/test-analysis-accuracy's,
 * once it exists). The importers of these formats set only the load, so
 * levels and causes are not evaluated here: a check of them could not
 * fail.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "analysis-util.h"

/* Relative to the project root, where make runs the tests. */
#define DATA "../shared/data"
#define MAXN 20000

struct ref {
	int steps;
	double stance, swing, stride;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The offline reference: threshold at 12.5 % of the 2..98 % range. */
static void reference(const double *t, const double *F, int n, struct ref *r)
{
	double *s = malloc(sizeof(double) * n), lo, hi, thr, x;
	double ct = -1, tt = -1, sum_st = 0, sum_sw = 0, sum_str = 0;
	int i, n_st = 0, n_sw = 0, n_str = 0, above, cand;
	double cand_t = 0;

	memcpy(s, F, sizeof(double) * n);
	qsort(s, n, sizeof(double), cmp_double);
	lo = s[n * 2 / 100];
	hi = s[n * 98 / 100];
	free(s);
	thr = lo + 0.125 * (hi - lo);
	memset(r, 0, sizeof(*r));
	above = F[0] > thr;
	cand = above;
	for (i = 1; i < n; i++) {
		int now = F[i] > thr;

		if (now != cand) {
			x = t[i - 1] + (t[i] - t[i - 1]) * (thr - F[i - 1]) / (F[i] - F[i - 1]);
			cand = now;
			cand_t = x;
		}
		/* a phase counts when it lasts 60 ms */
		if (cand != above && t[i] - cand_t >= 0.06) {
			above = cand;
			if (above) {
				r->steps++;
				if (ct >= 0 && cand_t - ct >= 0.35 && cand_t - ct <= 2.5) {
					sum_str += cand_t - ct;
					n_str++;
				}
				if (tt >= 0 && ct >= 0 && tt > ct &&
				    cand_t - tt >= 0.06 && cand_t - tt <= 2.5) {
					sum_sw += cand_t - tt;
					n_sw++;
				}
				ct = cand_t;
			} else {
				if (ct >= 0 && cand_t - ct >= 0.1 && cand_t - ct <= 2.0) {
					sum_st += cand_t - ct;
					n_st++;
				}
				tt = cand_t;
			}
		}
	}
	r->stance = n_st ? sum_st / n_st : 0;
	r->swing = n_sw ? sum_sw / n_sw : 0;
	r->stride = n_str ? sum_str / n_str : 0;
}

/* Column col (0-based) of a tab-separated file; rows with it empty skipped. */
static int read_column(const char *path, int col, double *t, double *F)
{
	FILE *f = fopen(path, "r");
	char line[8192], *p, *field;
	int n = 0, i;

	if (!f)
		return -1;
	while (n < MAXN && fgets(line, sizeof(line), f)) {
		double tv = NAN, v = NAN;

		if (line[0] == '#')
			continue;
		p = line;
		for (i = 0; (field = strsep(&p, "\t\n")) && i <= col; i++) {
			if (i == 0)
				tv = *field ? atof(field) : NAN;
			if (i == col)
				v = *field ? atof(field) : NAN;
		}
		if (isnan(tv) || isnan(v))
			continue;
		t[n] = tv;
		F[n] = v;
		n++;
	}
	fclose(f);
	return n;
}

static void near3(struct __test_metadata *_metadata, const char *what,
		  double got, double want)
{
	EXPECT_LE(fabs(got - want), 0.03 * want)
		TH_LOG("%s: got %.4f, reference %.4f", what, got, want);
}

static void check_file(struct __test_metadata *_metadata, const char *file,
		       enum fs_format fmt, const int cols[2])
{
	static double t[MAXN], F[MAXN];
	struct fs_params p;
	struct run run;
	struct ref ref;
	int foot, n;

	if (access(file, R_OK)) {
		/* Under CI every prerequisite must be there. */
		const char *ci = getenv("CI");

		ASSERT_FALSE(ci && !strcmp(ci, "true")) {
			TH_LOG("%s missing under CI", file);
		}
		SKIP(return, "%s missing", file);
	}
	fs_params_default(&p);
	ASSERT_EQ(0, run_file(file, fmt, &p, &run));
	for (foot = 0; foot < 2; foot++) {
		const struct fs_state *st = &run.st[foot];

		ASSERT_NE(NULL, run.foot[foot]);
		n = read_column(file, cols[foot], t, F);
		ASSERT_GT(n, 100);
		reference(t, F, n, &ref);
		TH_LOG("%s %s: steps %u/%d stance %.3f/%.3f swing %.3f/%.3f stride %.3f/%.3f",
		       file, foot ? "right" : "left", st->session.steps, ref.steps,
		       st->session.stance_s, ref.stance, st->session.swing_s,
		       ref.swing, st->session.stride_time_s, ref.stride);
		EXPECT_LE(abs((int)st->session.steps - ref.steps),
			  ref.steps * 3 / 100 > 1 ? ref.steps * 3 / 100 : 1);
		near3(_metadata, "stance", st->session.stance_s, ref.stance);
		near3(_metadata, "swing", st->session.swing_s, ref.swing);
		near3(_metadata, "stride", st->session.stride_time_s, ref.stride);
		/* force only: the pressure-based index is not invented */
		if (fmt == FS_FMT_GAITPDB)
			EXPECT_EQ(-1, st->numbness_risk);
	}
	run_free(&run);
}

static const int gaitpdb_cols[2] = { 17, 18 };
static const int moticon_cols[2] = { 23, 48 };

TEST(gaitpdb_GaCo01) { check_file(_metadata, DATA "/gaitpdb/GaCo01_01.txt", FS_FMT_GAITPDB, gaitpdb_cols); }
TEST(gaitpdb_GaCo02) { check_file(_metadata, DATA "/gaitpdb/GaCo02_01.txt", FS_FMT_GAITPDB, gaitpdb_cols); }
TEST(gaitpdb_JuCo01) { check_file(_metadata, DATA "/gaitpdb/JuCo01_01.txt", FS_FMT_GAITPDB, gaitpdb_cols); }
TEST(gaitpdb_SiCo01) { check_file(_metadata, DATA "/gaitpdb/SiCo01_01.txt", FS_FMT_GAITPDB, gaitpdb_cols); }
TEST(moticon_102114) { check_file(_metadata, DATA "/moticon/230927_102114.txt", FS_FMT_AUTO, moticon_cols); }
TEST(moticon_102137) { check_file(_metadata, DATA "/moticon/230927_102137.txt", FS_FMT_AUTO, moticon_cols); }
TEST(moticon_102231) { check_file(_metadata, DATA "/moticon/230927_102231.txt", FS_FMT_AUTO, moticon_cols); }

TEST_HARNESS_MAIN
