// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Sensor faults (docs/analysis.md, "Sensor faults"): minutes of garbage
 * in one foot's zones, the rest real walking. The real data are the
 * Moticon OpenGo walks of ../shared/data (16 plantar sensors per insole,
 * N/cm2 = 10 kPa, 100 Hz), looped to 6 minutes per foot: ten sensors
 * become the ten plantar zones, six more, scaled down to a light contact
 * that moves with the foot, the six dorsal zones; temperatures are steady
 * skin values. One zone (or several) of the left foot is then corrupted
 * from the start or from minute 2: saturated (pinned at the emulator's
 * full scale), stuck (a constant, or frozen at its last reading), dead
 * (0 while the foot is loaded), absurd (-500 kPa, +inf, NaN/inf
 * temperatures, random values up to 1e6) or the whole sock at zero.
 *
 * Every second of every run, both feet: no NaN or inf anywhere in the
 * state (but the documented NaN of a temperature never believed), indices
 * within -1..100. At the end: the corrupted zones, and only they, carry
 * the expected fault; the cause the zone is evidence of never reaches
 * cause_evidence; the left foot's level and causes are no worse than with
 * the clean data; the right foot, clean, has no fault and stays ok.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "analysis.h"

/* Relative to the project root, where make runs the tests. */
#define DATA "../shared/data/moticon/"
#define RATE 100.0
#define MINUTES 6
#define ONSET_S 120.0
#define FULL_SCALE 3014.0f	/* the emulator's hallux at 65535 counts */

static const char *const files[] = {
	DATA "230927_102114.txt", DATA "230927_102137.txt",
	DATA "230927_102231.txt",
};

/* Moticon sensor (1-based) of each zone; dorsal ones scaled by DORSAL. */
static const int sensor_of[FS_NZONES] = {
	1, 2, 3, 4, 5, 6, 8, 10, 11, 14,	/* plantar */
	9, 12, 13, 15, 16, 7,			/* dorsal, scaled */
};
#define DORSAL 0.02

struct stream {
	struct fs_frame *fr;
	long n;
};

static struct stream feet[2];

/* Loops the three walks into MINUTES of frames per foot. */
static int load(void)
{
	double t_off = 0.0, t_last = 0.0;
	char line[8192];
	int foot, i;

	for (foot = 0; foot < 2; foot++) {
		feet[foot].fr = calloc((size_t)(MINUTES * 60 * RATE + 4000),
				       sizeof(struct fs_frame));
		if (!feet[foot].fr)
			return -1;
	}
	while (t_off < MINUTES * 60.0) {
		for (i = 0; i < 3 && t_off < MINUTES * 60.0; i++) {
			FILE *f = fopen(files[i], "r");

			if (!f)
				return -1;
			while (fgets(line, sizeof(line), f)) {
				char *col[60], *p = line;
				int n = 0;
				double t;

				if (line[0] == '#')
					continue;
				while (n < 60) {
					col[n++] = p;
					p = strchr(p, '\t');
					if (!p)
						break;
					*p++ = '\0';
				}
				if (n < 53)
					continue;
				t = strtod(col[0], NULL) + t_off;
				t_last = t;
				for (foot = 0; foot < 2; foot++) {
					int base = 1 + foot * 25, z;
					struct fs_frame *fr;

					if (!*col[base])
						continue;
					fr = &feet[foot].fr[feet[foot].n++];
					fs_frame_clear(fr);
					fr->t = t;
					for (z = 0; z < FS_NZONES; z++) {
						double v = strtod(col[base + sensor_of[z] - 1], NULL) * 10.0;

						fr->p[z] = (float)(z < FS_NPLANTAR ? v : v * DORSAL);
					}
					for (z = 0; z < FS_NTEMPS; z++)
						fr->temp[z] = (float)(30.0 + 0.4 * z - (z == FS_T_SHOE) * 6.0 +
								      0.05 * sin(t / (7.0 + z)));
				}
			}
			fclose(f);
			t_off = t_last + 0.5;
		}
	}
	return feet[0].n > 30000 && feet[1].n > 30000 ? 0 : -1;
}

enum corruption { C_NONE, C_CONST, C_FREEZE, C_NEG, C_INF, C_NAN_TEMP, C_RANDOM };

