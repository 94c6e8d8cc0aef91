// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every threshold of the analysis, with its unit and its source. The
 * table is the one place defaults live; docs/analysis.md explains them.
 * 1 mmHg = 0.1333 kPa.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "analysis.h"

const char *const fs_zone_names[FS_NZONES] = {
	"hallux", "toes", "met1", "met2", "met3_4", "met5", "arch",
	"midfoot_lat", "heel_med", "heel_lat", "dorsum", "toebox_top",
	"toebox_med", "toebox_lat", "tarsal_tunnel", "cuff",
};

const char *const fs_temp_names[FS_NTEMPS] = {
	"toe", "forefoot", "dorsum", "heel", "ankle", "shoe",
};

const char *const fs_site_names[FS_NSITES] = {
	"dorsum", "toebox", "met3_4", "tarsal_tunnel", "cuff",
};

const char *const fs_cause_names[FS_NCAUSES] = {
	"tight_laces", "tight_toebox", "tight_sock", "overstriding",
	"overpronation", "neuroma_load",
};

const char *const fs_level_names[4] = { "ok", "watch", "warning", "stop" };

const char *const fs_activity_names[4] = {
	"none", "standing", "walking", "running",
};

const char *const fs_trend_names[FS_NTRENDS] = {
	"", "falling", "steady", "rising",
};

const char *const fs_sensor_fault_names[FS_NSENSOR_FAULTS] = {
	"", "stuck", "saturated", "dead", "absurd",
};

const char *const fs_cause_advice[FS_NCAUSES] = {
	"Loosen the laces; skip the eyelets over the sore spot or use window lacing.",
	"Try a shoe a half to a full size larger, or one with a wider, higher toe box.",
	"Wear thinner socks or socks with a looser cuff.",
	"Shorten your stride and land with the foot under the body.",
	"Ease the inward roll: supportive shoes or insoles; do ankle circles and a calf stretch.",
	"Relieve the forefoot: a wider toe box, shorter stride, and ankle circles and a calf stretch.",
};

const char fs_advice_stop[] =
	"Stop running, loosen the laces and walk a minute or two.";
const char fs_advice_red_flag[] =
	"See a podiatrist or physical therapist if numbness persists after the run, comes with burning pain, or with weakness.";

