// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The streaming analysis of one foot. See analysis.h for the API and
 * docs/analysis.md for the model. Per frame: constant work, no
 * allocation, no transcendental functions (first-order filters use
 * alpha = dt / tau, exact enough at 50-1000 Hz).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

#define LN2 0.69314718055994531
#define GAP_S 0.25		/* missing load this long: no interval spans it */
/*
 * A fall through the event level this long after the off crossing is the
 * swing floor's noise, not the toe-off's tail (20 to 80 ms in the real
 * walks): the off crossing times the toe-off instead.
 */
#define EV_REACH_S 0.15
#define SLOW_PERIOD_S 0.1	/* causes, risk and level update period */
#define COOL_PERIOD_S 30.0	/* toe cooling rate checkpoint */
#define MIN_STEPS_GAIT 8	/* gait causes need this many steps */
#define MIN_SWINGS_FIT 3	/* fit causes from the swing floor */
#define MIN_STEPS_NEUROMA_BASE 20	/* strides behind the foot's own ratio */

/*
 * Sensor faults (docs/analysis.md, "Sensor faults"). A reading is absurd
 * outside what a foot can produce, at full scale when the sensor clips;
 * both are left out at once. A zone whose value has not changed at all
 * for SF_GATE_S is left out from then on (a live sensor is never flat to
 * the last digit for a second while a foot moves), and reported stuck or
 * dead once it stays flat for SF_STUCK_S while the foot's other zones
 * moved SF_STUCK_MOVES times. A fault ends after SF_CLEAR_S of believable
 * readings.
 */
#define SF_NEG_KPA	10.0	/* below -10 kPa: absurd (a tare error) */
#define SF_ABSURD_KPA	10000.0	/* above: absurd (no foot makes 100 bar) */
#define SF_FULL_KPA	2000.0	/* at or above: the sensor clips */
#define SF_TEMP_LOW_C	(-40.0)	/* skin or shoe air below: absurd */
#define SF_TEMP_HIGH_C	60.0	/* above: absurd */
#define SF_FLAT_KPA	0.001f	/* "the same value" */
#define SF_GATE_S	1.0	/* flat this long: readings left out */
#define SF_GATE_CHANGES	4	/* while other zones changed this often in */
#define SF_CHANGING_S	2.0	/* the last 2 s: the sock is live now */
#define SF_STUCK_S	20.0	/* flat this long: stuck or dead */
#define SF_STUCK_MOVES	30	/* while other zones moved this often */
#define SF_MOVE_KPA	10.0f	/* a move: a change of this much */
#define SF_ZERO_KPA	2.0	/* flat within this of 0: dead */
#define SF_CONFIRM_S	2.0	/* absurd/clipped for this long: a fault */
#define SF_CLEAR_S	10.0	/* believable this long: fault over */
#define HOLD_N		15	/* evidence must hold 1.5 s (slow updates) */
/* slow updates in the longest cause_sustain_s: at most one per SLOW_PERIOD_S
 * (0.1 s), and a few for rounding */
#define SUS_RING	(FS_SUSTAIN_MAX_S * 10 + 4)

struct ewma {
	double v;
	bool ok;
};

static void ewma_add(struct ewma *e, double x, double alpha)
{
	if (!e->ok) {
		e->v = x;
		e->ok = true;
	} else {
		e->v += (x - e->v) * alpha;
	}
}

static double ramp(double x, double lo, double hi)
{
	if (!(x > lo))
		return 0.0;
	if (x >= hi || hi <= lo)
		return 1.0;
	return (x - lo) / (hi - lo);
}

/* Where a zone's swing floor ramp starts: the runner's, or the default. */
static double floor_low(const struct fs_params *p, int z)
{
	return p->zone_floor_low_kpa[z] > 0.0 ? p->zone_floor_low_kpa[z] :
						 p->floor_low_kpa;
}

static double fmax2(double a, double b)
{
	return a > b ? a : b;
}

/*
 * Evidence that has been present (non-zero) for each of the last HOLD_N
 * updates counts at its current value; anything shorter counts 0. A
 * flash is suppressed, while steady evidence that wobbles from stride to
 * stride is not shaved down to its lowest value.
 */
struct hold {
	unsigned int run;	/* the last updates present, up to HOLD_N */
};

static double hold_steady(struct hold *h, double x)
{
	if (!(x > 0.0)) {
		h->run = 0;
		return 0.0;
	}
	if (h->run < HOLD_N)
		h->run++;
	return h->run == HOLD_N ? x : 0.0;
}

struct fs_foot {
	struct fs_params p;
	bool started;
	double t0, t;
	unsigned long frames, missing;

	/* load envelope and contact detector */
	bool load_init;
	double hi, lo, prev_load, prev_load_t;
	bool raw, contact;	/* hysteresis state; committed state */
	double raw_t;		/* when raw last changed */
	bool have_contact, have_toeoff, ever_loaded;
	double tc, to, last_change_t;
	/*
	 * Gait timing: on/off above decide that a contact or toe-off
	 * happened; its time is where the load crossed the event level
	 * (contact_event_frac), as a force plate's threshold times it.
	 */
	double ev_rise_t;	/* the load's last rise through the level */
	bool ev_rise_ok;	/* ... and it stayed above since */
	double ev_raw_t;	/* event time of the raw rise */
	double ev_tc, ev_to;	/* event times of the last contact, toe-off */
	bool ev_to_search, ev_to_ok;
	double ev_to_last;	/* the toe-off the last stride used, or NAN */

	/* the step being accumulated (from the raw rise) */
	double step_start;
	float acc_peak[FS_NZONES];
	float acc_pti[FS_NZONES];
	unsigned short acc_n[FS_NZONES];
	double heel_max, heel_max_t;

	/* the swing being accumulated */
	float sw_sum[FS_NZONES];
	unsigned int sw_n[FS_NZONES];

	/* gait */
	unsigned int steps, toeoffs, strides, stances, swings, floors;
	double sum_stride, sum_stance, sum_swing;
	struct ewma r_stride, r_stance, r_swing;

	/* zones */
	struct ewma peak[FS_NZONES], pti[FS_NZONES], floor[FS_NZONES];
	/* sustained pressure (EWMA), kPa: valid once the zone is seen */
	double sustained[FS_NZONES];
	bool seen[FS_NZONES];
	unsigned int nseen;
	bool all_seen;		/* every zone */
	struct ewma heel_peak, loading_rate, heel_ratio, medial_share;
	struct ewma impact_index;	/* heel ratio / rise, of contact */
	struct ewma neuroma_ratio;
	/* the foot's own ratio, from the strides of the baseline window */
	double neuroma_base_sum, neuroma_base;
	unsigned int neuroma_base_n;
	bool neuroma_base_ok;
	unsigned int feature_steps;

	/* dose */
	double dose[FS_NSITES], severity[FS_NSITES];
	double site_risk, dose_dt;

	/* temperatures and circulation */
	double temp[FS_NTEMPS];		/* smoothed (EWMA) once seen */
	bool temp_seen[FS_NTEMPS];
	bool all_temps;		/* every site seen */
	double temp_sum[FS_NTEMPS];
	unsigned long temp_n[FS_NTEMPS];
	double base_sum;
	unsigned long base_n;
	bool base_ok;
	double baseline, next_cool_t, cool_ref;
	bool cool_ref_ok;
	struct ewma cooling;

	/* indices, causes, level */
	double next_slow;
	int numbness, numbness_max, circ, circ_max;
	double score[FS_NCAUSES];	/* now, held HOLD_N; not yet qualified */
	enum fs_level level, level_max;
	double level_since, up_since, down_since;
	bool up_pending, down_pending;
	enum fs_activity activity;
	bool ever_moved, red_flag;
	double red_since;
	bool red_pending;

	/* trends: index samples, newest at trend_head */
	struct trend {
		short v[FS_TREND_MAX_SAMPLES + 1];
		enum fs_trend trend;
	} numb_trend, circ_trend;
	unsigned int trend_head, trend_count, trend_span;
	double next_trend;

	/* sensor faults, per zone and per temperature site */
	struct sensor {
		float ref, anchor;	/* value of the flat run; last move */
		bool have_ref, untrusted;
		double run_t;		/* when the flat run started */
		unsigned long run_moves;	/* moves when it started */
		double absurd_lvl, clip_lvl;	/* leaky time, s */
		double last_bad_t;
		double fault_run_t;	/* the flat run found stuck/dead */
		unsigned char fault, seen;
		/*
		 * Nothing pending: no fault, not left out, both leaky
		 * levels at 0 (and a zone has its flat-run value): a
		 * believable reading changes nothing but the flat run
		 * (screen_quiet()).
		 */
		bool quiet;
		/*
		 * Quiet: the bits of the lowest non-negative reading that
		 * is not believable (float_bits()); 0 otherwise.
		 */
		uint32_t plain_below;
	} zs[FS_NZONES], ts[FS_NTEMPS];
	unsigned long moves, changes, rejected;
	double change_t[SF_GATE_CHANGES];	/* times of the last changes */
	/* evidence of the last HOLD_N slow updates */
	struct hold held_score[FS_NCAUSES], held_numb, held_circ;