struct bad {
	int zone;		/* FS_Z_*, or 100 + FS_T_* */
	enum corruption how;
	float value;
	int fault;		/* expected FS_SF_* */
};

struct outcome {
	struct fs_state st[2];
	double worst_score[FS_NCAUSES];	/* left, every second */
	int checked;
};

static unsigned int rng = 12345;

static double urand(void)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) / 16777216.0;
}

/* The reading a struct bad names: a zone, or 100 + a temperature site. */
static float *reading(struct fs_frame *fr, int zone)
{
	if (zone >= 100 && zone < 100 + FS_NTEMPS)
		return &fr->temp[zone - 100];
	if (zone >= 0 && zone < FS_NZONES)
		return &fr->p[zone];
	return NULL;
}

static void corrupt(struct fs_frame *fr, const struct bad *b, float frozen)
{
	float *v = reading(fr, b->zone);

	if (!v)
		return;
	switch (b->how) {
	case C_NONE:
		break;
	case C_CONST:
	case C_NEG:
	case C_NAN_TEMP:
		*v = b->value;
		break;
	case C_FREEZE:
		*v = frozen;
		break;
	case C_INF:
		*v = INFINITY;
		break;
	case C_RANDOM: {
		double u = urand();

		*v = u < 0.02 ? INFINITY : u < 0.04 ? -INFINITY : u < 0.06 ? NAN :
		     (float)((urand() - 0.5) * 2e6);
		break;
	}
	}
}

/* Every double of the state finite, but a never-believed temperature. */
static void expect_finite(struct __test_metadata *_metadata,
			  const struct fs_state *st, int foot)
{
	const double *g[] = { &st->session.cadence_spm, &st->session.stride_time_s,
		&st->session.stance_s, &st->session.swing_s,
		&st->session.stance_fraction, &st->recent.cadence_spm,
		&st->recent.stride_time_s, &st->recent.stance_s,
		&st->recent.swing_s, &st->recent.stance_fraction,
		&st->heel_peak_kpa, &st->loading_rate_kpa_s, &st->heel_ratio,
		&st->medial_share, &st->neuroma_ratio, &st->gradient_c,
		&st->gradient_baseline_c, &st->cooling_c_min, &st->t };
	unsigned int i;

	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		double v = *g[i];
		unsigned int which = i;

		/* recent gait: NAN until known (analysis.h), JSON null */
		if (g[i] >= &st->recent.cadence_spm && g[i] <= &st->recent.stance_fraction &&
		    st->session.steps < 10 && isnan(v))
			continue;
		ASSERT_TRUE(isfinite(v))
			TH_LOG("foot %d at %.1f s: scalar %u is %g", foot, st->t, which, v);
	}
	for (i = 0; i < FS_NZONES; i++) {
		ASSERT_TRUE(isfinite(st->peak_kpa[i]) && isfinite(st->pti_kpa_s[i]) &&
			    isfinite(st->floor_kpa[i]) && isfinite(st->sustained_kpa[i]))
			TH_LOG("foot %d at %.1f s: zone %s not finite", foot, st->t,
			       fs_zone_names[i]);
		/* a believed reading is within the physical range */
		ASSERT_TRUE(st->sustained_kpa[i] > -10.0 && st->sustained_kpa[i] < 10000.0);
	}
	for (i = 0; i < FS_NSITES; i++)
		ASSERT_TRUE(st->dose[i] >= 0.0 && st->dose[i] <= 1.0 &&
			    st->severity[i] >= 0.0 && st->severity[i] <= 1.0);
	for (i = 0; i < FS_NTEMPS; i++) {
		ASSERT_FALSE(isinf(st->temp_c[i]) || isinf(st->temp_mean_c[i]));
		/* never believed: absurd (after the 2 s that confirm it) */
		if (isnan(st->temp_c[i]) || isnan(st->temp_mean_c[i])) {
			ASSERT_TRUE(st->temp_fault[i] == FS_SF_ABSURD || st->t < 3.0)
				TH_LOG("foot %d: temperature %s NaN without a fault", foot,
				       fs_temp_names[i]);
		} else {
			ASSERT_TRUE(st->temp_c[i] > -40.0 && st->temp_c[i] < 60.0);
		}
	}
	for (i = 0; i < FS_NCAUSES; i++)
		ASSERT_TRUE(st->cause_score[i] >= 0.0 && st->cause_score[i] <= 1.0 &&
			    st->cause_score_max[i] >= 0.0 && st->cause_score_max[i] <= 1.0);
	ASSERT_TRUE(st->numbness_risk >= -1 && st->numbness_risk <= 100);
	ASSERT_TRUE(st->circulation_restriction >= -1 && st->circulation_restriction <= 100);
	ASSERT_TRUE(st->level <= FS_LEVEL_STOP && st->level_max <= FS_LEVEL_STOP);
	ASSERT_TRUE(st->numbness_trend < FS_NTRENDS && st->circulation_trend < FS_NTRENDS);
}