#define P(field, value, unit, source) \
	{ #field, offsetof(struct fs_params, field), value, unit, source }

const struct fs_param_doc fs_param_table[] = {
	P(contact_on_frac, 0.15, "1", "engineering: contact when load rises above 15 % of the foot's own load range"),
	P(contact_off_frac, 0.10, "1", "engineering: toe-off below 10 % (hysteresis against noise)"),
	P(contact_event_frac, 0.02, "1", "force-plate practice: contact and toe-off are timed where the load crosses 2 % of its range, as a 20 N force-plate threshold (Tirosh & Sparrow 2003); on/off only decide that they happened"),
	P(steady_stride_frac, 0.25, "1", "gait: a stride more than 25 % off the recent one is a stop, start or turn, left out of the session means (as a lab drops them)"),
	P(min_range_frac, 0.75, "1", "engineering: the load must fall to near nothing (swing) relative to its high; weight shifts while standing do not"),
	P(debounce_s, 0.06, "s", "engineering: shortest stance/swing phase kept (running stance >= 0.15 s)"),
	P(envelope_tau_s, 10.0, "s", "engineering: load envelope follows changes of pace in ~10 s"),
	P(stride_min_s, 0.35, "s", "gait: fastest sprint stride ~0.4 s"),
	P(stride_max_s, 2.5, "s", "gait: slowest walking stride ~2 s; longer is a pause"),
	P(stance_min_s, 0.10, "s", "gait: sprint contact ~0.1 s"),
	P(stance_max_s, 2.0, "s", "gait: longer contact is standing, not a step"),
	P(gait_idle_s, 3.0, "s", "engineering: no contact change for 3 s: standing"),
	P(running_stance_frac, 0.5, "1", "gait: running has a flight phase, stance fraction < 0.5; walking ~0.6"),
	P(step_alpha, 0.15, "1", "engineering: step features averaged over ~7 steps"),
	P(swing_skip_s, 0.05, "s", "engineering: skip the toe-off transient in the swing floor"),
	P(floor_low_kpa, 3.0, "kPa", "22 mmHg, below venular flow disturbance 20-30 mmHg (Rydevik 1981); well-fitting ~0-3 kPa"),
	P(floor_high_kpa, 8.0, "kPa", "60 mmHg, no intraneural flow at 60-80 mmHg (Rydevik 1981)"),
	P(sustained_tau_s, 5.0, "s", "engineering: sustained pressure is the ~5 s mean"),
	P(dose_threshold_kpa, 4.3, "kPa", "capillary closing pressure 32 mmHg (Landis 1930)"),
	P(block_kpa, 8.0, "kPa", "60 mmHg: no intraneural flow (Rydevik 1981), sensory block in 10-30 min (Lundborg 1982)"),
	P(dose_full_kpa_min, 74.0, "kPa min", "pressure above the threshold, up to block_kpa, times time giving a full sensory block: (8.0-4.3)*20; at and above 60 mmHg block is ischaemic and as rapid at 90 mmHg (Lundborg 1982), ~20 min at 80 mmHg"),
	P(dose_recovery_half_s, 300.0, "s", "engineering: short compressions recover within minutes once relieved (Lundborg 1982)"),
	P(dose_weight, 0.5, "1", "share of the accumulated dose in a site's risk (rest: present compression): a nerve at the no-flow pressure (60 mmHg, Rydevik 1981; rapid block, Lundborg 1982) is a warning at once, as a cuff at it is (circ_pressure_weight), and stop at half its dose"),
	P(heel_peak_low_kpa, 450.0, "kPa", "footsockctl status colours a plantar zone above it; running heel peaks 250-450 kPa (Chuckpaiwong et al. 2008; Hennig & Milani 1995); not overstriding evidence: absolute pressures scale with body weight"),
	P(heel_peak_high_kpa, 550.0, "kPa", "footsockctl status: clearly above the running range"),
	P(heel_ratio_low, 0.50, "1", "heel strike gate of overstriding: a midfoot/forefoot strike loads the heel late and lightly (~0.4; Lieberman et al. 2010, Nature 463:531)"),
	P(heel_ratio_high, 0.70, "1", "a heel strike: in-shoe heel peaks of rearfoot strikers are about the forefoot's, 0.7-1.1 (Chuckpaiwong et al. 2008, Gait Posture 28:405; Hennig & Milani 1995, J Appl Biomech 11:299), so the ratio gates and is not itself evidence"),
	P(impact_index_low, 12.0, "1", "heel ratio / (time to heel peak / contact time); a normal rearfoot strike ~9 (ratio ~0.9, impact peak ~10 % into contact: Cavanagh & Lafortune 1980, J Biomech 13:397); 12 = 1.33x, as loading rates above ~70 BW/s (stress fractures: Zadpoor & Nikooyan 2011, Clin Biomech 26:23) against ~50 in rearfoot strikers"),
	P(impact_index_high, 15.0, "1", "1.67x a normal rearfoot strike: landing ahead of the knee raises the impact peak and its loading rate (Lieberman et al. 2015, J Exp Biol 218:3406), contact lengthens and the heel peak comes early (Heiderscheit et al. 2011, Med Sci Sports Exerc 43:296)"),
	P(medial_share_low, 0.52, "1", "medial (arch+heel_med) share of the rearfoot/midfoot pressure-time integral, neutral ~0.45; more medial loading in runners who develop lower-leg pain (Willems et al. 2006, Gait Posture 23:91) and, in children with a lower arch, under the midfoot and medial forefoot (Chang et al. 2014, PLoS One 9:e94535); a low arch alone can reach it"),
	P(medial_share_high, 0.60, "1", "engineering: clearly medial (arch and medial heel loaded, lateral midfoot unloaded)"),
	P(tarsal_low_kpa, 4.3, "kPa", "tarsal tunnel pressure per stance (or sustained): 32 mmHg, the tunnel's pressure in full eversion (neutral 2 mmHg, Trepman et al. 1999, Foot Ankle Int 20:721), the capillary closing pressure (Landis 1930)"),
	P(tarsal_high_kpa, 8.0, "kPa", "60 mmHg: no intraneural flow (Rydevik 1981)"),
	P(neuroma_ratio_low, 1.45, "1", "engineering: met3_4 peak / mean(met2, met5) peaks, normal ~1.2"),
	P(neuroma_ratio_high, 1.8, "1", "engineering"),
	P(neuroma_rise_low, 1.25, "1", "engineering: the neuroma ratio over the foot's own from the baseline window (baseline_start_s..baseline_end_s, running or walking strides): a sock's zones differ in gain (10 % each makes 20 % in a ratio of two), which its own ratio cancels; a healthy foot's stays within a few percent of it"),
	P(neuroma_rise_high, 1.5, "1", "engineering"),
	P(mech_risk_max, 70.0, "0-100", "engineering: a gait cause alone reaches warning (score >= 0.72), never stop"),
	P(baseline_start_s, 60.0, "s", "engineering: after the first minute's settling"),
	P(baseline_end_s, 240.0, "s", "engineering: the runner's own early-session baseline"),
	P(temp_tau_s, 60.0, "s", "engineering: skin temperature changes over minutes"),
	P(gradient_drop_low_c, 0.5, "degC", "engineering: toe-minus-ankle gradient below its baseline"),
	P(gradient_drop_high_c, 2.0, "degC", "engineering: occluded fingertip cools with half-time 6.6 min"),
	P(cooling_low_c_min, 0.05, "degC/min", "engineering"),
	P(cooling_high_c_min, 0.3, "degC/min", "engineering: ~full occlusion cooling of a few degC over 6.6 min half-time"),
	P(circ_pressure_weight, 0.7, "1", "engineering: cuff pressure alone (no toe cooling yet) reaches warning, not stop"),
	P(asymmetry_c, 2.2, "degC", "left-right foot temperature asymmetry (Lavery, Armstrong 2004/2007)"),
	P(profile_asymmetry_c, 1.5, "degC", "engineering: with a profile, a left-right difference more than 1.5 degC off the person's usual one is flagged; a healthy person's contralateral difference is small but steady (the 2.2 degC flag of Lavery and Armstrong is a population figure), run to run it wanders a few tenths"),
	P(profile_min_runs, 3.0, "runs", "engineering: a profile figure is used once 3 normal runs are behind it; before, the population default"),
	P(profile_weight_runs, 10.0, "runs", "engineering: the profile is the mean of the first 10 runs, then an exponentially weighted mean of weight 1/10, so that it follows slow change (training, a new shoe) and one odd run moves it little"),
	P(profile_min_strides, 100.0, "strides", "engineering: a run counts for the profile with 100 steady strides (about 70 s running) and no level above watch nor named cause"),
	P(profile_floor_margin_kpa, 1.0, "kPa", "engineering: with a profile, a dorsal zone's swing floor ramp starts 1 kPa above its usual floor (noise 0.6 kPa), never below floor_low_kpa nor above dose_threshold_kpa (capillary closing, Landis 1930)"),
	P(level_watch, 25.0, "0-100", "engineering"),
	P(level_warning, 50.0, "0-100", "engineering"),
	P(level_stop, 75.0, "0-100", "engineering"),
	P(level_hysteresis, 8.0, "0-100", "engineering: against flapping"),
	P(level_rise_s, 10.0, "s", "engineering: a rise must hold 10 s"),
	P(level_dwell_s, 60.0, "s", "engineering: minimum time at a level before falling"),
	P(cause_evidence, 0.2, "1", "engineering: scores below are no evidence"),
	P(cause_sustain_s, 30.0, "s", "engineering: a cause qualifies when its evidence held this long (and cause_sustain_strides); 6 x the 5 s sustained mean, so that seconds of pressure, a start-up transient or a dropout cannot, while numbness takes minutes (Lundborg 1982)"),
	P(cause_sustain_strides, 20.0, "strides", "engineering: and this many strides while moving: 3 time constants of the step averages (step_alpha 0.15, ~7 steps), so that one odd step or the first steps of a new pace cannot qualify"),
	P(red_flag_s, 180.0, "s", "article: numbness that persists after the run"),
	P(relief_swings, 10.0, "swings", "engineering: a fix shows at once in the swing pressure (the foot is unloaded, only the shoe and sock press); 10 swings in a row under floor_low_kpa (~7 s running, ~11 s walking), each a swing's own mean, so that one loose-fitting swing or a lace tug cannot, and the figure is the fix's, not the 7-step average's"),
	P(relief_escalate_s, 300.0, "s", "still compressed 5 min after the cause was named: escalate once (stop and re-lace). Under a third of the 10-30 min to a sensory block at the no-flow pressure (Lundborg 1982; Rydevik 1981), while a block after a short compression recovers within minutes (Lundborg 1982)"),
	P(relief_rewarm_s, 600.0, "s", "engineering: rewarming of the toe is followed for 10 min after the fix; reperfusion after a released compression takes minutes (the emulator's time constant 2 min: 99 % in 10 min), the skin temperatures are 60 s means (temp_tau_s)"),
	P(trend_sample_s, 5.0, "s", "engineering: an index sample every 5 s of frame time"),
	P(trend_window_s, 60.0, "s", "engineering: the trend compares now with a minute ago"),
	P(trend_delta, 5.0, "0-100", "engineering: 5 points in a minute is a change, less is steady"),
};

const unsigned int fs_param_count =
	sizeof(fs_param_table) / sizeof(fs_param_table[0]);

/* Every field of struct fs_params is a double at a table offset. */
static void param_store(struct fs_params *p, unsigned int offset, double value)
{
	memcpy((char *)p + offset, &value, sizeof(value));
}

void fs_params_default(struct fs_params *p)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < fs_param_count; i++)
		param_store(p, fs_param_table[i].offset, fs_param_table[i].def);
}

int fs_params_check(const struct fs_params *p, const char **why)
{
	if (!(p->cause_sustain_s <= FS_SUSTAIN_MAX_S)) {
		*why = "cause_sustain_s must be 0 to 120";
		return -EINVAL;
	}
	if (!(p->trend_sample_s > 0.0)) {
		*why = "trend_sample_s must be > 0";
		return -EINVAL;
	}
	if (!(p->trend_window_s >= p->trend_sample_s) ||
	    p->trend_window_s / p->trend_sample_s > FS_TREND_MAX_SAMPLES) {
		*why = "trend_window_s must be 1 to 720 trend_sample_s";
		return -EINVAL;
	}
	return 0;
}

int fs_params_set(struct fs_params *p, const char *name, double value)
{
	unsigned int i;

	for (i = 0; i < fs_param_count; i++) {
		if (strcmp(name, fs_param_table[i].name))
			continue;
		if (!isfinite(value) || value < 0.0)
			return -EINVAL;
		param_store(p, fs_param_table[i].offset, value);
		return 0;
	}
	return -ENOENT;
}
