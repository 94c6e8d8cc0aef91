/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libfootsock analysis: a streaming model of one foot's gait, plantar and
 * dorsal pressure, nerve-compression dose and circulation, shared by
 * footsockd, footsockctl and the tests.
 *
 * Pure C: no I/O, no clock, no allocation after fs_foot_new(). Feed frames
 * in time order with fs_foot_feed(); read the state with fs_foot_state()
 * at any time. Missing values are NAN. Every threshold is a field of
 * struct fs_params, documented with its source in params.c and
 * docs/analysis.md.
 */
#ifndef FOOTSOCK_ANALYSIS_H
#define FOOTSOCK_ANALYSIS_H

#include <stdbool.h>

#define FS_NZONES 16
#define FS_NTEMPS 6
#define FS_NPLANTAR 10	/* zones 0..9 carry body weight */

enum fs_zone {
	FS_Z_HALLUX, FS_Z_TOES, FS_Z_MET1, FS_Z_MET2, FS_Z_MET3_4, FS_Z_MET5,
	FS_Z_ARCH, FS_Z_MIDFOOT_LAT, FS_Z_HEEL_MED, FS_Z_HEEL_LAT, FS_Z_DORSUM,
	FS_Z_TOEBOX_TOP, FS_Z_TOEBOX_MED, FS_Z_TOEBOX_LAT, FS_Z_TARSAL_TUNNEL,
	FS_Z_CUFF,
};

enum fs_temp { FS_T_TOE, FS_T_FOREFOOT, FS_T_DORSUM, FS_T_HEEL, FS_T_ANKLE,
	       FS_T_SHOE };

/* Nerve sites whose compression dose is tracked. */
enum fs_site { FS_S_DORSUM, FS_S_TOEBOX, FS_S_MET3_4, FS_S_TARSAL_TUNNEL,
	       FS_S_CUFF, FS_NSITES };

enum fs_cause { FS_C_TIGHT_LACES, FS_C_TIGHT_TOEBOX, FS_C_TIGHT_SOCK,
		FS_C_OVERSTRIDING, FS_C_OVERPRONATION, FS_C_NEUROMA_LOAD,
		FS_NCAUSES };

enum fs_level { FS_LEVEL_OK, FS_LEVEL_WATCH, FS_LEVEL_WARNING, FS_LEVEL_STOP };

enum fs_activity { FS_ACT_NONE, FS_ACT_STANDING, FS_ACT_WALKING,
		   FS_ACT_RUNNING };

enum fs_foot_side { FS_LEFT, FS_RIGHT };

/*
 * A sensor that cannot be believed (docs/analysis.md, "Sensor faults"):
 * stuck (the same value for many strides while the foot moves), saturated
 * (pinned at full scale), dead (stuck at zero while the foot is loaded)
 * and absurd (out of physical range, or not finite). Its readings are
 * left out of the gait load and of every cause and index; it is reported
 * as a fault, never as a cause.
 */
enum fs_sensor_fault { FS_SF_NONE, FS_SF_STUCK, FS_SF_SATURATED, FS_SF_DEAD,
		       FS_SF_ABSURD, FS_NSENSOR_FAULTS };

/* Where an index went over the last trend window. */
enum fs_trend { FS_TREND_UNKNOWN, FS_TREND_FALLING, FS_TREND_STEADY,
		FS_TREND_RISING, FS_NTRENDS };

extern const char *const fs_zone_names[FS_NZONES];
extern const char *const fs_temp_names[FS_NTEMPS];
extern const char *const fs_site_names[FS_NSITES];
extern const char *const fs_cause_names[FS_NCAUSES];
extern const char *const fs_level_names[4];
extern const char *const fs_activity_names[4];
/* "" for FS_TREND_UNKNOWN, then "falling", "steady", "rising". */
extern const char *const fs_trend_names[FS_NTRENDS];
/* "" for FS_SF_NONE, then "stuck", "saturated", "dead", "absurd". */
extern const char *const fs_sensor_fault_names[FS_NSENSOR_FAULTS];

/* One advice line per cause, and the general ones (the article's). */
extern const char *const fs_cause_advice[FS_NCAUSES];
extern const char fs_advice_stop[];
extern const char fs_advice_red_flag[];