/* Runs both feet; the left with the corruptions from onset on. */
static void run(struct __test_metadata *_metadata, const struct bad *bad,
		int nbad, double onset, struct outcome *o)
{
	struct fs_foot *f[2];
	struct fs_frame fr;
	float frozen[FS_NZONES + FS_NTEMPS] = { 0 };
	int foot, k, c;
	long i;

	memset(o, 0, sizeof(*o));
	rng = 12345;
	for (foot = 0; foot < 2; foot++) {
		double next_check = 0.0;

		ASSERT_EQ(0, fs_foot_new(NULL, &f[foot]));
		for (i = 0; i < feet[foot].n; i++) {
			fr = feet[foot].fr[i];
			for (k = 0; foot == 0 && k < nbad; k++) {
				const float *src = reading(&fr, bad[k].zone);

				ASSERT_NE(NULL, src);
				if (fr.t < onset) {
					frozen[k] = *src;
					continue;
				}
				corrupt(&fr, &bad[k], frozen[k]);
			}
			ASSERT_LE(0, fs_foot_feed(f[foot], &fr));
			if (fr.t >= next_check) {
				next_check = fr.t + 1.0;
				fs_foot_state(f[foot], &o->st[foot]);
				expect_finite(_metadata, &o->st[foot], foot);
				o->checked++;
				for (c = 0; foot == 0 && c < FS_NCAUSES; c++)
					if (o->st[0].cause_score[c] > o->worst_score[c])
						o->worst_score[c] = o->st[0].cause_score[c];
			}
		}
		fs_foot_state(f[foot], &o->st[foot]);
		expect_finite(_metadata, &o->st[foot], foot);
		fs_foot_free(f[foot]);
	}
}

FIXTURE(faults) {
	struct outcome clean;
};

FIXTURE_VARIANT(faults) {
	struct bad bad[4];
	int nbad;
	double onset;
	int cause;		/* the cause the zone is evidence of, or -1 */
	bool all_dead;		/* the whole sock at zero */
};

#define Z(zone, how, value, fault) { FS_Z_##zone, how, value, FS_SF_##fault }
#define T(site, how, value, fault) { 100 + FS_T_##site, how, value, FS_SF_##fault }