	/*
	 * Causes qualify on sustained evidence (causes_qualify()): each
	 * cause's unbroken run at cause_evidence, in data time (a gap counts
	 * no more than a second) and in strides, and the scores of the last
	 * FS_SUSTAIN_MAX_S of slow updates, newest at sus_head.
	 */
	struct sustain {
		bool run;
		double run_s;		/* data time of the run */
		unsigned int run_steps;	/* f->steps when it began */
		double first_t;		/* first qualified, NAN: never */
	} sus[FS_NCAUSES];
	float sus_v[SUS_RING][FS_NCAUSES];
	double sus_t[SUS_RING];		/* data time of each update */
	unsigned int sus_head, sus_n;
	/*
	 * Per cause, the ring's slots that can still be the lowest of a
	 * window (a sliding minimum): oldest first, each score lower than
	 * every newer one's (so the first is the window's lowest), slot[]
	 * itself a ring from first.
	 */
	struct sus_min {
		unsigned short slot[SUS_RING];
		unsigned int first, n;
	} sus_min[FS_NCAUSES];
	double data_t, last_slow_t;
	bool slow_started;
	double qscore[FS_NCAUSES], qscore_max[FS_NCAUSES];

	/* did the fix work: per fit cause (fit_causes[]), and the records */
	struct relief_track {
		bool armed;		/* named; relief or escalation to come */
		bool escalated;		/* once per naming */
		bool blocked;		/* relieved: no re-arming until the
					 * evidence has gone */
		double named_t;
		double named_kpa;	/* swing floor when named */
		double before;		/* swing floor at the last compressed
					 * swing, 0: none since named */
		unsigned int low;	/* swings under floor_low_kpa in a row */
		double low_sum[3];	/* their per-zone swing means, summed */
		double fix_t, fix_grad;
		bool fix_grad_ok;	/* gradient known at the fix */
		bool rewarm_shown;	/* regained gradient_drop_low_c */
		int fix_numb;
		bool following;		/* record rec still followed */
		unsigned int rec;
	} rl[3];
	struct fs_relief relief[FS_RELIEF_MAX];
	unsigned int nrelief;
	int pending_ev;		/* FS_EV_* found below fs_foot_feed() */
};

/* The fit causes and the zones of their site. */
static const int fit_causes[3] = { FS_C_TIGHT_LACES, FS_C_TIGHT_TOEBOX,
				   FS_C_TIGHT_SOCK };
static const int fit_zones[3][3] = {
	{ FS_Z_DORSUM, -1, -1 },
	{ FS_Z_TOEBOX_TOP, FS_Z_TOEBOX_MED, FS_Z_TOEBOX_LAT },
	{ FS_Z_CUFF, -1, -1 },
};

void fs_frame_clear(struct fs_frame *f)
{
	int i;

	f->t = 0.0;
	for (i = 0; i < FS_NZONES; i++)
		f->p[i] = NAN;
	for (i = 0; i < FS_NTEMPS; i++)
		f->temp[i] = NAN;
	f->load = NAN;
}

int fs_foot_new(const struct fs_params *p, struct fs_foot **out)
{
	struct fs_params def;
	struct fs_foot *f;
	const char *why;
	int i;

	if (!p) {
		fs_params_default(&def);
		p = &def;
	}
	if (fs_params_check(p, &why) < 0)
		return -EINVAL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->p = *p;
	f->trend_span = (unsigned int)lround(p->trend_window_s /
					     p->trend_sample_s);
	if (!f->trend_span)
		f->trend_span = 1;
	f->ev_to_last = NAN;
	f->numbness = -1;
	f->numbness_max = -1;
	f->circ = -1;
	f->circ_max = -1;
	for (i = 0; i < FS_NCAUSES; i++)
		f->sus[i].first_t = NAN;
	*out = f;
	return 0;
}

void fs_foot_free(struct fs_foot *f)
{
	free(f);
}

int fs_foot_set_params(struct fs_foot *f, const struct fs_params *p)
{
	const char *why;

	if (fs_params_check(p, &why) < 0 ||
	    p->trend_window_s != f->p.trend_window_s ||
	    p->trend_sample_s != f->p.trend_sample_s)
		return -EINVAL;
	f->p = *p;
	return 0;
}

/* ---- gait ----------------------------------------------------------- */

static void step_reset(struct fs_foot *f, double t)
{
	memset(f->acc_peak, 0, sizeof(f->acc_peak));
	memset(f->acc_pti, 0, sizeof(f->acc_pti));
	memset(f->acc_n, 0, sizeof(f->acc_n));
	f->step_start = t;
	f->heel_max = 0.0;
	f->heel_max_t = t;
}

/*
 * The foot's own neuroma ratio: the mean of its strides in the baseline
 * window, known once the window is over with enough strides in it.
 */
static void neuroma_base_add(struct fs_foot *f, double ratio)
{
	const struct fs_params *p = &f->p;
	double since = f->t - f->t0;

	if (since >= p->baseline_start_s && since < p->baseline_end_s) {
		f->neuroma_base_sum += ratio;
		f->neuroma_base_n++;
	} else if (since >= p->baseline_end_s && !f->neuroma_base_ok &&
		   f->neuroma_base_n >= MIN_STEPS_NEUROMA_BASE) {
		f->neuroma_base = f->neuroma_base_sum / f->neuroma_base_n;
		f->neuroma_base_ok = f->neuroma_base > 0.0;
	}
}

/*
 * How far the interspace load is into neuroma_load's ramp (0 at its
 * start, 1 at its end, unclamped): by the ratio itself, or by its rise
 * over the foot's own, whichever is further.
 */
static double neuroma_excess(const struct fs_foot *f)
{
	const struct fs_params *p = &f->p;
	double x = (f->neuroma_ratio.v - p->neuroma_ratio_low) /
		   (p->neuroma_ratio_high - p->neuroma_ratio_low);

	if (f->neuroma_base_ok)
		x = fmax2(x, (f->neuroma_ratio.v / f->neuroma_base -
			      p->neuroma_rise_low) /
			     (p->neuroma_rise_high - p->neuroma_rise_low));
	return x;
}

static void swing_reset(struct fs_foot *f)
{
	memset(f->sw_sum, 0, sizeof(f->sw_sum));
	memset(f->sw_n, 0, sizeof(f->sw_n));
}

/* The step that ended: its accumulated zones, stance s long. */
static void step_features(struct fs_foot *f, double stance)
{
	const float *pk = f->acc_peak, *pti = f->acc_pti;
	const unsigned short *n = f->acc_n;
	double a = f->p.step_alpha, heel, fore, rise, den;
	int z;

	for (z = 0; z < FS_NZONES; z++) {
		if (!n[z])
			continue;
		ewma_add(&f->peak[z], pk[z], a);
		ewma_add(&f->pti[z], pti[z], a);
	}
	if (!n[FS_Z_HEEL_MED] || !n[FS_Z_HEEL_LAT])
		return;
	f->feature_steps++;
	heel = f->heel_max;
	ewma_add(&f->heel_peak, heel, a);
	rise = f->heel_max_t - f->step_start;
	if (rise > 0.005)
		ewma_add(&f->loading_rate, heel / rise, a);
	fore = fmax2(fmax2(pk[FS_Z_MET1], pk[FS_Z_MET2]),
		     fmax2(fmax2(pk[FS_Z_MET3_4], pk[FS_Z_MET5]), pk[FS_Z_HALLUX]));
	if (fore > 1.0)
		ewma_add(&f->heel_ratio, heel / fore, a);
	/*
	 * The impact index: the heel ratio over the time to the heel peak
	 * as a fraction of contact. Both halves are relative (the forefoot
	 * peak scales with body weight as the force does, contact time with
	 * pace), so it stands for a loading rate in body weights per
	 * stance, which kPa/s does not: a heavy runner's normal heel strike
	 * is steeper in kPa/s than a light overstrider's.
	 */
	if (fore > 1.0 && rise > 0.005 && stance > 0.0)
		ewma_add(&f->impact_index, heel / fore / (rise / stance), a);
	den = pti[FS_Z_ARCH] + pti[FS_Z_HEEL_MED] + pti[FS_Z_MIDFOOT_LAT] +
	      pti[FS_Z_HEEL_LAT];
	if (n[FS_Z_ARCH] && n[FS_Z_MIDFOOT_LAT] && den > 0.1)
		ewma_add(&f->medial_share,
			 (pti[FS_Z_ARCH] + pti[FS_Z_HEEL_MED]) / den, a);
	den = 0.5 * (pk[FS_Z_MET2] + pk[FS_Z_MET5]);
	if (n[FS_Z_MET3_4] && n[FS_Z_MET2] && n[FS_Z_MET5] && den > 1.0) {
		ewma_add(&f->neuroma_ratio, pk[FS_Z_MET3_4] / den, a);
		neuroma_base_add(f, pk[FS_Z_MET3_4] / den);
	}
}

/*
 * A stride closed by the contact at event time etc. The recent values
 * follow every stride, so that a change of pace shows within a few; the
 * session means take the stride, and its stance and swing, only when it
 * is within steady_stride_frac of the recent stride: a lab drops stops,
 * starts and turns, and so the means are those of steady walking or
 * running. The first stride has nothing to be steady against and is
 * the start; a stance still open at the end of the input is not counted.
 */
