// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The shared real recordings (../shared/data) against references from
 * outside the analysis (docs/analysis.md, "Gait timing against force").
 *
 * gaitpdb: the analysis is fed the 8 force sensors per foot through the
 * importer, as footsockctl analyze is; the reference is the file's own
 * total vertical force per foot (columns 18 and 19), timed as a force
 * plate is: stance is where the force is above a fixed threshold in
 * newtons. It is written here from that definition (no envelope, no
 * hysteresis, no code of the analysis). The analysis' mean stance, swing
 * and stride must be within 3 % of the 20 N reference on every file and
 * foot; 50 N and 5 % of body weight are logged beside it.
 *
 * Moticon: no force plate; the insole's own gait report (its heel strike
 * and toe-off marks, the step columns of the export) is logged beside
 * the analysis with where the vendor places its events on the force
 * curve. The stride, which does not depend on where the events are
 * placed, must agree within 3 %; and the analysis must agree within 3 %
 * with the threshold reference on the insole's total force at its own
 * event level (a consistency check of the streaming detector, not
 * accuracy). The importers set only the load, so levels and causes are
 * not evaluated here: a check of them could not fail.
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
#define MAXEV 1000
#define G 9.81

struct ref {
	int strides, dropped;
	double stance, swing, stride;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double cross(double t0, double f0, double t1, double f1, double thr)
{
	return t0 + (t1 - t0) * (thr - f0) / (f1 - f0);
}

/*
 * The force-plate reference. Contact: the force rises through thr;
 * toe-off: it falls through it (linear between the 100 Hz samples, as a
 * 1 kHz plate would see it). A contact shorter than 0.1 s is a blip of
 * swing, and a dip under thr shorter than 0.1 s is part of the stance
 * (no walking phase is that short). A stride is contact to contact; the
 * first and last partial ones (no crossing) are not strides, the first
 * whole one is the start from standing (gait initiation), and strides
 * more than 25 % off the file's median are stops and turns: all dropped.
 */
static void force_reference(const double *t, const double *F, int n,
			    double thr, struct ref *r)
{
	static double on[MAXEV], off[MAXEV], len[MAXEV];
	double sum_st = 0, sum_sw = 0, sum_str = 0, med;
	int i, k, non = 0, m = 0;

	memset(r, 0, sizeof(*r));
	for (i = 1; i < n; i++) {
		if (F[i - 1] < thr && F[i] >= thr && non < MAXEV) {
			on[non] = cross(t[i - 1], F[i - 1], t[i], F[i], thr);
			off[non++] = -1;
		} else if (non && F[i - 1] >= thr && F[i] < thr && off[non - 1] < 0) {
			off[non - 1] = cross(t[i - 1], F[i - 1], t[i], F[i], thr);
		}
	}
	/* blips out, then dips merged */
	for (k = 0; k < non; k++) {
		/* a contact still open at the end only ends a stride */
		if (off[k] < 0 && k == non - 1 && !(m && on[k] - off[m - 1] < 0.1)) {
			on[m++] = on[k];
			break;
		}
		if (off[k] < 0 || off[k] - on[k] < 0.1)
			continue;
		if (m && on[k] - off[m - 1] < 0.1) {
			off[m - 1] = off[k];
			continue;
		}
		on[m] = on[k];
		off[m] = off[k];
		m++;
	}
	for (k = 0; k + 1 < m; k++)
		len[k] = on[k + 1] - on[k];
	if (m < 3)
		return;
	qsort(len, m - 1, sizeof(double), cmp_double);
	med = len[(m - 1) / 2];
	for (k = 0; k + 1 < m; k++) {
		double stride = on[k + 1] - on[k];

		if (!k || fabs(stride - med) > 0.25 * med) {
			r->dropped++;
			continue;
		}
		sum_st += off[k] - on[k];
		sum_sw += on[k + 1] - off[k];
		sum_str += stride;
		r->strides++;
	}
	if (!r->strides)
		return;
	r->stance = sum_st / r->strides;
	r->swing = sum_sw / r->strides;
	r->stride = sum_str / r->strides;
}

/*
 * Columns of a tab-separated file (0-based; '#' lines skipped): time,
 * the foot's total force, and for gaitpdb the sum of its 8 sensors;
 * rows where the force is empty (the other insole only) are skipped.
 */
static int read_force(const char *path, int col, int sensor0, double *t,
		      double *F, double *S)
{
	FILE *f = fopen(path, "r");
	char line[8192], *p, *field;
	int n = 0, i;

	if (!f)
		return -1;
	while (n < MAXN && fgets(line, sizeof(line), f)) {
		double tv = NAN, v = NAN, sum = 0;

		if (line[0] == '#')
			continue;
		p = line;
		for (i = 0; (field = strsep(&p, "\t\n")); i++) {
			if (i == 0)
				tv = *field ? atof(field) : NAN;
			if (i == col)
				v = *field ? atof(field) : NAN;
			if (sensor0 >= 0 && i >= sensor0 && i < sensor0 + 8)
				sum += atof(field);
		}
		if (isnan(tv) || isnan(v))
			continue;
		t[n] = tv;
		F[n] = v;
		S[n] = sum;
		n++;
	}
	fclose(f);
	return n;
}

static double pct(double got, double want)
{
	return 100.0 * (got - want) / want;
}

static bool need_file(struct __test_metadata *_metadata, const char *file)
{
	const char *ci = getenv("CI");

	if (!access(file, R_OK))
		return true;
	/* Under CI every prerequisite must be there. */
	if (ci && !strcmp(ci, "true"))
		TH_LOG("%s missing under CI", file);
	return false;
}

#define NEAR3(what, got, want) \
	EXPECT_LE(fabs((got) - (want)), 0.03 * (want)) \
		TH_LOG("%s: %.4f s against %.4f s (%+.1f %%)", what, got, \
		       want, pct(got, want))

/* Body weights from ../shared/data/gaitpdb/SOURCE.md. */
static void check_gaitpdb(struct __test_metadata *_metadata, const char *file,
			  double kg)
{
	static double t[MAXN], F[MAXN], S[MAXN];
	static const char *const name[2] = { "left", "right" };
	struct fs_params p;
	struct run run;
	struct ref r20, r50, rbw;
	int foot, n, i;

	if (!need_file(_metadata, file)) {
		ASSERT_FALSE(getenv("CI") && !strcmp(getenv("CI"), "true"));
		SKIP(return, "%s missing", file);
	}
	fs_params_default(&p);
	ASSERT_EQ(0, run_file(file, FS_FMT_GAITPDB, &p, &run));
	for (foot = 0; foot < 2; foot++) {
		const struct fs_gait *g = &run.st[foot].session;

		ASSERT_NE(NULL, run.foot[foot]);
		n = read_force(file, 17 + foot, 1 + 8 * foot, t, F, S);
		ASSERT_GT(n, 1000);
		/* the force column is the sum of the 8 sensors the analysis saw */
		for (i = 0; i < n; i++)
			ASSERT_LE(fabs(S[i] - F[i]), 0.01);
		force_reference(t, F, n, 20.0, &r20);
		force_reference(t, F, n, 50.0, &r50);
		force_reference(t, F, n, 0.05 * kg * G, &rbw);
		ASSERT_GT(r20.strides, 30);
		TH_LOG("%s %s: analysis stance %.3f swing %.3f stride %.3f (%u steady strides)",
		       file, name[foot], g->stance_s, g->swing_s,
		       g->stride_time_s, g->strides);
		TH_LOG("  20 N (%d strides, %d dropped): stance %.3f (%+.1f %%) swing %.3f (%+.1f %%) stride %.3f (%+.1f %%)",
		       r20.strides, r20.dropped, r20.stance, pct(g->stance_s, r20.stance),
		       r20.swing, pct(g->swing_s, r20.swing), r20.stride,
		       pct(g->stride_time_s, r20.stride));
		TH_LOG("  50 N: stance %.3f (%+.1f %%) swing %.3f (%+.1f %%) stride %.3f (%+.1f %%)",
		       r50.stance, pct(g->stance_s, r50.stance), r50.swing,
		       pct(g->swing_s, r50.swing), r50.stride,
		       pct(g->stride_time_s, r50.stride));
		TH_LOG("  5 %% BW (%.0f N): stance %.3f (%+.1f %%) swing %.3f (%+.1f %%) stride %.3f (%+.1f %%)",
		       0.05 * kg * G, rbw.stance, pct(g->stance_s, rbw.stance),
		       rbw.swing, pct(g->swing_s, rbw.swing), rbw.stride,
		       pct(g->stride_time_s, rbw.stride));
		NEAR3("stance vs 20 N", g->stance_s, r20.stance);
		NEAR3("swing vs 20 N", g->swing_s, r20.swing);
		NEAR3("stride vs 20 N", g->stride_time_s, r20.stride);
		/* force only: the pressure-based index is not invented */
		EXPECT_EQ(-1, run.st[foot].numbness_risk);
	}
	run_free(&run);
}

TEST(gaitpdb_GaCo01) { check_gaitpdb(_metadata, DATA "/gaitpdb/GaCo01_01.txt", 83); }
TEST(gaitpdb_GaCo02) { check_gaitpdb(_metadata, DATA "/gaitpdb/GaCo02_01.txt", 70); }
TEST(gaitpdb_JuCo01) { check_gaitpdb(_metadata, DATA "/gaitpdb/JuCo01_01.txt", 75); }
TEST(gaitpdb_SiCo01) { check_gaitpdb(_metadata, DATA "/gaitpdb/SiCo01_01.txt", 56); }

/*
 * A Moticon export, one foot: time, the insole's total force and the
 * gait report's step marks (left 11 heel strike, 15 toe-off; right 21,
 * 25: the step columns, as the vendor's moticon-opengo library reads
 * them).
 */
static int read_moticon(const char *path, int foot, double *t, double *F,
			int *E)
{
	FILE *f = fopen(path, "r");
	char line[8192], *p, *field;
	int n = 0, i, fcol = foot ? 48 : 23, ecol = foot ? 51 : 52;

	if (!f)
		return -1;
	while (n < MAXN && fgets(line, sizeof(line), f)) {
		double tv = NAN, v = NAN;
		int e = 0;

		if (line[0] == '#')
			continue;
		p = line;
		for (i = 0; (field = strsep(&p, "\t\n")); i++) {
			if (i == 0)
				tv = *field ? atof(field) : NAN;
			if (i == fcol)
				v = *field ? atof(field) : NAN;
			if (i == ecol && *field)
				e = atoi(field) % 10;	/* 1 heel strike, 5 toe-off */
		}
		if (isnan(tv) || isnan(v))
			continue;
		t[n] = tv;
		F[n] = v;
		E[n] = e;
		n++;
	}
	fclose(f);
	return n;
}

/* The foot's 2 and 98 % quantiles of force: its swing floor and its high. */
static void force_range(const double *F, int n, double *lo, double *hi)
{
	static double s[MAXN];

	memcpy(s, F, sizeof(double) * n);
	qsort(s, n, sizeof(double), cmp_double);
	*lo = s[n * 2 / 100];
	*hi = s[n * 98 / 100];
}

/* The analysis' event times per foot, read at each contact. */
struct events {
	int n;
	double contact[MAXEV], toe_off[MAXEV];	/* toe_off[k]: before contact[k] */
};

static int run_events(const char *path, const struct fs_params *p,
		      struct run *run, struct events ev[2])
{
	struct fs_import im;
	struct fs_frame out[2];
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int foot, mask, r = 0;
	FILE *f = fopen(path, "r");