FIXTURE_VARIANT_ADD(faults, dorsum_saturated) {
	.bad = { Z(DORSUM, C_CONST, FULL_SCALE, SATURATED) }, .nbad = 1,
	.onset = 0.0, .cause = FS_C_TIGHT_LACES,
};
FIXTURE_VARIANT_ADD(faults, dorsum_saturated_at_minute_2) {
	.bad = { Z(DORSUM, C_CONST, FULL_SCALE, SATURATED) }, .nbad = 1,
	.onset = ONSET_S, .cause = FS_C_TIGHT_LACES,
};
FIXTURE_VARIANT_ADD(faults, dorsum_stuck_at_25kpa) {
	.bad = { Z(DORSUM, C_CONST, 25.0f, STUCK) }, .nbad = 1,
	.onset = 0.0, .cause = FS_C_TIGHT_LACES,
};
FIXTURE_VARIANT_ADD(faults, dorsum_stuck_at_25kpa_at_minute_2) {
	.bad = { Z(DORSUM, C_CONST, 25.0f, STUCK) }, .nbad = 1,
	.onset = ONSET_S, .cause = FS_C_TIGHT_LACES,
};
FIXTURE_VARIANT_ADD(faults, toebox_top_stuck) {
	.bad = { Z(TOEBOX_TOP, C_CONST, 12.0f, STUCK) }, .nbad = 1,
	.onset = ONSET_S, .cause = FS_C_TIGHT_TOEBOX,
};
FIXTURE_VARIANT_ADD(faults, cuff_saturated) {
	.bad = { Z(CUFF, C_CONST, FULL_SCALE, SATURATED) }, .nbad = 1,
	.onset = ONSET_S, .cause = FS_C_TIGHT_SOCK,
};
FIXTURE_VARIANT_ADD(faults, tarsal_tunnel_stuck) {
	.bad = { Z(TARSAL_TUNNEL, C_CONST, 30.0f, STUCK) }, .nbad = 1,
	.onset = 0.0, .cause = FS_C_OVERPRONATION,
};
FIXTURE_VARIANT_ADD(faults, hallux_dead) {
	.bad = { Z(HALLUX, C_CONST, 0.0f, DEAD) }, .nbad = 1,
	.onset = ONSET_S, .cause = -1,
};
FIXTURE_VARIANT_ADD(faults, heel_med_frozen_in_stance) {
	.bad = { Z(HEEL_MED, C_FREEZE, 0.0f, STUCK) }, .nbad = 1,
	.onset = 150.02, .cause = FS_C_OVERSTRIDING,
};
FIXTURE_VARIANT_ADD(faults, met3_4_saturated) {
	.bad = { Z(MET3_4, C_CONST, FULL_SCALE, SATURATED) }, .nbad = 1,
	.onset = ONSET_S, .cause = FS_C_NEUROMA_LOAD,
};
FIXTURE_VARIANT_ADD(faults, absurd_values) {
	.bad = { Z(DORSUM, C_NEG, -500.0f, ABSURD), Z(MET1, C_INF, 0.0f, ABSURD),
		 T(TOE, C_NAN_TEMP, 300.0f, ABSURD), T(ANKLE, C_INF, 0.0f, ABSURD) },
	.nbad = 4, .onset = ONSET_S, .cause = FS_C_TIGHT_LACES,
};
FIXTURE_VARIANT_ADD(faults, absurd_temperatures_from_the_start) {
	.bad = { T(TOE, C_INF, 0.0f, ABSURD), T(HEEL, C_NAN_TEMP, -300.0f, ABSURD) },
	.nbad = 2, .onset = 0.0, .cause = FS_C_TIGHT_SOCK,
};
FIXTURE_VARIANT_ADD(faults, random_garbage) {
	.bad = { Z(DORSUM, C_RANDOM, 0.0f, ABSURD), Z(HEEL_LAT, C_RANDOM, 0.0f, ABSURD) },
	.nbad = 2, .onset = 0.0, .cause = FS_C_TIGHT_LACES,
};
FIXTURE_VARIANT_ADD(faults, whole_sock_zero) {
	.all_dead = true, .onset = ONSET_S, .cause = -1,
};

void faults_setup(struct __test_metadata *_metadata, FIXTURE_DATA(faults) *self,
		  const FIXTURE_VARIANT(faults) *variant);
void faults_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(faults) *self,
		     const FIXTURE_VARIANT(faults) *variant);

FIXTURE_SETUP(faults)
{
	(void)variant;
	if (!feet[0].n)
		ASSERT_EQ(0, load()) TH_LOG("cannot read %s", files[0]);
	run(_metadata, NULL, 0, 0.0, &self->clean);
}

FIXTURE_TEARDOWN(faults)
{
	(void)self;
	(void)variant;
}