static void gait_stride(struct fs_foot *f, double etc)
{
	const struct fs_params *p = &f->p;
	double a = p->step_alpha, stride = etc - f->ev_tc, to, stance, swing;
	bool steady, phases;

	if (stride < p->stride_min_s || stride > p->stride_max_s)
		return;
	steady = f->r_stride.ok &&
		 fabs(stride - f->r_stride.v) <= p->steady_stride_frac * f->r_stride.v;
	ewma_add(&f->r_stride, stride, a);
	/* the load may not have reached the event level: the off crossing */
	to = f->ev_to_ok ? f->ev_to : f->to;
	stance = to - f->ev_tc;
	swing = etc - to;
	phases = f->have_toeoff && f->to > f->tc &&
		 stance >= p->stance_min_s && stance <= p->stance_max_s &&
		 swing >= p->debounce_s;
	if (phases) {
		ewma_add(&f->r_stance, stance, a);
		ewma_add(&f->r_swing, swing, a);
	}
	if (!steady)
		return;
	f->strides++;
	f->sum_stride += stride;
	if (phases) {
		f->stances++;
		f->sum_stance += stance;
		f->swings++;
		f->sum_swing += swing;
	}
}

static void relief_swing(struct fs_foot *f);

static void commit_contact(struct fs_foot *f, double tc, double etc)
{
	const struct fs_params *p = &f->p;
	double a = p->step_alpha, d;
	int z;

	f->steps++;
	if (f->have_contact)
		gait_stride(f, etc);
	if (f->have_contact && f->have_toeoff && f->to > f->tc)
		f->ev_to_last = f->ev_to_ok ? f->ev_to : f->to;
	/* the swing floor keeps the detector's own (on/off) timing */
	if (f->have_toeoff && f->have_contact && f->to > f->tc) {
		d = tc - f->to;
		if (d >= p->debounce_s && d <= p->stride_max_s) {
			for (z = 0; z < FS_NZONES; z++)
				if (f->sw_n[z])
					ewma_add(&f->floor[z],
						 f->sw_sum[z] / f->sw_n[z], a);
			f->floors++;
			relief_swing(f);
		}
	}
	f->tc = tc;
	f->ev_tc = etc;
	f->ev_to_ok = false;
	f->have_contact = true;
	f->last_change_t = tc;
}

static void commit_toeoff(struct fs_foot *f, double to)
{
	const struct fs_params *p = &f->p;
	double d;

	/* the step features keep the detector's own (on/off) timing */
	if (f->have_contact) {
		d = to - f->tc;
		if (d >= p->stance_min_s && d <= p->stance_max_s)
			step_features(f, d);
	}
	f->toeoffs++;
	f->to = to;
	f->have_toeoff = true;
	f->last_change_t = to;
	swing_reset(f);
}

/* Linear interpolation of the time the load crossed thr. */
static double crossing(double t0, double l0, double t1, double l1, double thr)
{
	if (l1 == l0)
		return t1;
	return t0 + (t1 - t0) * (thr - l0) / (l1 - l0);
}

/*
 * A frame of the step and of the swing: complete, no reading is NAN
 * (the common frame, in loops the compiler vectorises).
 */
static void step_add(struct fs_foot *f, const float *restrict p, float dt,
		     bool complete)
{
	int z;

	if (complete) {
		for (z = 0; z < FS_NZONES; z++) {
			f->acc_peak[z] = p[z] > f->acc_peak[z] ? p[z] : f->acc_peak[z];
			f->acc_pti[z] += p[z] * dt;
			f->acc_n[z]++;
		}
		return;
	}
	for (z = 0; z < FS_NZONES; z++) {
		if (isnan(p[z]))
			continue;
		if (p[z] > f->acc_peak[z])
			f->acc_peak[z] = p[z];
		f->acc_pti[z] += p[z] * dt;
		f->acc_n[z]++;
	}
}

static void swing_add(struct fs_foot *f, const float *restrict p,
		      bool complete)
{
	int z;

	if (complete) {
		for (z = 0; z < FS_NZONES; z++) {
			f->sw_sum[z] += p[z];
			f->sw_n[z]++;
		}
		return;
	}
	for (z = 0; z < FS_NZONES; z++) {
		if (isnan(p[z]))
			continue;
		f->sw_sum[z] += p[z];
		f->sw_n[z]++;
	}
}

static void gait_feed(struct fs_foot *f, const struct fs_frame *fr, double load,
		      bool complete)
{
	const struct fs_params *p = &f->p;
	double t = fr->t, dt, a, range, on, off, ev, tx;
	bool valid;

	if (!f->load_init) {
		f->hi = f->lo = load;
		f->prev_load = load;
		f->prev_load_t = t;
		f->load_init = true;
		step_reset(f, t);
		return;
	}
	dt = t - f->prev_load_t;
	if (dt > GAP_S) {
		/* a dropout: no stride, stance or swing spans it */
		f->have_contact = f->have_toeoff = false;
		f->raw = f->contact = false;
		f->ev_rise_ok = f->ev_to_search = f->ev_to_ok = false;
		f->prev_load = load;
		f->prev_load_t = t;
		step_reset(f, t);
		swing_reset(f);
		return;
	}
	a = dt / p->envelope_tau_s;
	if (a > 1.0)
		a = 1.0;
	if (load > f->hi)
		f->hi = load;
	else if (f->raw)
		f->hi += (load - f->hi) * a;
	if (load < f->lo)
		f->lo = load;
	else if (!f->raw)
		f->lo += (load - f->lo) * a;

	range = f->hi - f->lo;
	valid = range > 0.0 && range > p->min_range_frac * fabs(f->hi);
	on = f->lo + p->contact_on_frac * range;
	off = f->lo + p->contact_off_frac * range;
	ev = f->lo + p->contact_event_frac * range;

	/* the last rise through the event level: a contact's time */
	if (!valid || load <= ev) {
		f->ev_rise_ok = false;
	} else if (f->prev_load <= ev) {
		f->ev_rise_t = crossing(f->prev_load_t, f->prev_load, t, load, ev);
		f->ev_rise_ok = true;
	}
	if (!f->raw && valid && load > on) {
		tx = crossing(f->prev_load_t, f->prev_load, t, load, on);
		f->raw = true;
		f->raw_t = tx;
		/* however slowly the foot loads: it touched at the rise */
		f->ev_raw_t = f->ev_rise_ok ? f->ev_rise_t : tx;
		f->ev_to_search = false;
		if (f->contact)
			f->ev_to_ok = false;	/* a dip in stance, no toe-off */
		else
			step_reset(f, tx);
	} else if (f->raw && (load < off || !valid)) {
		tx = valid ? crossing(f->prev_load_t, f->prev_load, t, load, off) : t;
		f->raw = false;
		f->raw_t = tx;
		/* in swing this ends a bounce: the toe-off stays as found */
		if (f->contact) {
			f->ev_to_ok = false;
			f->ev_to_search = valid;
		}
	}
	/* then the first fall through the event level: the toe-off's time */
	if (f->ev_to_search && t - f->raw_t > EV_REACH_S)
		f->ev_to_search = false;
	if (f->ev_to_search && (!valid || load <= ev)) {
		f->ev_to_search = false;
		f->ev_to_ok = valid;
		f->ev_to = f->prev_load > ev ?
			crossing(f->prev_load_t, f->prev_load, t, load, ev) : f->prev_load_t;
	}
	if (f->raw != f->contact && t - f->raw_t >= p->debounce_s) {
		f->contact = f->raw;
		if (f->contact)
			commit_contact(f, f->raw_t, f->ev_raw_t);
		else
			commit_toeoff(f, f->raw_t);
	}
	if (load > 0.0)
		f->ever_loaded = true;

	if (f->raw) {
		step_add(f, fr->p, (float)dt, complete);
		if (!isnan(fr->p[FS_Z_HEEL_MED]) && !isnan(fr->p[FS_Z_HEEL_LAT])) {
			double h = fmax2(fr->p[FS_Z_HEEL_MED], fr->p[FS_Z_HEEL_LAT]);

			if (h > f->heel_max) {
				f->heel_max = h;
				f->heel_max_t = t;
			}
		}
	} else if (!f->contact && f->have_toeoff && t - f->to >= p->swing_skip_s) {
		swing_add(f, fr->p, complete);
	}
	f->prev_load = load;
	f->prev_load_t = t;
}

static enum fs_activity activity(const struct fs_foot *f)
{
	double sf;

	if (!f->have_contact || f->t - f->last_change_t > f->p.gait_idle_s ||
	    !f->r_stride.ok || !f->r_stance.ok || !f->r_swing.ok ||
	    f->strides < 2)
		return f->ever_loaded ? FS_ACT_STANDING : FS_ACT_NONE;
	sf = f->r_stance.v / (f->r_stance.v + f->r_swing.v);
	return sf < f->p.running_stance_frac ? FS_ACT_RUNNING : FS_ACT_WALKING;
}

/* ---- sustained pressure and dose ------------------------------------ */

/* The zone's readings are believed now (no fault, not left out). */
static bool zone_ok(const struct fs_foot *f, int z)
{
	return !f->zs[z].untrusted && !f->zs[z].fault;
}

static bool zones_ok(const struct fs_foot *f, const int *z, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!zone_ok(f, z[i]))
			return false;
	return true;
}

static bool temp_ok(const struct fs_foot *f, int i)
{
	return f->temp_seen[i] && !f->ts[i].untrusted && !f->ts[i].fault;
}

/* Sustained pressure as evidence: 0 from a zone that is not believed. */
static double sustained(const struct fs_foot *f, int z)
{
	return f->seen[z] && zone_ok(f, z) ? f->sustained[z] : 0.0;
}