/*
 * All tunables. fs_params_default() fills them; fs_param_table lists each
 * with its unit and source so that a config file can set them by name.
 */
struct fs_params {
	/* gait */
	double contact_on_frac;		/* of the load range, rising */
	double contact_off_frac;	/* of the load range, falling */
	double contact_event_frac;	/* of the range: where events are timed */
	double steady_stride_frac;	/* stride off the recent by more: a stop */
	double min_range_frac;		/* range/high below this: no gait */
	double debounce_s;		/* a transition must hold this long */
	double envelope_tau_s;		/* load envelope decay */
	double stride_min_s, stride_max_s;
	double stance_min_s, stance_max_s;
	double gait_idle_s;		/* no contact for this long: standing */
	double running_stance_frac;	/* stance fraction below: running */
	double step_alpha;		/* EWMA weight of one step */
	double swing_skip_s;		/* swing floor ignores its first bit */
	/* fit */
	double floor_low_kpa, floor_high_kpa;	/* swing floor score ramp */
	/*
	 * Where a zone's ramp starts instead of floor_low_kpa, from the
	 * runner's profile (fs_profile_apply()); 0: floor_low_kpa. Not a
	 * configuration key: a person's, not a lab's.
	 */
	double zone_floor_low_kpa[FS_NZONES];
	/* compression dose */
	double sustained_tau_s;		/* averaging of sustained pressure */
	double dose_threshold_kpa;	/* capillary closing pressure */
	double block_kpa;		/* no intraneural flow */
	double dose_full_kpa_min;	/* excess kPa x min giving dose 1 */
	double dose_recovery_half_s;	/* dose halves in this once relieved */
	double dose_weight;		/* share of dose vs present severity */
	/* loading */
	double heel_peak_low_kpa, heel_peak_high_kpa;
	double heel_ratio_low, heel_ratio_high;	/* heel / forefoot peak */
	double impact_index_low, impact_index_high;	/* heel ratio / rise */
	double medial_share_low, medial_share_high;
	double tarsal_low_kpa, tarsal_high_kpa;
	double neuroma_ratio_low, neuroma_ratio_high;
	double neuroma_rise_low, neuroma_rise_high;	/* over the foot's own */
	double mech_risk_max;		/* risk index a gait cause can reach */
	/* circulation */
	double baseline_start_s, baseline_end_s;
	double temp_tau_s;		/* smoothing of temperatures */
	double gradient_drop_low_c, gradient_drop_high_c;
	double cooling_low_c_min, cooling_high_c_min;
	double circ_pressure_weight;	/* cuff severity's share of the index */
	double asymmetry_c;		/* left-right flag (Lavery/Armstrong) */
	/* the runner's own normal (profile.h) */
	double profile_asymmetry_c;	/* off the usual left-right: a flag */
	double profile_min_runs;	/* runs before a figure is used */
	double profile_weight_runs;	/* capped count of the running mean */
	double profile_min_strides;	/* steady strides for a run to count */
	double profile_floor_margin_kpa;	/* above the usual swing floor */
	/* levels and causes */
	double level_watch, level_warning, level_stop;	/* risk 0-100 */
	double level_hysteresis;	/* points below a threshold to fall */
	double level_rise_s;		/* above a threshold this long to rise */
	double level_dwell_s;		/* minimum time at a level */
	double cause_evidence;		/* score at or above: a cause */
	double cause_sustain_s;		/* evidence held this long... */
	double cause_sustain_strides;	/* ...and this many strides */
	double red_flag_s;		/* risk high this long after stopping */
	/* did the fix work (relief and escalation) */
	double relief_swings;		/* swings under floor_low_kpa: relieved */
	double relief_escalate_s;	/* named this long, still there: escalate */
	double relief_rewarm_s;		/* rewarming followed this long */
	/* trends */
	double trend_sample_s;		/* indices sampled this often */
	double trend_window_s;		/* now compared with this long ago */
	double trend_delta;		/* points of change: rising/falling */
};

struct fs_param_doc {
	const char *name;
	unsigned int offset;	/* offsetof(struct fs_params, ...) */
	double def;
	const char *unit;
	const char *source;
};