TEST_F(faults, reported_as_faults_not_causes)
{
	struct fs_params p;
	struct outcome o;
	struct bad all[FS_NZONES];
	const struct bad *bad = variant->bad;
	int nbad = variant->nbad, z, c, k, want;
	const struct fs_state *l, *r, *cl = &self->clean.st[0];

	fs_params_default(&p);
	/* the clean run: no fault, both feet ok, no cause */
	for (z = 0; z < 2; z++) {
		EXPECT_EQ(0, fs_state_sensor_faults(&self->clean.st[z]));
		EXPECT_EQ(FS_LEVEL_OK, self->clean.st[z].level_max);
		EXPECT_EQ(-1, fs_state_top_cause(&self->clean.st[z], &p));
		EXPECT_GE(self->clean.st[z].session.steps, 150U);
	}
	if (variant->all_dead) {
		for (z = 0; z < FS_NZONES; z++)
			all[z] = (struct bad){ z, C_CONST, 0.0f, FS_SF_DEAD };
		bad = all;
		nbad = FS_NZONES;
	}
	run(_metadata, bad, nbad, variant->onset, &o);
	l = &o.st[0];
	r = &o.st[1];
	TH_LOG("%d states checked over %.0f + %.0f s; left: level max %s, numbness max %d, %lu readings left out",
	       o.checked, l->t, r->t, fs_level_names[l->level_max], l->numbness_risk_max,
	       l->rejected);
	EXPECT_GE(l->t, MINUTES * 60.0 - 5.0);

	/* the fault named, on exactly the corrupted zones and sites */
	for (z = 0; z < FS_NZONES + FS_NTEMPS; z++) {
		int got = z < FS_NZONES ? l->zone_fault[z] : l->temp_fault[z - FS_NZONES];
		int id = z < FS_NZONES ? z : 100 + z - FS_NZONES;

		want = FS_SF_NONE;
		for (k = 0; k < nbad; k++)
			if (bad[k].zone == id)
				want = bad[k].fault;
		EXPECT_EQ(want, got)
			TH_LOG("left %s: fault '%s', expected '%s'",
			       z < FS_NZONES ? fs_zone_names[z] : fs_temp_names[z - FS_NZONES],
			       fs_sensor_fault_names[got], fs_sensor_fault_names[want]);
	}
	/* not a cause */
	if (variant->cause >= 0) {
		EXPECT_LT(l->cause_score_max[variant->cause], p.cause_evidence)
			TH_LOG("%s latched at %.2f", fs_cause_names[variant->cause],
			       l->cause_score_max[variant->cause]);
		EXPECT_LT(o.worst_score[variant->cause], p.cause_evidence)
			TH_LOG("%s reached %.2f on the way", fs_cause_names[variant->cause],
			       o.worst_score[variant->cause]);
	}
	/* no worse than the clean data: level, causes, circulation */
	EXPECT_LE(l->level_max, cl->level_max);
	for (c = 0; c < FS_NCAUSES; c++) {
		const char *name = fs_cause_names[c];
		double v = l->cause_score_max[c];

		EXPECT_LT(v, p.cause_evidence)
			TH_LOG("cause %s at %.2f", name, v);
	}
	EXPECT_LE(l->circulation_restriction_max, cl->circulation_restriction_max + 5);
	/* the healthy foot: no fault, ok, as clean */
	EXPECT_EQ(0, fs_state_sensor_faults(r));
	EXPECT_EQ(FS_LEVEL_OK, r->level_max);
	EXPECT_EQ(0, memcmp(r, &self->clean.st[1], sizeof(*r)));
	/* the gait of the left foot survives a zone's loss */
	if (!variant->all_dead)
		EXPECT_GE(l->session.steps, cl->session.steps * 9 / 10);
}

/* A fault ends when the sensor reads believable values again. */
TEST(fault_clears_when_the_sensor_recovers)
{
	struct fs_foot *f;
	struct fs_frame fr;
	struct fs_state st;
	int ev, started = 0, ended = 0;
	long i;

	if (!feet[0].n)
		ASSERT_EQ(0, load());
	ASSERT_EQ(0, fs_foot_new(NULL, &f));
	for (i = 0; i < feet[0].n; i++) {
		fr = feet[0].fr[i];
		if (fr.t >= 60.0 && fr.t < 120.0)
			fr.p[FS_Z_DORSUM] = FULL_SCALE;
		ev = fs_foot_feed(f, &fr);
		ASSERT_LE(0, ev);
		if (!(ev & FS_EV_SENSOR))
			continue;
		fs_foot_state(f, &st);
		if (st.zone_fault[FS_Z_DORSUM] == FS_SF_SATURATED) {
			started++;
			/* (the harness prints integers: 61.99 is "61") */
			EXPECT_GE(fr.t, 60.0 + 1.9);
			EXPECT_LE(fr.t, 60.0 + 3.0);
		} else if (st.zone_fault[FS_Z_DORSUM] == FS_SF_NONE) {
			ended++;
			/* 10 s of believable readings: a light dorsal
			 * contact is flat for a second at times */
			EXPECT_GE(fr.t, 120.0 + 10.0);
			EXPECT_LE(fr.t, 120.0 + 20.0);
		}
	}
	EXPECT_EQ(1, started);
	EXPECT_EQ(1, ended);
	fs_foot_state(f, &st);
	EXPECT_EQ(0, fs_state_sensor_faults(&st));
	/* the session remembers it */
	EXPECT_EQ(1 << FS_SF_SATURATED, st.zone_fault_seen[FS_Z_DORSUM]);
	EXPECT_EQ(0, st.zone_fault_seen[FS_Z_HALLUX]);
	fs_foot_free(f);
}