/* The pressure a nerve site bears now, kPa. */
static double site_pressure(const struct fs_foot *f, int s)
{
	const struct fs_params *p = &f->p;
	double r;

	switch (s) {
	case FS_S_DORSUM:
		return sustained(f, FS_Z_DORSUM);
	case FS_S_TOEBOX:
		return fmax2(sustained(f, FS_Z_TOEBOX_TOP),
			     fmax2(sustained(f, FS_Z_TOEBOX_MED),
				   sustained(f, FS_Z_TOEBOX_LAT)));
	case FS_S_TARSAL_TUNNEL:
		return sustained(f, FS_Z_TARSAL_TUNNEL);
	case FS_S_CUFF:
		return sustained(f, FS_Z_CUFF);
	case FS_S_MET3_4:
		/*
		 * Weight-bearing: contact pressure is cyclic, so the
		 * interspace load is the neuroma ratio mapped onto the
		 * threshold..block scale, while moving.
		 */
		if (f->activity < FS_ACT_WALKING || !f->neuroma_ratio.ok ||
		    f->feature_steps < MIN_STEPS_GAIT)
			return 0.0;
		r = neuroma_excess(f);
		if (r <= 0.0)
			return 0.0;
		return p->dose_threshold_kpa +
		       r * (p->block_kpa - p->dose_threshold_kpa);
	}
	return 0.0;
}

static void dose_update(struct fs_foot *f, double dt)
{
	const struct fs_params *p = &f->p;
	double pr, risk = 0.0, w = p->dose_weight;
	int s;

	for (s = 0; s < FS_NSITES; s++) {
		pr = site_pressure(f, s);
		if (pr > p->dose_threshold_kpa) {
			/*
			 * Block is ischaemic: at and above block_kpa no
			 * blood reaches the nerve and more pressure does
			 * not block it sooner (Lundborg 1982: rapid block
			 * at 60 and at 90 mmHg alike).
			 */
			f->dose[s] += (fmin(pr, p->block_kpa) -
				       p->dose_threshold_kpa) * dt /
				      (60.0 * p->dose_full_kpa_min);
			if (f->dose[s] > 1.0)
				f->dose[s] = 1.0;
		} else if (p->dose_recovery_half_s > 0.0) {
			double k = dt * LN2 / p->dose_recovery_half_s;

			f->dose[s] *= k < 1.0 ? 1.0 - k : 0.0;
		}
		f->severity[s] = ramp(pr, p->dose_threshold_kpa, p->block_kpa);
		risk = fmax2(risk, (1.0 - w) * f->severity[s] + w * f->dose[s]);
	}
	f->site_risk = risk;
}

/* ---- temperatures ----------------------------------------------------- */

/* Readings v[i] of sites from to to, all seen before and none NAN. */
static void temps_add(struct fs_foot *f, const float *restrict v, double a,
		      int from, int to)
{
	int i;

	for (i = from; i < to; i++) {
		f->temp[i] += (v[i] - f->temp[i]) * a;
		f->temp_sum[i] += v[i];
		f->temp_n[i]++;
	}
}

/* The frame's screened temperatures, nans of them NAN. */
static void temps_feed(struct fs_foot *f, const struct fs_frame *fr, int nans,
		       double dt)
{
	const struct fs_params *p = &f->p;
	double a = dt / p->temp_tau_s, since = fr->t - f->t0;
	int i;

	if (a > 1.0)
		a = 1.0;
	if (nans == FS_NTEMPS) {
		/* none: all_temps, the AND of temp_seen[], stands */
	} else if (!nans && f->all_temps) {
		/*
		 * The common frame: every site, each seen before. In loops
		 * of 4 and 2 sites, whole vectors, that the compiler
		 * vectorises (one of 6 it does not).
		 */
		temps_add(f, fr->temp, a, 0, 4);
		temps_add(f, fr->temp, a, 4, FS_NTEMPS);
	} else {
		f->all_temps = true;
		for (i = 0; i < FS_NTEMPS; i++) {
			if (isnan(fr->temp[i])) {
				f->all_temps &= f->temp_seen[i];
				continue;
			}
			if (f->temp_seen[i]) {
				f->temp[i] += (fr->temp[i] - f->temp[i]) * a;
			} else {
				f->temp[i] = fr->temp[i];
				f->temp_seen[i] = true;
			}
			f->temp_sum[i] += fr->temp[i];
			f->temp_n[i]++;
		}
	}
	if (!f->temp_seen[FS_T_TOE] || !f->temp_seen[FS_T_ANKLE])
		return;
	if (since >= p->baseline_start_s && since < p->baseline_end_s) {
		f->base_sum += f->temp[FS_T_TOE] - f->temp[FS_T_ANKLE];
		f->base_n++;
	} else if (since >= p->baseline_end_s && !f->base_ok && f->base_n) {
		f->baseline = f->base_sum / f->base_n;
		f->base_ok = true;
	}
	if (fr->t >= f->next_cool_t) {
		if (f->cool_ref_ok)
			ewma_add(&f->cooling, (f->cool_ref - f->temp[FS_T_TOE]) /
				 ((fr->t - f->next_cool_t + COOL_PERIOD_S) / 60.0), 0.5);
		f->cool_ref = f->temp[FS_T_TOE];
		f->cool_ref_ok = since >= p->baseline_start_s;
		f->next_cool_t = fr->t + COOL_PERIOD_S;
	}
}

/* ---- causes, indices, level -------------------------------------------- */

/* Fit evidence of a zone: its swing floor while moving, else its mean. */
static double fit_pressure(const struct fs_foot *f, int z)
{
	if (!f->seen[z] || !zone_ok(f, z))
		return 0.0;
	if (f->activity >= FS_ACT_WALKING && f->floors >= MIN_SWINGS_FIT &&
	    f->floor[z].ok)
		return f->floor[z].v;
	return sustained(f, z);
}

static double fit_ramp(const struct fs_foot *f, int z)
{
	return ramp(fit_pressure(f, z), floor_low(&f->p, z), f->p.floor_high_kpa);
}

static double gradient_drop(const struct fs_foot *f)
{
	if (!f->base_ok || !temp_ok(f, FS_T_TOE) || !temp_ok(f, FS_T_ANKLE))
		return 0.0;
	return f->baseline - (f->temp[FS_T_TOE] - f->temp[FS_T_ANKLE]);
}

static void causes_update(struct fs_foot *f)
{
	const struct fs_params *p = &f->p;
	double *s = f->score;
	static const int heel_fore[] = { FS_Z_HEEL_MED, FS_Z_HEEL_LAT,
		FS_Z_HALLUX, FS_Z_MET1, FS_Z_MET2, FS_Z_MET3_4, FS_Z_MET5 };
	static const int medial[] = { FS_Z_ARCH, FS_Z_HEEL_MED,
		FS_Z_MIDFOOT_LAT, FS_Z_HEEL_LAT };
	static const int interspace[] = { FS_Z_MET2, FS_Z_MET3_4, FS_Z_MET5 };
	static const int fit[] = { FS_C_TIGHT_LACES, FS_C_TIGHT_TOEBOX,
		FS_C_TIGHT_SOCK };
	double temp_ev, most = 0.0;
	bool gait = f->activity >= FS_ACT_WALKING &&
		    f->feature_steps >= MIN_STEPS_GAIT;
	int c, i;

	s[FS_C_TIGHT_LACES] = fit_ramp(f, FS_Z_DORSUM);
	s[FS_C_TIGHT_TOEBOX] = fmax2(fit_ramp(f, FS_Z_TOEBOX_TOP),
				     fmax2(fit_ramp(f, FS_Z_TOEBOX_MED),
					   fit_ramp(f, FS_Z_TOEBOX_LAT)));
	s[FS_C_TIGHT_SOCK] = fit_ramp(f, FS_Z_CUFF);
	temp_ev = 0.8 * fmax2(ramp(gradient_drop(f), p->gradient_drop_low_c,
				   p->gradient_drop_high_c),
			      f->cooling.ok && temp_ok(f, FS_T_TOE) ?
			      ramp(f->cooling.v, p->cooling_low_c_min,
				   p->cooling_high_c_min) : 0.0);
	/*
	 * Toe cooling and the gradient drop say that circulation is
	 * restricted, not where. They go to the fit causes whose site is
	 * compressed (a pressure score that is itself evidence,
	 * cause_evidence): in full to the most compressed, to the others in
	 * proportion, so that a tie shares them and no score jumps from one
	 * cause to another as two sites cross. With no site compressed they
	 * go to tight_sock: a thick sock restricts the whole foot.
	 */
	for (i = 0; i < 3; i++)
		most = fmax2(most, s[fit[i]]);
	if (!(most > 0.0) || most < p->cause_evidence) {
		s[FS_C_TIGHT_SOCK] = fmax2(s[FS_C_TIGHT_SOCK], temp_ev);
	} else {
		for (i = 0; i < 3; i++) {
			if (s[fit[i]] >= p->cause_evidence)
				s[fit[i]] = fmax2(s[fit[i]],
						  temp_ev * s[fit[i]] / most);
		}
	}

	s[FS_C_OVERSTRIDING] = 0.0;
	s[FS_C_OVERPRONATION] = 0.0;
	s[FS_C_NEUROMA_LOAD] = 0.0;
	/*
	 * A gait cause needs every zone it compares believed.
	 * Overstriding: the foot lands ahead of the body on its heel, and
	 * the impact comes steep and early. A normal heel striker has a heel
	 * peak near the forefoot's too, so the heel ratio only says that the
	 * step is a heel strike (it gates); the evidence is the impact index,
	 * a high heel peak reached early in a long contact.
	 */
	if (gait && f->activity == FS_ACT_RUNNING && f->heel_ratio.ok &&
	    f->impact_index.ok && zones_ok(f, heel_fore, 7))
		s[FS_C_OVERSTRIDING] =
			ramp(f->heel_ratio.v, p->heel_ratio_low, p->heel_ratio_high) *
			ramp(f->impact_index.v, p->impact_index_low, p->impact_index_high);
	/*
	 * Overpronation: the medial share of the rearfoot and midfoot load,
	 * and the tibial nerve's pressure per stance (the foot everts in
	 * stance, which is when the tarsal tunnel is pressed), or sustained.
	 * The nerve evidence weighs more: it is what numbs, and a low arch
	 * alone raises the medial share.
	 */
	if (gait && f->medial_share.ok && zones_ok(f, medial, 4))
		s[FS_C_OVERPRONATION] =
			0.25 * ramp(f->medial_share.v, p->medial_share_low, p->medial_share_high) +
			0.75 * (f->seen[FS_Z_TARSAL_TUNNEL] &&
			        zone_ok(f, FS_Z_TARSAL_TUNNEL) ?
			        ramp(fmax2(sustained(f, FS_Z_TARSAL_TUNNEL),
					   f->peak[FS_Z_TARSAL_TUNNEL].ok ?
					   f->peak[FS_Z_TARSAL_TUNNEL].v : 0.0),
				     p->tarsal_low_kpa, p->tarsal_high_kpa) : 0.0);
	if (gait && f->neuroma_ratio.ok && zones_ok(f, interspace, 3))
		s[FS_C_NEUROMA_LOAD] = ramp(neuroma_excess(f), 0.0, 1.0);
	/*
	 * Evidence counts once it has been present for HOLD_N updates
	 * (1.5 s, hold_steady()): the
	 * second before a flat zone is left out (SF_GATE_S) cannot show a
	 * cause, nor leave one behind.
	 */
	for (c = 0; c < FS_NCAUSES; c++)
		s[c] = hold_steady(&f->held_score[c], s[c]);
}