extern const struct fs_param_doc fs_param_table[];
extern const unsigned int fs_param_count;

void fs_params_default(struct fs_params *p);
/* Set one parameter by its name; -ENOENT if unknown, -EINVAL if bad. */
int fs_params_set(struct fs_params *p, const char *name, double value);
/*
 * Check what one parameter alone cannot: 0, or -EINVAL with *why set
 * (fs_foot_new() refuses such parameters).
 */
int fs_params_check(const struct fs_params *p, const char **why);

/* Longest cause_sustain_s, in seconds (the window's ring is fixed). */
#define FS_SUSTAIN_MAX_S 120

/* Longest trend window, in samples (trend_window_s / trend_sample_s). */
#define FS_TREND_MAX_SAMPLES 720

/*
 * One frame: time in seconds (non-decreasing), pressures in kPa,
 * temperatures in degrees Celsius, NAN where missing. load, if not NAN,
 * replaces the sum of the plantar zones for gait detection (any unit:
 * the threshold is relative), for inputs that measure force.
 */
struct fs_frame {
	double t;
	float p[FS_NZONES];
	float temp[FS_NTEMPS];
	float load;
};

void fs_frame_clear(struct fs_frame *f);	/* everything missing */

struct fs_gait {
	unsigned int steps;		/* foot contacts */
	unsigned int strides;		/* contact-to-contact intervals used */
	double cadence_spm;		/* both feet: 120 / stride time */
	double stride_time_s, stance_s, swing_s, stance_fraction;
};

/*
 * Did the fix work (docs/analysis.md, "Relief and escalation"): after a
 * fit cause was named, its site's swing pressure back under
 * floor_low_kpa for relief_swings swings in a row is a relief; the cause
 * still there relief_escalate_s after it was named is one escalation.
 */
#define FS_RELIEF_MAX 16	/* the newest records kept */

enum fs_relief_kind { FS_RELIEF_RELIEVED, FS_RELIEF_NOT_RELIEVED };

struct fs_relief {
	enum fs_relief_kind kind;
	enum fs_cause cause;	/* a fit cause */
	/*
	 * relieved: frame time of the first swing under the threshold (the
	 * fix); not relieved: of the escalation. detected_t: when it was
	 * told (FS_EV_RELIEVED / FS_EV_NOT_RELIEVED).
	 */
	double at_t, detected_t;
	double named_t;		/* the cause was named (qualified) then */
	/*
	 * The site's swing pressure, kPa (toe box: its highest zone):
	 * relieved: before, the swing floor at the last compressed swing;
	 * after, the mean of the confirming swings. Not relieved: the swing
	 * floor when the cause was named and now.
	 */
	double before_kpa, after_kpa;
	/*
	 * Toe-minus-ankle gradient regained since the fix, degC; NAN when
	 * the data cannot show it (no toe or ankle temperature, no
	 * baseline yet, or the toe had not cooled: gradient drop under
	 * gradient_drop_low_c at the fix). Followed for relief_rewarm_s.
	 */
	double rewarm_c;
	double minutes;		/* relieved: since the fix, as followed;
				 * not relieved: since the cause was named */
	int numbness_before, numbness_after;	/* -1: not known */
};

struct fs_state {
	double t;			/* time of the last frame */
	enum fs_activity activity;
	bool in_contact;
	/*
	 * Event times (contact_event_frac) of the last contact and of the
	 * toe-off before it, as the gait means use them; NAN before.
	 */
	double contact_t, toe_off_t;
	struct fs_gait session;		/* means over the whole session */
	struct fs_gait recent;		/* EWMA over the last steps; NAN
					 * where not known yet */

	/* per zone, EWMA over steps; floor over swings */
	double peak_kpa[FS_NZONES];
	double pti_kpa_s[FS_NZONES];
	double floor_kpa[FS_NZONES];
	double sustained_kpa[FS_NZONES];
	bool zone_seen[FS_NZONES];

