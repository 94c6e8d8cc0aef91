// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu's running model: plausible pressures and temperatures per
 * scenario (docs/emulator.md), cadence, the causes' signatures, --onset,
 * --weight, determinism, and the test pattern.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "model.h"
#include "source.h"

#define RATE	200
#define MAX_STRIDES 4096

enum { HALLUX, TOES, MET1, MET2, MET3_4, MET5, ARCH, MIDFOOT_LAT, HEEL_MED,
       HEEL_LAT, DORSUM, TOEBOX_TOP, TOEBOX_MED, TOEBOX_LAT, TARSAL_TUNNEL,
       CUFF };
enum { TOE, FOREFOOT, TDORSUM, HEEL, ANKLE, SHOE };

/* What a run looked like, from the model's output. */
struct run_stats {
	unsigned int strides;		/* complete strides seen */
	double peak[EMU_NP];		/* median over strides of the stride peak */
	double swing_mean[EMU_NP];	/* mean in swing */
	double swing_max[EMU_NP];	/* 99th percentile-ish: max of stride means */
	double stance_mean[EMU_NP];
	double stance_fraction;
	double heel_rate;		/* median loading rate of heel_lat, kPa/s */
	double contact_s;		/* median contact time */
	double temp_first[EMU_NT];	/* mean over the first 10 s */
	double temp_last[EMU_NT];	/* mean over the last 10 s */
	double temp_min, temp_max;	/* skin sites, whole run */
	double detected_cadence;	/* from pressure alone */
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, unsigned int n)
{
	if (!n)
		return 0.0;
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* Runs the model from t_from to t_to seconds and measures it. */
static void run_model(const struct model_params *p, double t_from, double t_to,
		      struct run_stats *st)
{
	static double peaks[EMU_NP][MAX_STRIDES], rates[MAX_STRIDES],
		contacts[MAX_STRIDES];
	double cur_peak[EMU_NP] = { 0 }, swing_sum[EMU_NP] = { 0 },
	       stance_sum[EMU_NP] = { 0 }, tsum_first[EMU_NT] = { 0 },
	       tsum_last[EMU_NT] = { 0 };
	unsigned long swing_n = 0, stance_n = 0, n_first = 0, n_last = 0;
	unsigned long total = 0, steps = 0;
	double contact_start = 0, heel_t_peak = 0, heel_v_peak = 0;
	double dt = 1.0 / RATE, sum;
	bool was_contact = false, loaded = false, counting = false;
	struct model m;
	struct model_out o;
	unsigned int n = 0;
	int z;

	memset(st, 0, sizeof(*st));
	st->temp_min = 1e9;
	st->temp_max = -1e9;
	model_init(&m, p);
	while (m.t < t_to) {
		model_step(&m, dt, &o);
		if (o.time_s < t_from)
			continue;
		total++;
		/* contacts as a detector sees them: plantar load rising over 50 kPa */
		for (sum = 0, z = 0; z < DORSUM; z++)
			sum += o.pressure_kpa[z];
		if (!loaded && sum > 50.0) {
			loaded = true;
			steps++;
		} else if (loaded && sum < 20.0) {
			loaded = false;
		}
		if (o.contact && !was_contact) {
			if (counting && n < MAX_STRIDES) {
				for (z = 0; z < EMU_NP; z++)
					peaks[z][n] = cur_peak[z];
				rates[n] = heel_v_peak / (heel_t_peak - contact_start);
				n++;
			}
			counting = true;
			contact_start = o.time_s;
			heel_v_peak = 0;
			memset(cur_peak, 0, sizeof(cur_peak));
		}
		if (!o.contact && was_contact && counting && n < MAX_STRIDES)
			contacts[n] = o.time_s - contact_start;
		was_contact = o.contact;
		for (z = 0; z < EMU_NP; z++) {
			if (o.pressure_kpa[z] > cur_peak[z])
				cur_peak[z] = o.pressure_kpa[z];
			if (o.contact)
				stance_sum[z] += o.pressure_kpa[z];
			else
				swing_sum[z] += o.pressure_kpa[z];
		}
		if (o.contact && o.pressure_kpa[HEEL_LAT] > heel_v_peak) {
			heel_v_peak = o.pressure_kpa[HEEL_LAT];
			heel_t_peak = o.time_s + dt / 2;
		}
		stance_n += o.contact;
		swing_n += !o.contact;
		for (z = 0; z < EMU_NT; z++) {
			if (o.time_s < t_from + 10.0) {
				tsum_first[z] += o.temp_c[z];
				if (!z)
					n_first++;
			}
			if (o.time_s >= t_to - 10.0) {
				tsum_last[z] += o.temp_c[z];
				if (!z)
					n_last++;
			}
			if (z != SHOE && o.temp_c[z] < st->temp_min)
				st->temp_min = o.temp_c[z];
			if (z != SHOE && o.temp_c[z] > st->temp_max)
				st->temp_max = o.temp_c[z];
		}
	}
	st->strides = n;
	for (z = 0; z < EMU_NP; z++) {
		st->peak[z] = median(peaks[z], n);
		st->swing_mean[z] = swing_n ? swing_sum[z] / swing_n : 0;
		st->stance_mean[z] = stance_n ? stance_sum[z] / stance_n : 0;
	}
	for (z = 0; z < EMU_NT; z++) {
		st->temp_first[z] = n_first ? tsum_first[z] / n_first : 0;
		st->temp_last[z] = n_last ? tsum_last[z] / n_last : 0;
	}
	st->stance_fraction = (double)stance_n / total;
	st->heel_rate = median(rates, n);
	st->contact_s = median(contacts, n);
	st->detected_cadence = 2.0 * steps / ((t_to - t_from) / 60.0);
}

static struct model_params params(int scenario)
{
	struct model_params p = {
		.scenario = scenario, .foot = FOOTSOCK_FOOT_LEFT, .seed = 7,
	};

	return p;
}

#define EXPECT_RANGE(v, lo, hi) \
	EXPECT_MSG((v) >= (lo) && (v) <= (hi), "%s = %.2f, expected %g..%g", \
		   #v, (double)(v), (double)(lo), (double)(hi))

#define EXPECT_GT_D(a, b) \
	EXPECT_MSG((a) > (b), "%s = %.2f, expected > %s = %.2f", #a, \
		   (double)(a), #b, \
		       (double)(b))

TEST(running_peaks_per_zone)
{
	struct model_params p = params(EMU_SC_NORMAL);
	struct run_stats s;

	run_model(&p, 0, 120, &s);
	ASSERT_GT(s.strides, 150);
	EXPECT_RANGE(s.peak[HEEL_MED], 300, 430);
	EXPECT_RANGE(s.peak[HEEL_LAT], 300, 430);
	EXPECT_RANGE(s.peak[MET1], 300, 730);
	EXPECT_RANGE(s.peak[MET2], 300, 730);
	EXPECT_RANGE(s.peak[MET3_4], 300, 730);
	EXPECT_RANGE(s.peak[MET5], 300, 730);
	EXPECT_GT_D(s.peak[MET2], s.peak[MET1]);
	EXPECT_GT_D(s.peak[MET2], s.peak[MET5]);
	EXPECT_GT_D(s.peak[MET3_4], s.peak[MET1]);
	EXPECT_GT_D(s.peak[MET3_4], s.peak[MET5]);
	EXPECT_RANGE(s.peak[HALLUX], 575, 710);
	EXPECT_RANGE(s.peak[TOES], 150, 575);
	EXPECT_RANGE(s.peak[ARCH], 20, 200);
	EXPECT_RANGE(s.peak[MIDFOOT_LAT], 50, 250);
	/* not weight-bearing zones in a well-fitting shoe */
	EXPECT_RANGE(s.stance_mean[DORSUM], 0, 3);
	EXPECT_RANGE(s.stance_mean[TOEBOX_TOP], 0, 3);
	EXPECT_RANGE(s.stance_mean[TOEBOX_MED], 0, 3);
	EXPECT_RANGE(s.stance_mean[TOEBOX_LAT], 0, 3);
	EXPECT_RANGE(s.stance_mean[TARSAL_TUNNEL], 0, 3);
	EXPECT_RANGE(s.stance_mean[CUFF], 0, 3);
	EXPECT_RANGE(s.stance_fraction, 0.35, 0.40);
}

TEST(swing_is_near_zero)
{
	struct model_params p = params(EMU_SC_NORMAL);
	struct run_stats s;
	int z;

	run_model(&p, 0, 60, &s);
	for (z = 0; z < DORSUM; z++)
		EXPECT_RANGE(s.swing_mean[z], 0, 1.0);
	for (z = DORSUM; z < EMU_NP; z++)
		EXPECT_RANGE(s.swing_mean[z], 0, 3.0);
}

TEST(heel_strike_then_roll_to_toe_off)
{
	struct model m;
	struct model_out o;
	struct model_params p = params(EMU_SC_NORMAL);
	double t_peak[EMU_NP] = { 0 }, v_peak[EMU_NP] = { 0 };
	int z, i;

	model_init(&m, &p);
	/* the first stance: the left foot lands at t = 0 */
	for (i = 0; i < RATE; i++) {
		model_step(&m, 1.0 / RATE, &o);
		if (!o.contact && i > 5)
			break;
		for (z = 0; z < EMU_NP; z++) {
			if (o.pressure_kpa[z] > v_peak[z]) {
				v_peak[z] = o.pressure_kpa[z];
				t_peak[z] = o.time_s;
			}
		}
	}
	EXPECT_GT_D(t_peak[MIDFOOT_LAT], t_peak[HEEL_LAT]);
	EXPECT_GT_D(t_peak[MET2], t_peak[MIDFOOT_LAT]);
	EXPECT_GT_D(t_peak[HALLUX], t_peak[MET2]);
}

static void check_cadence(struct __test_metadata *_metadata, int scenario,
			  double spm, double stance_lo, double stance_hi)
{
	struct model_params p = params(scenario);
	struct run_stats s;

	p.cadence_spm = spm;
	run_model(&p, 0, 120, &s);
	EXPECT_RANGE(s.detected_cadence, spm * 0.98, spm * 1.02);
	EXPECT_RANGE(s.stance_fraction, stance_lo, stance_hi);
}

TEST(cadence_matches_option)
{
	check_cadence(_metadata, EMU_SC_NORMAL, 150, 0.35, 0.40);
	check_cadence(_metadata, EMU_SC_NORMAL, 170, 0.35, 0.40);
	check_cadence(_metadata, EMU_SC_NORMAL, 190, 0.35, 0.40);
	check_cadence(_metadata, EMU_SC_WALK, 110, 0.57, 0.63);
	check_cadence(_metadata, EMU_SC_TIGHT_LACES, 165, 0.35, 0.40);
}

TEST(default_cadences)
{
	EXPECT_EQ(170, (int)emu_scenario_default_cadence(EMU_SC_NORMAL));
	EXPECT_EQ(170, (int)emu_scenario_default_cadence(EMU_SC_OVERPRONATION));
	EXPECT_EQ(110, (int)emu_scenario_default_cadence(EMU_SC_WALK));
	EXPECT_EQ(0, (int)emu_scenario_default_cadence(EMU_SC_STAND));
}

TEST(walking_peaks_lower)
{
	struct model_params p = params(EMU_SC_WALK);
	struct run_stats s;

	run_model(&p, 0, 120, &s);
	EXPECT_RANGE(s.peak[HEEL_LAT], 150, 330);
	EXPECT_RANGE(s.peak[HALLUX], 150, 400);
	EXPECT_RANGE(s.peak[MET2], 150, 400);
}

TEST(standing_has_no_steps)
{
	struct model_params p = params(EMU_SC_STAND);
	struct run_stats s;

	run_model(&p, 0, 60, &s);
	/* the first sample is one "contact": 2 steps/min over a minute */
	EXPECT_RANGE(s.detected_cadence, 0, 2.5);
	EXPECT_RANGE(s.stance_mean[HEEL_LAT], 40, 90);
	EXPECT_RANGE(s.stance_mean[HALLUX], 5, 30);
}

TEST(tight_laces_hold_dorsum)
{
	struct model_params p = params(EMU_SC_TIGHT_LACES);
	struct run_stats early, late;

	run_model(&p, 0, 60, &early);
	run_model(&p, 1740, 1800, &late);
	EXPECT_RANGE(early.swing_mean[DORSUM], 8, 15);
	EXPECT_RANGE(late.swing_mean[DORSUM], 8, 15);
	/* the foot swells: the pressure rises */
	EXPECT_GT_D(late.swing_mean[DORSUM], early.swing_mean[DORSUM] + 2);
	EXPECT_RANGE(early.swing_mean[TOEBOX_TOP], 0, 3);
	EXPECT_RANGE(early.swing_mean[CUFF], 0, 3);
}

TEST(tight_toebox_holds_toebox)
{
	struct model_params p = params(EMU_SC_TIGHT_TOEBOX);
	struct run_stats s;

	run_model(&p, 0, 60, &s);
	EXPECT_RANGE(s.swing_mean[TOEBOX_TOP], 6, 25);
	EXPECT_RANGE(s.swing_mean[TOEBOX_MED], 6, 25);
	EXPECT_RANGE(s.swing_mean[TOEBOX_LAT], 6, 25);
	EXPECT_GT_D(s.stance_mean[TOEBOX_MED], s.swing_mean[TOEBOX_MED]);
	EXPECT_RANGE(s.swing_mean[DORSUM], 0, 3);
}

TEST(tight_sock_holds_cuff_and_cools_toe)
{
	struct model_params ps = params(EMU_SC_TIGHT_SOCK);
	struct model_params pn = params(EMU_SC_NORMAL);
	struct run_stats sock, normal;
	double d_sock, d_normal;

	run_model(&ps, 0, 1200, &sock);
	run_model(&pn, 0, 1200, &normal);
	EXPECT_RANGE(sock.swing_mean[CUFF], 8, 20);
	EXPECT_RANGE(normal.swing_mean[CUFF], 0, 3);
	/* ankle minus toe after 20 minutes */
	d_sock = sock.temp_last[ANKLE] - sock.temp_last[TOE];
	d_normal = normal.temp_last[ANKLE] - normal.temp_last[TOE];
	EXPECT_GT_D(d_sock, d_normal + 1.0);
	/* the ankle itself is not restricted */
	EXPECT_RANGE(sock.temp_last[ANKLE] - normal.temp_last[ANKLE], -0.1, 0.1);
}

/* --relief: the cuff's pressure goes at once, the toe rewarms in minutes. */
TEST(relief_removes_the_cause)
{
	struct model_params p = params(EMU_SC_TIGHT_SOCK);
	struct run_stats before, after, later;

	p.relief_s = 1200;
	run_model(&p, 1140, 1200, &before);
	run_model(&p, 1202, 1262, &after);
	run_model(&p, 1800, 1810, &later);
	EXPECT_RANGE(before.swing_mean[CUFF], 8, 20);
	EXPECT_RANGE(after.swing_mean[CUFF], 0, 3);
	/* the toe regains on the ankle: ~1.3 degC of cooling, 2 min tau */
	EXPECT_GT_D((later.temp_last[TOE] - later.temp_last[ANKLE]) -
		    (before.temp_last[TOE] - before.temp_last[ANKLE]), 1.0);
}

TEST(overstriding_heel)
{
	struct model_params po = params(EMU_SC_OVERSTRIDING);
	struct model_params pn = params(EMU_SC_NORMAL);
	struct run_stats over, normal;

	run_model(&po, 0, 60, &over);
	run_model(&pn, 0, 60, &normal);
	EXPECT_GT_D(over.peak[HEEL_LAT], 450);
	EXPECT_GT_D(over.heel_rate, 1.5 * normal.heel_rate);
	EXPECT_GT_D(over.contact_s, normal.contact_s * 1.08);
}

TEST(overpronation_medial_load)
{
	struct model_params po = params(EMU_SC_OVERPRONATION);
	struct model_params pn = params(EMU_SC_NORMAL);
	struct run_stats over, normal;

	run_model(&po, 0, 60, &over);
	run_model(&pn, 0, 60, &normal);
	EXPECT_GT_D(over.peak[ARCH], over.peak[MIDFOOT_LAT]);
	EXPECT_GT_D(over.peak[HEEL_MED], over.peak[HEEL_LAT]);
	EXPECT_GT_D(normal.peak[MIDFOOT_LAT], normal.peak[ARCH]);
	EXPECT_GT_D(over.stance_mean[TARSAL_TUNNEL],
		    normal.stance_mean[TARSAL_TUNNEL] + 5);
}

TEST(neuroma_load_met3_4_push_off)
{
	struct model_params p = params(EMU_SC_NEUROMA_LOAD);
	struct run_stats s;

	run_model(&p, 0, 60, &s);
	EXPECT_GT_D(s.peak[MET3_4], 1.25 * s.peak[MET2]);
	EXPECT_GT_D(s.peak[MET3_4], 1.25 * s.peak[MET5]);
}

TEST(onset_delays_the_cause)
{
	struct model_params p = params(EMU_SC_TIGHT_LACES);
	struct run_stats before, after;

	p.onset_s = 300;
	run_model(&p, 0, 290, &before);
	run_model(&p, 360, 420, &after);
	EXPECT_RANGE(before.swing_mean[DORSUM], 0, 3);
	EXPECT_RANGE(after.swing_mean[DORSUM], 8, 15);
}

TEST(weight_scales_pressure)
{
	struct model_params p70 = params(EMU_SC_NORMAL), p100 = p70;
	struct run_stats a, b;

	p100.weight_kg = 100;
	run_model(&p70, 0, 60, &a);
	run_model(&p100, 0, 60, &b);
	EXPECT_RANGE(b.peak[MET2] / a.peak[MET2], 100 / 70.0 * 0.93,
		     100 / 70.0 * 1.07);
	EXPECT_RANGE(b.peak[HEEL_LAT] / a.peak[HEEL_LAT], 100 / 70.0 * 0.93,
		     100 / 70.0 * 1.07);
}

TEST(skin_temperatures_warm_up_in_range)
{
	struct model_params p = params(EMU_SC_NORMAL);
	struct run_stats s;

	run_model(&p, 0, 1800, &s);
	EXPECT_RANGE(s.temp_min, 27.9, 34.0);
	EXPECT_RANGE(s.temp_max, 28.0, 34.1);
	EXPECT_GT_D(s.temp_last[FOREFOOT], s.temp_first[FOREFOOT] + 2.0);
	EXPECT_GT_D(s.temp_last[HEEL], s.temp_first[HEEL] + 2.0);
	/* the shoe air: above a room's ambient, below the skin */
	EXPECT_RANGE(s.temp_last[SHOE], 23, s.temp_last[FOREFOOT]);
}

TEST(same_seed_same_data)
{
	struct model_params p = params(EMU_SC_OVERPRONATION);
	struct model a, b, c;
	struct model_out oa, ob, oc;
	int i, differ = 0;

	model_init(&a, &p);
	model_init(&b, &p);
	p.seed = 8;
	model_init(&c, &p);
	for (i = 0; i < 20000; i++) {
		model_step(&a, 1.0 / RATE, &oa);
		model_step(&b, 1.0 / RATE, &ob);
		model_step(&c, 1.0 / RATE, &oc);
		ASSERT_EQ(0, memcmp(oa.pressure_kpa, ob.pressure_kpa,
				    sizeof(oa.pressure_kpa)));
		ASSERT_EQ(0, memcmp(oa.temp_c, ob.temp_c, sizeof(oa.temp_c)));
		differ += memcmp(oa.pressure_kpa, oc.pressure_kpa,
				 sizeof(oa.pressure_kpa)) != 0;
	}
	EXPECT_GT(differ, 19000);
}

TEST(feet_alternate)
{
	struct model_params pl = params(EMU_SC_NORMAL), pr = pl;
	struct model l, r;
	struct model_out ol, or;
	int i, both = 0;

	pr.foot = FOOTSOCK_FOOT_RIGHT;
	model_init(&l, &pl);
	model_init(&r, &pr);
	for (i = 0; i < 60 * RATE; i++) {
		model_step(&l, 1.0 / RATE, &ol);
		model_step(&r, 1.0 / RATE, &or);
		both += ol.contact && or.contact;
	}
	/* running has a flight phase: the feet are never down together */
	EXPECT_LT(both, 60 * RATE / 100);
}

/* The pattern as docs/emulator.md defines it, computed by hand. */
TEST(test_pattern)
{
	struct emu_sample s;
	int i;

	emu_pattern_sample(0x12345, &s);
	EXPECT_TRUE(s.exact);
	EXPECT_EQ(0x2345, s.pressure[0]);
	EXPECT_EQ(0x0001, s.pressure[1]);
	EXPECT_EQ(19709, s.pressure[2]);	/* (74565*31 + 2*977) & 0xffff */
	EXPECT_EQ(-5333, s.temp[0]);		/* (s16)(74565*7 - 3000) */
	EXPECT_EQ(-4332, s.temp[1]);		/* ... + 1001 */
	for (i = 2; i < EMU_NP; i++)
		EXPECT_EQ((0x12345u * 31 + (unsigned int)i * 977) & 0xffff,
			  s.pressure[i]);
	emu_pattern_sample(0, &s);
	EXPECT_EQ(0, s.pressure[0]);
	EXPECT_EQ(-3000, s.temp[0]);
	EXPECT_EQ(0, s.faults);
	emu_pattern_sample(0xffffffffu, &s);
	EXPECT_EQ(0xffff, s.pressure[0]);
	EXPECT_EQ(0xffff, s.pressure[1]);
}

TEST(scenario_names)
{
	int i;

	for (i = 0; i < EMU_SC_COUNT; i++)
		EXPECT_EQ(i, emu_scenario_parse(emu_scenario_name(i)));
	EXPECT_EQ(-1, emu_scenario_parse("sprint"));
	EXPECT_EQ(EMU_SC_NEUROMA_LOAD, emu_scenario_parse("neuroma_load"));
}

TEST_HARNESS_MAIN