static unsigned int sus_min_at(const struct sus_min *m, unsigned int i)
{
	return m->slot[(m->first + i) % SUS_RING];
}

static void sus_min_drop_first(struct sus_min *m)
{
	m->first = (m->first + 1) % SUS_RING;
	m->n--;
}

/*
 * The lowest score of cause c in the slow updates before the newest
 * whose data time is within w of it, the newest's own score q if lower
 * (as a scan back from the newest would find it).
 */
static double sus_min_lowest(struct fs_foot *f, int c, double w, double q)
{
	struct sus_min *m = &f->sus_min[c];

	/* what left the window has left it for good: data time only grows */
	while (m->n && f->data_t - f->sus_t[sus_min_at(m, 0)] > w)
		sus_min_drop_first(m);
	if (m->n && f->sus_v[sus_min_at(m, 0)][c] < q)
		q = f->sus_v[sus_min_at(m, 0)][c];
	return q;
}

/* The newest slow update (sus_head) joins the windows of cause c. */
static void sus_min_push(struct fs_foot *f, int c)
{
	struct sus_min *m = &f->sus_min[c];
	float v = f->sus_v[f->sus_head][c];

	/* no window holding the newest will find an older, higher score */
	while (m->n && f->sus_v[sus_min_at(m, m->n - 1)][c] >= v)
		m->n--;
	m->slot[(m->first + m->n) % SUS_RING] = (unsigned short)f->sus_head;
	m->n++;
}

/*
 * A cause qualifies when its evidence has stayed at or above
 * cause_evidence for cause_sustain_s of data and cause_sustain_strides
 * contacts (time alone while the foot stands: no strides come), longer
 * than the smoothing of the evidence lets a transient last (a few
 * seconds of pressure, the first steps, a dropout, a change of pace).
 * Its score is then the lowest of the last cause_sustain_s: what held,
 * not a peak. dt: data time since the last update.
 */
static void causes_qualify(struct fs_foot *f, double dt)
{
	const struct fs_params *p = &f->p;
	double w = p->cause_sustain_s, q;
	int c;

	f->data_t += dt;
	if (f->sus_n)
		f->sus_head = (f->sus_head + 1) % SUS_RING;
	if (f->sus_n < SUS_RING)
		f->sus_n++;
	f->sus_t[f->sus_head] = f->data_t;
	for (c = 0; c < FS_NCAUSES; c++) {
		struct sus_min *m = &f->sus_min[c];

		/* the slot's old update, SUS_RING ago, leaves the ring */
		if (m->n && sus_min_at(m, 0) == f->sus_head)
			sus_min_drop_first(m);
		f->sus_v[f->sus_head][c] = (float)f->score[c];
	}
	for (c = 0; c < FS_NCAUSES; c++) {
		struct sustain *u = &f->sus[c];

		f->qscore[c] = 0.0;
		if (!(f->score[c] >= p->cause_evidence)) {
			u->run = false;
			continue;
		}
		if (!u->run) {
			u->run = true;
			u->run_s = 0.0;
			u->run_steps = f->steps;
		} else {
			u->run_s += dt;
		}
		if (u->run_s < w || (f->steps - u->run_steps <
				     p->cause_sustain_strides &&
				     f->activity >= FS_ACT_WALKING))
			continue;
		q = sus_min_lowest(f, c, w, f->score[c]);
		f->qscore[c] = q;
		if (q > f->qscore_max[c])
			f->qscore_max[c] = q;
		if (isnan(u->first_t))
			u->first_t = f->t;
	}
	for (c = 0; c < FS_NCAUSES; c++)
		sus_min_push(f, c);
}

/* ---- did the fix work: relief and escalation ---------------------------- */

/*
 * Relief is read from the cause's own evidence, the site's swing
 * pressure, swing by swing (each swing's own mean, not the 7-step
 * average: the fix shows at once and its figure is its own). A site
 * whose zone is not believed this swing tells nothing either way.
 */

/* The site's highest floor (EWMA) now, kPa. */
static double site_floor(const struct fs_foot *f, int i)
{
	double x = 0.0;
	int k, z;

	for (k = 0; k < 3 && (z = fit_zones[i][k]) >= 0; k++)
		if (f->floor[z].ok)
			x = fmax2(x, f->floor[z].v);
	return x;
}

/* The toe-minus-ankle gradient, smoothed; false when not believed. */
static bool gradient_now(const struct fs_foot *f, double *g)
{
	if (!temp_ok(f, FS_T_TOE) || !temp_ok(f, FS_T_ANKLE))
		return false;
	*g = f->temp[FS_T_TOE] - f->temp[FS_T_ANKLE];
	return true;
}

/*
 * The toe's rewarming since the fix: the toe-minus-ankle gradient
 * regained (the ankle, above the cuff, is the body's reference). Claimed
 * once it is at least gradient_drop_low_c, the change the circulation
 * index takes as real; less, or no toe or ankle temperature: NAN.
 */
static void relief_rewarm(const struct fs_foot *f, struct relief_track *r,
			  struct fs_relief *e)
{
	double g;

	if (!r->fix_grad_ok || !gradient_now(f, &g))
		return;
	if (g - r->fix_grad >= f->p.gradient_drop_low_c)
		r->rewarm_shown = true;
	if (r->rewarm_shown)
		e->rewarm_c = g - r->fix_grad;
}

static struct fs_relief *relief_add(struct fs_foot *f, struct relief_track *r,
				    int i, enum fs_relief_kind kind)
{
	struct fs_relief *e = &f->relief[f->nrelief % FS_RELIEF_MAX];

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->cause = fit_causes[i];
	e->named_t = r->named_t;
	e->detected_t = f->t;
	e->rewarm_c = NAN;
	e->numbness_after = f->numbness;
	r->rec = f->nrelief++;
	return e;
}

/* A swing closed (commit_contact): its per-zone means are in sw_*. */
static void relief_swing(struct fs_foot *f)
{
	const struct fs_params *p = &f->p;
	unsigned int need = p->relief_swings < 1.0 ? 1 :
			    (unsigned int)lround(p->relief_swings);
	double m[3], lo, g;
	bool over;
	int i, k, z, nz;

	for (i = 0; i < 3; i++) {
		struct relief_track *r = &f->rl[i];
		struct fs_relief *e;

		if (!r->armed)
			continue;
		over = false;
		lo = INFINITY;
		for (k = 0, nz = 0; k < 3 && (z = fit_zones[i][k]) >= 0; k++, nz++) {
			if (!f->sw_n[z] || !zone_ok(f, z))
				break;
			m[k] = f->sw_sum[z] / f->sw_n[z];
			over |= m[k] >= floor_low(p, z);
			lo = fmin(lo, floor_low(p, z));
		}
		if (k < 3 && fit_zones[i][k] >= 0)
			continue;	/* not believed: no evidence */
		if (over) {
			r->low = 0;
			r->before = site_floor(f, i);
			continue;
		}
		/* under the threshold, but never compressed since named
		 * (a cause named on toe cooling alone): nothing to relieve */
		if (!(r->before >= lo))
			continue;
		if (!r->low) {
			r->fix_t = f->to;	/* this swing began at the fix */
			r->fix_numb = f->numbness;
			r->fix_grad_ok = gradient_now(f, &g);
			r->fix_grad = r->fix_grad_ok ? g : 0.0;
			r->rewarm_shown = false;
			memset(r->low_sum, 0, sizeof(r->low_sum));
		}
		for (k = 0; k < nz; k++)
			r->low_sum[k] += m[k];
		if (++r->low < need)
			continue;
		e = relief_add(f, r, i, FS_RELIEF_RELIEVED);
		e->at_t = r->fix_t;
		e->before_kpa = r->before;
		/* each zone's mean over the swings, then the highest: the
		 * highest of noisy means would read high */
		for (k = 0; k < nz; k++)
			e->after_kpa = fmax2(e->after_kpa, r->low_sum[k] / r->low);
		e->numbness_before = r->fix_numb;
		e->minutes = (f->t - r->fix_t) / 60.0;
		relief_rewarm(f, r, e);
		r->armed = false;
		r->blocked = true;
		r->following = true;
		f->pending_ev |= FS_EV_RELIEVED;
	}
}