	/* loading, EWMA over steps */
	double heel_peak_kpa, loading_rate_kpa_s, heel_ratio;
	double medial_share, neuroma_ratio;
	double neuroma_rise;	/* neuroma_ratio / the foot's own early one, NAN unknown */
	double impact_index;	/* heel ratio / (time to heel peak / contact) */

	/* per nerve site: dose 0..1 and present severity 0..1 */
	double dose[FS_NSITES];
	double severity[FS_NSITES];

	/* circulation; valid once the baseline window is over */
	bool circulation_valid;
	double temp_c[FS_NTEMPS];	/* smoothed, NAN if never seen */
	double temp_mean_c[FS_NTEMPS];	/* session mean, NAN if never seen */
	double gradient_c, gradient_baseline_c, cooling_c_min;

	/* indices; -1 when the input lacks what they need */
	int numbness_risk, numbness_risk_max;
	int circulation_restriction, circulation_restriction_max;
	enum fs_level level, level_max;
	/*
	 * Causes whose evidence has held cause_sustain_s and
	 * cause_sustain_strides: the lowest score of the last
	 * cause_sustain_s, 0 while a cause does not qualify (docs/analysis.md,
	 * "How a cause qualifies"). _max is its session maximum,
	 * cause_first_qualified_t the frame time it first qualified (NAN:
	 * never).
	 */
	double cause_score[FS_NCAUSES];
	double cause_score_max[FS_NCAUSES];
	double cause_first_qualified_t[FS_NCAUSES];
	bool red_flag;
	/* index now vs trend_window_s ago; unknown before a whole window */
	enum fs_trend numbness_trend, circulation_trend;
	unsigned long frames, missing;
	/* sensor faults now (FS_SF_*), and readings left out for them */
	unsigned char zone_fault[FS_NZONES];
	unsigned char temp_fault[FS_NTEMPS];
	/* every fault of the session: bit 1 << FS_SF_* */
	unsigned char zone_fault_seen[FS_NZONES];
	unsigned char temp_fault_seen[FS_NTEMPS];
	unsigned long rejected;
	/*
	 * Reliefs and escalations, oldest first: the last
	 * min(nrelief, FS_RELIEF_MAX) of the session, record k of all at
	 * relief[k % FS_RELIEF_MAX]. A relief's rewarm_c, minutes and
	 * numbness_after keep changing for relief_rewarm_s after it is
	 * told.
	 */
	struct fs_relief relief[FS_RELIEF_MAX];
	unsigned int nrelief;
};

/* What a frame changed; fs_foot_feed() returns a mask of these. */
enum {
	FS_EV_CONTACT = 1 << 0,
	FS_EV_TOE_OFF = 1 << 1,
	FS_EV_LEVEL = 1 << 2,
	FS_EV_RED_FLAG = 1 << 3,
	FS_EV_SENSOR = 1 << 4,	/* a sensor fault started or ended */
	FS_EV_RELIEVED = 1 << 5,	/* a fit cause relieved: a new record */
	FS_EV_NOT_RELIEVED = 1 << 6,	/* an escalation: a new record */
};

struct fs_foot;

/* -EINVAL if fs_params_check() refuses p. */
int fs_foot_new(const struct fs_params *p, struct fs_foot **out);
void fs_foot_free(struct fs_foot *f);
/*
 * New thresholds for a running analysis (a runner's profile, known once a
 * recording names the subject). -EINVAL, f unchanged, if fs_params_check()
 * refuses p or p changes the trend window, which the history has the shape
 * of already.
 */
int fs_foot_set_params(struct fs_foot *f, const struct fs_params *p);
/* >= 0: mask of FS_EV_*; -EINVAL: time went back or is not finite. */
int fs_foot_feed(struct fs_foot *f, const struct fs_frame *fr);
void fs_foot_state(const struct fs_foot *f, struct fs_state *st);
/*
 * The highest-scoring cause among those qualified now (cause_score), or -1
 * when none is.
 */
int fs_state_top_cause(const struct fs_state *st, const struct fs_params *p);
/* The newest relief record (nrelief > 0), as the events tell it. */
const struct fs_relief *fs_state_last_relief(const struct fs_state *st);
/* Number of zones and temperature sites with a sensor fault. */
int fs_state_sensor_faults(const struct fs_state *st);

#endif