	memset(run, 0, sizeof(*run));
	memset(ev, 0, 2 * sizeof(*ev));
	if (!f)
		return -1;
	fs_import_init(&im, FS_FMT_AUTO);
	while (r >= 0 && (len = getline(&line, &cap, f)) >= 0) {
		if (len && line[len - 1] == '\n')
			len--;
		mask = fs_import_line(&im, line, (size_t)len, out);
		if (mask < 0) {
			r = mask;
			break;
		}
		for (foot = 0; foot < 2 && r >= 0; foot++) {
			struct events *e = &ev[foot];

			if (!(mask & (1 << foot)))
				continue;
			if (!run->foot[foot])
				r = fs_foot_new(p, &run->foot[foot]);
			if (r >= 0)
				r = fs_foot_feed(run->foot[foot], &out[foot]);
			if (r >= 0 && (r & FS_EV_CONTACT) && e->n < MAXEV) {
				fs_foot_state(run->foot[foot], &run->st[foot]);
				e->contact[e->n] = run->st[foot].contact_t;
				e->toe_off[e->n] = run->st[foot].toe_off_t;
				e->n++;
			}
		}
	}
	for (foot = 0; foot < 2; foot++)
		if (run->foot[foot])
			fs_foot_state(run->foot[foot], &run->st[foot]);
	free(line);
	fclose(f);
	return r < 0 ? r : 0;
}

/* The analysis' contact within 0.15 s of t, or -1. */
static int near_contact(const struct events *e, double t)
{
	int k;

	for (k = 0; k < e->n; k++)
		if (fabs(e->contact[k] - t) < 0.15)
			return k;
	return -1;
}

static void check_moticon(struct __test_metadata *_metadata, const char *file)
{
	static double t[MAXN], F[MAXN];
	static int E[MAXN];
	static struct events ev[2];
	static const char *const name[2] = { "left", "right" };
	struct fs_params p;
	struct run run;
	struct ref cons;
	int foot, n, i, k;

	if (!need_file(_metadata, file)) {
		ASSERT_FALSE(getenv("CI") && !strcmp(getenv("CI"), "true"));
		SKIP(return, "%s missing", file);
	}
	fs_params_default(&p);
	ASSERT_EQ(0, run_events(file, &p, &run, ev));
	for (foot = 0; foot < 2; foot++) {
		const struct fs_gait *g = &run.st[foot].session;
		const struct events *e = &ev[foot];
		double lo, hi, thr, hs = -1, to = -1, x, best;
		double st = 0, sw = 0, str = 0, f_hs = 0, f_to = 0;
		double lag = 0, lead = 0, d_hs = 0, d_to = 0;
		double m_st[2] = { 0 }, m_sw[2] = { 0 }, m_str[2] = { 0 };
		int n_st = 0, n_sw = 0, n_lag = 0, n_lead = 0, n_m = 0, a, b;

		ASSERT_NE(NULL, run.foot[foot]);
		n = read_moticon(file, foot, t, F, E);
		ASSERT_GT(n, 500);
		force_range(F, n, &lo, &hi);
		/* the analysis' own event level, on the insole's force */
		thr = lo + p.contact_event_frac * (hi - lo);
		/*
		 * The vendor's strides; where its marks sit on the force
		 * curve; how far each lies from the crossing of thr (lead:
		 * its heel strike after the nearest rise through thr; lag:
		 * the fall through thr after its toe-off); and the same
		 * strides as the analysis timed them.
		 */
		for (i = 1; i < n; i++) {
			if (E[i] == 1) {
				if (hs >= 0 && to > hs) {
					sw += t[i] - to;
					str += t[i] - hs;
					n_sw++;
					a = near_contact(e, hs);
					b = near_contact(e, t[i]);
					if (a >= 0 && b == a + 1) {
						m_st[0] += e->toe_off[b] - e->contact[a];
						m_sw[0] += e->contact[b] - e->toe_off[b];
						m_str[0] += e->contact[b] - e->contact[a];
						m_st[1] += to - hs;
						m_sw[1] += t[i] - to;
						m_str[1] += t[i] - hs;
						d_hs += e->contact[a] - hs;
						d_to += e->toe_off[b] - to;
						n_m++;
					}
				}
				hs = t[i];
				f_hs += F[i];
				best = 1;
				for (k = i > 30 ? i - 30 : 1; k < n && k < i + 30; k++) {
					if (!(F[k - 1] < thr && F[k] >= thr))
						continue;
					x = t[i] - cross(t[k - 1], F[k - 1], t[k], F[k], thr);
					if (fabs(x) < fabs(best))
						best = x;
				}
				if (fabs(best) < 0.3) {
					lead += best;
					n_lead++;
				}
			} else if (E[i] == 5 && hs >= 0) {
				to = t[i];
				st += to - hs;
				f_to += F[i];
				n_st++;
				for (k = i + 1; k < n && t[k] - to < 0.3; k++)
					if (F[k - 1] >= thr && F[k] < thr) {
						lag += cross(t[k - 1], F[k - 1], t[k], F[k], thr) - to;
						n_lag++;
						break;
					}
			}
		}
		ASSERT_GT(n_st, 3);
		ASSERT_GT(n_lag, 2);
		ASSERT_GT(n_lead, 2);
		ASSERT_GE(n_m, 3);
		st /= n_st;
		sw /= n_sw;
		str /= n_sw;
		lag /= n_lag;
		lead /= n_lead;
		TH_LOG("%s %s: means over each one's strides: analysis stance %.3f swing %.3f stride %.3f (%u); vendor stance %.3f (%+.1f %%) swing %.3f (%+.1f %%) stride %.3f (%+.1f %%) (%d)",
		       file, name[foot], g->stance_s, g->swing_s, g->stride_time_s,
		       g->strides, st, pct(g->stance_s, st), sw, pct(g->swing_s, sw),
		       str, pct(g->stride_time_s, str), n_sw);
		for (k = 0; k < 2; k++) {
			m_st[k] /= n_m;
			m_sw[k] /= n_m;
			m_str[k] /= n_m;
		}
		d_hs /= n_m;
		d_to /= n_m;
		TH_LOG("  the vendor's %d strides: vendor/analysis stance %.3f/%.3f (%+.1f %%) swing %.3f/%.3f (%+.1f %%) stride %.3f/%.3f (%+.1f %%); heel strike %+.0f ms, toe-off %+.0f ms from the vendor's",
		       n_m, m_st[1], m_st[0], pct(m_st[0], m_st[1]), m_sw[1],
		       m_sw[0], pct(m_sw[0], m_sw[1]), m_str[1], m_str[0],
		       pct(m_str[0], m_str[1]), 1000 * d_hs, 1000 * d_to);
		TH_LOG("  vendor marks at %.0f N (heel strike) and %.0f N (toe-off) of a %.0f N high; the force crosses %.0f N %+.0f ms from its heel strike and %+.0f ms from its toe-off",
		       f_hs / n_st, f_to / n_st, hi, thr, -1000 * lead, 1000 * lag);
		/*
		 * Like for like, the stride does not depend on where the
		 * events are placed; stance and swing differ by where the
		 * vendor places them on the force curve, and by nothing else.
		 */
		NEAR3("stride vs vendor, its strides", m_str[0], m_str[1]);
		EXPECT_LE(fabs(d_to - lag), 0.01)
			TH_LOG("toe-off %.3f s after the vendor's, the force at %.0f N %.3f s after",
			       d_to, thr, lag);
		EXPECT_LE(fabs(d_hs + lead), 0.01)
			TH_LOG("heel strike %.3f s after the vendor's, the force at %.0f N %.3f s after",
			       d_hs, thr, -lead);
		/* consistency: the same level, offline, one threshold */
		force_reference(t, F, n, thr, &cons);
		TH_LOG("  offline at %.0f N: stance %.3f swing %.3f stride %.3f (%d strides)",
		       thr, cons.stance, cons.swing, cons.stride, cons.strides);
		NEAR3("stance vs offline", g->stance_s, cons.stance);
		NEAR3("swing vs offline", g->swing_s, cons.swing);
		NEAR3("stride vs offline", g->stride_time_s, cons.stride);
	}
	run_free(&run);
}

TEST(moticon_102114) { check_moticon(_metadata, DATA "/moticon/230927_102114.txt"); }
TEST(moticon_102137) { check_moticon(_metadata, DATA "/moticon/230927_102137.txt"); }
TEST(moticon_102231) { check_moticon(_metadata, DATA "/moticon/230927_102231.txt"); }

TEST_HARNESS_MAIN