/* Every slow update, after causes_qualify(): arm, escalate, follow. */
static void relief_update(struct fs_foot *f)
{
	const struct fs_params *p = &f->p;
	struct fs_relief *e;
	int i, c;

	for (i = 0; i < 3; i++) {
		struct relief_track *r = &f->rl[i];

		c = fit_causes[i];
		/* rewarming and the numbness after the fix, for a while */
		if (r->following) {
			if (f->nrelief - r->rec > FS_RELIEF_MAX ||
			    f->t - r->fix_t > p->relief_rewarm_s) {
				r->following = false;
			} else {
				e = &f->relief[r->rec % FS_RELIEF_MAX];
				e->minutes = (f->t - r->fix_t) / 60.0;
				e->numbness_after = f->numbness;
				relief_rewarm(f, r, e);
			}
		}
		if (r->blocked && !(f->score[c] >= p->cause_evidence))
			r->blocked = false;
		if (!r->armed && !r->blocked && f->qscore[c] >= p->cause_evidence) {
			r->armed = true;
			r->escalated = false;
			r->named_t = f->t;
			r->named_kpa = site_floor(f, i);
			r->before = 0.0;
			r->low = 0;
			r->following = false;
		}
		if (!r->armed || r->escalated || r->low ||
		    f->t - r->named_t < p->relief_escalate_s ||
		    !(f->qscore[c] >= p->cause_evidence))
			continue;
		e = relief_add(f, r, i, FS_RELIEF_NOT_RELIEVED);
		e->at_t = f->t;
		e->before_kpa = r->named_kpa;
		e->after_kpa = site_floor(f, i);
		e->minutes = (f->t - r->named_t) / 60.0;
		e->numbness_before = e->numbness_after;
		r->escalated = true;
		f->pending_ev |= FS_EV_NOT_RELIEVED;
	}
}

static int index_of(double x)
{
	if (x < 0.0)
		x = 0.0;
	if (x > 1.0)
		x = 1.0;
	return (int)lround(x * 100.0);
}

static void indices_update(struct fs_foot *f)
{
	const struct fs_params *p = &f->p;
	double mech, circ;
	bool have_p = false, have_t;
	int z, held;

	for (z = 0; z < FS_NZONES; z++)
		have_p |= f->seen[z];
	if (have_p) {
		mech = fmax2(f->score[FS_C_OVERSTRIDING],
			     fmax2(f->score[FS_C_OVERPRONATION],
				   f->score[FS_C_NEUROMA_LOAD]));
		f->numbness = index_of(fmax2(f->site_risk,
					     mech * p->mech_risk_max / 100.0));
		/* the maxima keep what held HOLD_N updates (see causes) */
		held = (int)hold_steady(&f->held_numb, f->numbness);
		if (held > f->numbness_max)
			f->numbness_max = held;
	}
	have_t = f->temp_seen[FS_T_TOE] && f->temp_seen[FS_T_ANKLE];
	if (have_t || f->seen[FS_Z_CUFF]) {
		circ = f->seen[FS_Z_CUFF] ?
		       p->circ_pressure_weight * f->severity[FS_S_CUFF] : 0.0;
		if (have_t) {
			circ = fmax2(circ, ramp(gradient_drop(f), p->gradient_drop_low_c,
						p->gradient_drop_high_c));
			if (f->cooling.ok && temp_ok(f, FS_T_TOE))
				circ = fmax2(circ, ramp(f->cooling.v, p->cooling_low_c_min,
							p->cooling_high_c_min));
		}
		f->circ = index_of(circ);
		held = (int)hold_steady(&f->held_circ, f->circ);
		if (held > f->circ_max)
			f->circ_max = held;
	}
}

static int level_for(const struct fs_params *p, double r, double minus)
{
	if (r >= p->level_stop - minus)
		return FS_LEVEL_STOP;
	if (r >= p->level_warning - minus)
		return FS_LEVEL_WARNING;
	if (r >= p->level_watch - minus)
		return FS_LEVEL_WATCH;
	return FS_LEVEL_OK;
}

/* Returns FS_EV_* bits. */
static int level_update(struct fs_foot *f)
{
	const struct fs_params *p = &f->p;
	double r = fmax2(f->numbness, f->circ), t = f->t;
	int up = level_for(p, r, 0.0), down = level_for(p, r, p->level_hysteresis);
	int ev = 0;

	if (up > (int)f->level) {
		if (!f->up_pending) {
			f->up_pending = true;
			f->up_since = t;
		}
		if (t - f->up_since >= p->level_rise_s) {
			f->level = up;
			f->level_since = t;
			f->up_pending = false;
			ev |= FS_EV_LEVEL;
		}
	} else {
		f->up_pending = false;
	}
	if (down < (int)f->level) {
		if (!f->down_pending) {
			f->down_pending = true;
			f->down_since = t;
		}
		if (t - f->down_since >= p->level_dwell_s &&
		    t - f->level_since >= p->level_dwell_s) {
			f->level = down;
			f->level_since = t;
			f->down_pending = false;
			ev |= FS_EV_LEVEL;
		}
	} else {
		f->down_pending = false;
	}
	if (f->level > f->level_max)
		f->level_max = f->level;

	/* red flag: risk still high minutes after running stopped */
	if (f->activity == FS_ACT_RUNNING) {
		f->ever_moved = true;
		f->red_pending = false;
	} else if (f->ever_moved && f->numbness >= p->level_warning) {
		if (!f->red_pending) {
			f->red_pending = true;
			f->red_since = t;
		}
		if (!f->red_flag && t - f->red_since >= p->red_flag_s) {
			f->red_flag = true;
			ev |= FS_EV_RED_FLAG;
		}
	} else {
		f->red_pending = false;
	}
	return ev;
}

/* ---- trends ------------------------------------------------------------ */

static enum fs_trend trend_of(const struct fs_params *p, int now, int then)
{
	if (now < 0 || then < 0)
		return FS_TREND_UNKNOWN;
	if (now - then >= p->trend_delta)
		return FS_TREND_RISING;
	if (now - then <= -p->trend_delta)
		return FS_TREND_FALLING;
	return FS_TREND_STEADY;
}

static void trend_push(struct fs_foot *f, struct trend *tr, int v, bool full)
{
	unsigned int size = f->trend_span + 1;
	unsigned int then = (f->trend_head + size - f->trend_span) % size;

	tr->v[f->trend_head] = (short)v;
	tr->trend = full ? trend_of(&f->p, v, tr->v[then]) : FS_TREND_UNKNOWN;
}

/*
 * Every trend_sample_s of frame time, sample both indices into a ring of
 * trend_window_s / trend_sample_s + 1 and compare the newest with the
 * oldest. The clock is frame time: a gap in the data (an unplugged sock)
 * pauses it, so the window spans trend_window_s of data, as the dose
 * integrates no more than a second over a gap.
 */
static void trend_update(struct fs_foot *f)
{
	unsigned int size = f->trend_span + 1;

	if (f->t < f->next_trend)
		return;
	if (f->t - f->next_trend > f->p.trend_sample_s)
		f->next_trend = f->t;	/* a gap: pause, not catch up */
	f->next_trend += f->p.trend_sample_s;
	if (f->trend_count)
		f->trend_head = (f->trend_head + 1) % size;
	if (f->trend_count < size)
		f->trend_count++;
	trend_push(f, &f->numb_trend, f->numbness, f->trend_count == size);
	trend_push(f, &f->circ_trend, f->circ, f->trend_count == size);
}

/* ---- sensor faults ----------------------------------------------------- */

static void leaky(double *lvl, bool bad, double dt)
{
	/* rises while bad, falls at a quarter of the rate while good: a
	 * fault when bad more than a fifth of the time for SF_CONFIRM_S */
	*lvl += bad ? dt : -dt / 4.0;
	if (*lvl < 0.0)
		*lvl = 0.0;
	if (*lvl > SF_CONFIRM_S)
		*lvl = SF_CONFIRM_S;
}

/* Other zones changed SF_GATE_CHANGES times since since, lately. */
static bool changing(const struct fs_foot *f, double since)
{
	double oldest = f->change_t[f->changes % SF_GATE_CHANGES];

	return f->changes >= SF_GATE_CHANGES && oldest >= since &&
	       oldest >= f->t - SF_CHANGING_S;
}

/* Sets the fault; returns FS_EV_SENSOR when it changed. */
static int sensor_set(struct sensor *s, int fault)
{
	if (s->fault == fault)
		return 0;
	s->fault = (unsigned char)fault;
	s->seen |= (unsigned char)(1u << fault);
	return FS_EV_SENSOR;
}