/*
 * The edges of a believable reading (docs/analysis.md, "Sensor faults"):
 * a pressure from -10 kPa up to, not including, full scale (2000 kPa), a
 * temperature from -40 to 60 degC, both ends included; just outside, the
 * reading is left out from the first frame and a fault after 2 s. The
 * reading under test is believable for 2 s, then wavers between two
 * values (never flat) for 8 s, while the other zones move.
 */
struct edge {
	int reading;		/* a zone, or 100 + a temperature site */
	float a, b;		/* it alternates between these */
	int fault;		/* FS_SF_* expected at the end */
};

static void edge_run(struct __test_metadata *_metadata, const struct edge *e)
{
	struct fs_foot *f;
	struct fs_frame fr;
	struct fs_state st;
	long i;
	int z;

	ASSERT_EQ(0, fs_foot_new(NULL, &f));
	for (i = 0; i < 1000; i++) {
		fs_frame_clear(&fr);
		fr.t = i / RATE;
		for (z = 0; z < FS_NZONES; z++)
			fr.p[z] = (float)(20.0 + 15.0 * sin(fr.t * 8.0 + z));
		for (z = 0; z < FS_NTEMPS; z++)
			fr.temp[z] = (float)(30.0 + 0.1 * sin(fr.t + z));
		if (i >= 200)
			*reading(&fr, e->reading) = i % 2 ? e->b : e->a;
		ASSERT_LE(0, fs_foot_feed(f, &fr));
	}
	fs_foot_state(f, &st);
	if (e->reading >= 100) {
		EXPECT_EQ(e->fault, st.temp_fault[e->reading - 100]);
	} else {
		EXPECT_EQ(e->fault, st.zone_fault[e->reading]);
	}
	/* every reading of the 8 s left out, or none */
	EXPECT_EQ(e->fault ? 800UL : 0UL, st.rejected);
	EXPECT_EQ(e->fault ? 1 : 0, fs_state_sensor_faults(&st));
	fs_foot_free(f);
}

TEST(edges_of_a_believable_reading)
{
	/* the floats either side of each edge: not a bit of slack */
	const struct edge edges[] = {
		{ FS_Z_DORSUM, -10.0f, -9.5f, FS_SF_NONE },
		{ FS_Z_DORSUM, -0.5f, 0.5f, FS_SF_NONE },
		{ FS_Z_DORSUM, nextafterf(-10.0f, -20.0f), -10.5f, FS_SF_ABSURD },
		{ FS_Z_HEEL_MED, 1999.5f, nextafterf(2000.0f, 0.0f), FS_SF_NONE },
		{ FS_Z_HEEL_MED, 2000.0f, 2000.5f, FS_SF_SATURATED },
		{ FS_Z_HEEL_MED, 10000.5f, 10001.0f, FS_SF_ABSURD },
		{ 100 + FS_T_TOE, 59.5f, 60.0f, FS_SF_NONE },
		{ 100 + FS_T_TOE, nextafterf(60.0f, 70.0f), 60.5f, FS_SF_ABSURD },
		{ 100 + FS_T_SHOE, -40.0f, -39.5f, FS_SF_NONE },
		{ 100 + FS_T_SHOE, nextafterf(-40.0f, -50.0f), -40.5f,
		  FS_SF_ABSURD },
	};
	unsigned int i;

	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		TH_LOG("reading %d: %g and %g", edges[i].reading,
		       edges[i].a, edges[i].b);
		edge_run(_metadata, &edges[i]);
	}
}

TEST_HARNESS_MAIN