/* Screens one pressure reading; *v becomes NAN when left out. */
static int screen_zone(struct fs_foot *f, int z, float *v, double dt)
{
	struct sensor *s = &f->zs[z];
	double t = f->t;
	float x = *v;
	bool absurd, clip = false, flat = false;
	int ev = 0;

	if (isnan(x))
		return 0;	/* missing, not a fault */
	absurd = !isfinite(x) || x < -SF_NEG_KPA || x > SF_ABSURD_KPA;
	if (!absurd) {
		clip = x >= SF_FULL_KPA;
		if (!s->have_ref || fabsf(x - s->ref) > SF_FLAT_KPA) {
			if (s->have_ref)
				f->change_t[f->changes++ % SF_GATE_CHANGES] = t;
			s->ref = x;
			s->anchor = s->have_ref ? s->anchor : x;
			s->have_ref = true;
			s->run_t = t;
			s->run_moves = f->moves;
		}
		if (fabsf(x - s->anchor) >= SF_MOVE_KPA) {
			s->anchor = x;
			f->moves++;
		}
		/*
		 * Flat while other zones change: left out. A flat run
		 * found stuck or dead stays out until the value changes,
		 * even when the others stop.
		 */
		flat = !clip && t - s->run_t >= SF_GATE_S &&
		       (changing(f, s->run_t) ||
			((s->fault == FS_SF_STUCK || s->fault == FS_SF_DEAD) &&
			 s->fault_run_t == s->run_t));
	}
	leaky(&s->absurd_lvl, absurd, dt);
	leaky(&s->clip_lvl, clip, dt);
	if (s->absurd_lvl >= SF_CONFIRM_S)
		ev |= sensor_set(s, FS_SF_ABSURD);
	else if (s->clip_lvl >= SF_CONFIRM_S)
		ev |= sensor_set(s, FS_SF_SATURATED);
	else if (flat && t - s->run_t >= SF_STUCK_S &&
		 f->moves - s->run_moves >= SF_STUCK_MOVES) {
		ev |= sensor_set(s, fabsf(s->ref) <= SF_ZERO_KPA ? FS_SF_DEAD :
							       FS_SF_STUCK);
		s->fault_run_t = s->run_t;
	}
	s->untrusted = absurd || clip || flat;
	if (s->untrusted) {
		s->last_bad_t = t;
		*v = NAN;
		f->rejected++;
	} else if (s->fault && t - s->last_bad_t >= SF_CLEAR_S) {
		ev |= sensor_set(s, FS_SF_NONE);
	}
	return ev;
}

/* A float's bits: for x >= +0, they order as x does (NAN above all). */
static uint32_t float_bits(float x)
{
	uint32_t u;

	memcpy(&u, &x, sizeof(u));
	return u;
}

/*
 * Quiet or not; below: the bits of the lowest non-negative reading that
 * is not believable, so that a quiet sensor's readings from +0 up take
 * the hot path on one integer compare (float_bits(x) < plain_below).
 */
static void quiet_set(struct sensor *s, bool quiet, uint32_t below)
{
	s->quiet = quiet;
	s->plain_below = quiet ? below : 0;
}

/*
 * A whole sock that sends zeros for SF_STUCK_S moves nothing, so no zone
 * is found dead against the others: all 16 are dead (a foot in a sock
 * loads some zone; a sock off the foot is not all zeros to the last
 * digit). Their zeros are no evidence either way.
 */
static int screen_all_zero(struct fs_foot *f)
{
	const struct sensor *s;
	int z, ev = 0;

	for (z = 0; z < FS_NZONES; z++) {
		s = &f->zs[z];
		if (!s->have_ref || f->t - s->run_t < SF_STUCK_S ||
		    fabsf(s->ref) > SF_ZERO_KPA)
			return 0;
	}
	for (z = 0; z < FS_NZONES; z++)
		if (f->zs[z].fault != FS_SF_DEAD) {
			ev |= sensor_set(&f->zs[z], FS_SF_DEAD);
			f->zs[z].fault_run_t = f->zs[z].run_t;
			f->zs[z].last_bad_t = f->t;
			quiet_set(&f->zs[z], false, 0);
		}
	return ev;
}

static int screen_temp(struct fs_foot *f, int i, float *v, double dt)
{
	struct sensor *s = &f->ts[i];
	float x = *v;
	bool absurd;
	int ev = 0;

	if (isnan(x))
		return 0;
	absurd = !isfinite(x) || x < SF_TEMP_LOW_C || x > SF_TEMP_HIGH_C;
	leaky(&s->absurd_lvl, absurd, dt);
	if (s->absurd_lvl >= SF_CONFIRM_S)
		ev |= sensor_set(s, FS_SF_ABSURD);
	s->untrusted = absurd;
	if (absurd) {
		s->last_bad_t = f->t;
		*v = NAN;
		f->rejected++;
	} else if (s->fault && f->t - s->last_bad_t >= SF_CLEAR_S) {
		ev |= sensor_set(s, FS_SF_NONE);
	}
	return ev;
}

/* Nothing pending for the sensor's next reading (struct sensor, quiet). */
static bool sensor_quiet(const struct sensor *s)
{
	return !s->untrusted && !s->fault && s->absurd_lvl == 0.0 &&
	       s->clip_lvl == 0.0;
}

/*
 * The zones' flat runs (struct sensor) as the frame's zone loop keeps
 * them: the change and move counts in registers, and change_t[] written
 * once per frame (every change of the frame has the frame's time).
 * f->changes and f->moves are current only after runs_sync().
 */
struct runs {
	unsigned long changes, moves;
	unsigned long synced;	/* change_t[] holds the changes before */
};

static void runs_sync(struct fs_foot *f, struct runs *r)
{
	unsigned long i;

	if (r->changes - r->synced >= SF_GATE_CHANGES) {
		for (i = 0; i < SF_GATE_CHANGES; i++)
			f->change_t[i] = f->t;
	} else {
		for (i = r->synced; i < r->changes; i++)
			f->change_t[i % SF_GATE_CHANGES] = f->t;
	}
	r->synced = r->changes;
	f->changes = r->changes;
	f->moves = r->moves;
}

/*
 * screen_zone() of a quiet zone's reading that is neither absurd nor
 * clipped, without what cannot happen then (the frame's hot path: most
 * readings of a working sock). false, having changed nothing, when the
 * zone has been flat for SF_GATE_S: screen_zone() decides.
 */
static bool screen_quiet(struct runs *r, struct sensor *s, float x, double t)
{
	if (fabsf(x - s->ref) > SF_FLAT_KPA) {
		r->changes++;
		s->ref = x;
		s->run_t = t;
		s->run_moves = r->moves;
	} else if (t - s->run_t >= SF_GATE_S) {
		return false;
	}
	if (fabsf(x - s->anchor) >= SF_MOVE_KPA) {
		s->anchor = x;
		r->moves++;
	}
	return true;
}

/*
 * Screens the frame's zones p[] in place (NAN: left out). Returns
 * FS_EV_*; *nans: the readings p[] lacks.
 */
static int zones_screen(struct fs_foot *f, float *p, double dt, int *nans)
{
	struct runs r = { f->changes, f->moves, f->changes };
	unsigned long changes = f->changes;
	double t = f->t;
	int z, ev = 0;

	*nans = 0;
	for (z = 0; z < FS_NZONES; z++) {
		struct sensor *s = &f->zs[z];
		float x = p[z];

		/* quiet, neither absurd nor clipped (0 <= x < full: at once) */
		if (float_bits(x) < s->plain_below) {
			if (screen_quiet(&r, s, x, t))
				continue;
		} else if (isnan(x)) {
			(*nans)++;	/* missing: not screened, no fault */
			continue;
		} else if (s->quiet && x >= -(float)SF_NEG_KPA &&
			   x < (float)SF_FULL_KPA && screen_quiet(&r, s, x, t)) {
			continue;
		}
		runs_sync(f, &r);
		ev |= screen_zone(f, z, &p[z], dt);
		r.changes = r.synced = f->changes;
		r.moves = f->moves;
		quiet_set(s, s->have_ref && sensor_quiet(s),
			  float_bits((float)SF_FULL_KPA));
		if (isnan(p[z]))
			(*nans)++;	/* left out */
	}
	runs_sync(f, &r);
	/* a zone changed: its flat run began now, no zone is dead */
	if (f->changes == changes)
		ev |= screen_all_zero(f);
	return ev;
}

/*
 * The frame's screened zones p[] (nans of them NAN) into the sustained
 * pressures. Returns the plantar zones' sum, *n of them: the gait's load
 * when the frame has none.
 */
static double zones_feed(struct fs_foot *f, const float *restrict p,
			 int nans, double dt, int *n)
{
	double a = dt / f->p.sustained_tau_s, load = 0.0;
	int z;

	if (a > 1.0)
		a = 1.0;
	if (!nans && f->all_seen) {
		/* the common frame, in loops the compiler vectorises */
		for (z = 0; z < FS_NZONES; z++)
			f->sustained[z] += (p[z] - f->sustained[z]) * a;
		/* in zone order, as below; two a turn */
		_Static_assert(FS_NPLANTAR % 2 == 0, "plantar zones in pairs");
		for (z = 0; z < FS_NPLANTAR; z += 2)
			load = load + p[z] + p[z + 1];
		*n = FS_NPLANTAR;
		return load;
	}
	*n = 0;
	if (nans == FS_NZONES)
		return load;	/* no pressures (a force input) */
	for (z = 0; z < FS_NZONES; z++) {
		if (isnan(p[z]))
			continue;
		if (z < FS_NPLANTAR) {
			load += p[z];
			(*n)++;
		}
		if (f->seen[z]) {
			f->sustained[z] += (p[z] - f->sustained[z]) * a;
		} else {
			f->seen[z] = true;
			f->sustained[z] = p[z];
			f->nseen++;
		}
	}
	f->all_seen = f->nseen == FS_NZONES;
	return load;
}

/*
 * Screens the frame's temperatures v[] in place (NAN: left out). Returns
 * FS_EV_*; *nans: the readings v[] lacks.
 */
static int temps_screen(struct fs_foot *f, float *v, double dt, int *nans)
{
	int i, ev = 0;

	*nans = 0;
	for (i = 0; i < FS_NTEMPS; i++) {
		struct sensor *s = &f->ts[i];
		float x = v[i];

		/*
		 * Quiet and believable (0 <= x <= high: at once),
		 * screen_temp() would change nothing.
		 */
		if (float_bits(x) < s->plain_below)
			continue;
		if (isnan(x)) {
			(*nans)++;	/* missing: not screened, no fault */
			continue;
		}
		if (s->quiet && x >= (float)SF_TEMP_LOW_C &&
		    x <= (float)SF_TEMP_HIGH_C)
			continue;
		ev |= screen_temp(f, i, &v[i], dt);
		/* below: the float after SF_TEMP_HIGH_C */
		quiet_set(s, sensor_quiet(s),
			  float_bits((float)SF_TEMP_HIGH_C) + 1);
		if (isnan(v[i]))
			(*nans)++;	/* left out */
	}
	return ev;
}

/* ---- the frame ------------------------------------------------------- */

int fs_foot_feed(struct fs_foot *f, const struct fs_frame *in)
{
	double load, dt;
	int ev = 0, n, nans, tnans;
	unsigned int before_c, before_t;
	struct fs_frame clean;
	const struct fs_frame *fr = &clean;

	if (!isfinite(in->t))
		return -EINVAL;
	if (!f->started) {
		f->started = true;
		f->t0 = in->t;
		f->t = in->t;
		f->next_slow = in->t;
		f->next_cool_t = in->t;
		f->level_since = in->t;
		f->next_trend = in->t;
	}
	if (in->t < f->t)
		return -EINVAL;
	dt = in->t - f->t;
	if (dt > 1.0)
		dt = 1.0;	/* a gap: integrate no more than a second */
	f->t = in->t;
	f->frames++;
	/* readings left out become NAN in clean */
	clean = *in;
	ev |= zones_screen(f, clean.p, dt, &nans);
	ev |= temps_screen(f, clean.temp, dt, &tnans);
	if (!isfinite(clean.load) || fabsf(clean.load) > 1e7f)
		clean.load = NAN;
	load = zones_feed(f, clean.p, nans, dt, &n);
	if (!isnan(clean.load)) {
		load = clean.load;
		n = 1;
	}
	before_c = f->steps;
	before_t = f->toeoffs;
	if (n) {
		gait_feed(f, fr, load, !nans);
		if (f->steps != before_c)
			ev |= FS_EV_CONTACT;
		if (f->toeoffs != before_t)
			ev |= FS_EV_TOE_OFF;
	} else {
		f->missing++;
	}
	temps_feed(f, fr, tnans, dt);
	f->dose_dt += dt;

	if (f->t >= f->next_slow) {
		f->next_slow = f->t + SLOW_PERIOD_S;
		/* the dose integrates at the slow period: ~0.1 s steps */
		dose_update(f, f->dose_dt);
		f->dose_dt = 0.0;
		f->activity = activity(f);
		causes_update(f);
		causes_qualify(f, f->slow_started ?
			       fmin(f->t - f->last_slow_t, 1.0) : 0.0);
		f->slow_started = true;
		f->last_slow_t = f->t;
		indices_update(f);
		relief_update(f);
		ev |= level_update(f);
		trend_update(f);
	}
	ev |= f->pending_ev;
	f->pending_ev = 0;
	return ev;
}

static void gait_means(const struct fs_foot *f, struct fs_gait *g)
{
	memset(g, 0, sizeof(*g));
	g->steps = f->steps;
	g->strides = f->strides;
	if (f->strides) {
		g->stride_time_s = f->sum_stride / f->strides;
		g->cadence_spm = 120.0 / g->stride_time_s;
	}
	if (f->stances)
		g->stance_s = f->sum_stance / f->stances;
	if (f->swings)
		g->swing_s = f->sum_swing / f->swings;
	if (g->stance_s + g->swing_s > 0.0 && f->stances && f->swings)
		g->stance_fraction = g->stance_s / (g->stance_s + g->swing_s);
}

static double ev_or0(const struct ewma *e)
{
	return e->ok ? e->v : 0.0;
}

void fs_foot_state(const struct fs_foot *f, struct fs_state *st)
{
	int i;

	memset(st, 0, sizeof(*st));
	st->t = f->t;
	st->activity = f->activity;
	st->in_contact = f->contact;
	st->contact_t = f->have_contact ? f->ev_tc : NAN;
	st->toe_off_t = f->ev_to_last;
	gait_means(f, &st->session);
	/* Recent gait: NAN until known, so that nobody takes it for 0. */
	st->recent.steps = f->steps;
	st->recent.strides = f->strides;
	st->recent.stride_time_s = f->r_stride.ok ? f->r_stride.v : NAN;
	st->recent.cadence_spm = f->r_stride.ok ? 120.0 / f->r_stride.v : NAN;
	st->recent.stance_s = f->r_stance.ok ? f->r_stance.v : NAN;
	st->recent.swing_s = f->r_swing.ok ? f->r_swing.v : NAN;
	st->recent.stance_fraction = f->r_stance.ok && f->r_swing.ok ?
		f->r_stance.v / (f->r_stance.v + f->r_swing.v) : NAN;
	for (i = 0; i < FS_NZONES; i++) {
		st->peak_kpa[i] = ev_or0(&f->peak[i]);
		st->pti_kpa_s[i] = ev_or0(&f->pti[i]);
		st->floor_kpa[i] = ev_or0(&f->floor[i]);
		st->sustained_kpa[i] = f->seen[i] ? f->sustained[i] : 0.0;
		st->zone_seen[i] = f->seen[i];
	}
	st->heel_peak_kpa = ev_or0(&f->heel_peak);
	st->loading_rate_kpa_s = ev_or0(&f->loading_rate);
	st->impact_index = ev_or0(&f->impact_index);
	st->heel_ratio = ev_or0(&f->heel_ratio);
	st->medial_share = ev_or0(&f->medial_share);
	st->neuroma_ratio = ev_or0(&f->neuroma_ratio);
	st->neuroma_rise = f->neuroma_base_ok && f->neuroma_ratio.ok ?
			   f->neuroma_ratio.v / f->neuroma_base : NAN;
	for (i = 0; i < FS_NSITES; i++) {
		st->dose[i] = f->dose[i];
		st->severity[i] = f->severity[i];
	}
	st->circulation_valid = f->base_ok;
	for (i = 0; i < FS_NTEMPS; i++) {
		st->temp_c[i] = f->temp_seen[i] ? f->temp[i] : NAN;
		st->temp_mean_c[i] = f->temp_n[i] ?
				     f->temp_sum[i] / f->temp_n[i] : NAN;
	}
	if (f->temp_seen[FS_T_TOE] && f->temp_seen[FS_T_ANKLE])
		st->gradient_c = f->temp[FS_T_TOE] - f->temp[FS_T_ANKLE];
	st->gradient_baseline_c = f->base_ok ? f->baseline : 0.0;
	st->cooling_c_min = ev_or0(&f->cooling);
	st->numbness_risk = f->numbness;
	st->numbness_risk_max = f->numbness_max;
	st->circulation_restriction = f->circ;
	st->circulation_restriction_max = f->circ_max;
	st->level = f->level;
	st->level_max = f->level_max;
	for (i = 0; i < FS_NCAUSES; i++) {
		st->cause_score[i] = f->qscore[i];
		st->cause_score_max[i] = f->qscore_max[i];
		st->cause_first_qualified_t[i] = f->sus[i].first_t;
	}
	st->red_flag = f->red_flag;
	st->numbness_trend = f->numb_trend.trend;
	st->circulation_trend = f->circ_trend.trend;
	st->frames = f->frames;
	st->missing = f->missing;
	for (i = 0; i < FS_NZONES; i++) {
		st->zone_fault[i] = f->zs[i].fault;
		st->zone_fault_seen[i] = f->zs[i].seen & ~1u;
	}
	for (i = 0; i < FS_NTEMPS; i++) {
		st->temp_fault[i] = f->ts[i].fault;
		st->temp_fault_seen[i] = f->ts[i].seen & ~1u;
	}
	st->rejected = f->rejected;
	memcpy(st->relief, f->relief, sizeof(st->relief));
	st->nrelief = f->nrelief;
}

const struct fs_relief *fs_state_last_relief(const struct fs_state *st)
{
	return st->nrelief ? &st->relief[(st->nrelief - 1) % FS_RELIEF_MAX] :
			     NULL;
}

int fs_state_sensor_faults(const struct fs_state *st)
{
	int i, n = 0;

	for (i = 0; i < FS_NZONES; i++)
		n += st->zone_fault[i] != FS_SF_NONE;
	for (i = 0; i < FS_NTEMPS; i++)
		n += st->temp_fault[i] != FS_SF_NONE;
	return n;
}

int fs_state_top_cause(const struct fs_state *st, const struct fs_params *p)
{
	int c, best = -1;
	double s = p->cause_evidence;

	for (c = 0; c < FS_NCAUSES; c++) {
		if (st->cause_score[c] >= s) {
			s = st->cause_score[c];
			best = c;
		}
	}
	return best;
}
