// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: the running model.
 *
 * A stride starts at foot contact. In stance each plantar zone follows a
 * smooth rise-and-fall bump placed where the published in-shoe pressure
 * curves of heel-strike running put it (heel first, then midfoot, the
 * metatarsal heads, the hallux and toes at push-off); in swing the plantar
 * zones carry nothing. The dorsal, toe box, tarsal tunnel and cuff zones
 * carry a small level all cycle long, which the fit causes raise. Every
 * stride draws small variations of its duration and of each zone's peak.
 * Temperatures warm up with the run; restricted circulation cools the toe
 * towards the shoe air. docs/emulator.md gives the numbers and sources.
 */
#include <math.h>
#include <string.h>

#include "model.h"

#define REF_WEIGHT_KG		70.0
#define PRESSURE_NOISE_KPA	0.6
#define TEMP_NOISE_C		0.02
#define FIT_RAMP_S		30.0	/* a fit cause develops over this */
#define GAIT_RAMP_S		60.0	/* a gait cause develops over this */
#define SWELL_TAU_S		900.0	/* foot swelling under tight laces */
#define WARM_TAU_S		420.0	/* skin warm-up time constant */
#define SHOE_TAU_S		600.0	/* shoe air warm-up time constant */
/* Toe cooling under full occlusion: half-time 6.6 min. */
#define COOL_TAU_S		(6.6 * 60.0 / 0.69314718055994531)
/*
 * Once the compression is gone the toe rewarms faster than it cooled:
 * reactive hyperaemia restores skin perfusion within minutes (time
 * constant ~2 min; docs/emulator.md).
 */
#define REWARM_TAU_S		120.0

enum zone {
	Z_HALLUX, Z_TOES, Z_MET1, Z_MET2, Z_MET3_4, Z_MET5, Z_ARCH,
	Z_MIDFOOT_LAT, Z_HEEL_MED, Z_HEEL_LAT, Z_DORSUM, Z_TOEBOX_TOP,
	Z_TOEBOX_MED, Z_TOEBOX_LAT, Z_TARSAL_TUNNEL, Z_CUFF,
};
#define Z_PLANTAR_END	Z_DORSUM	/* zones below this are plantar */

enum site { T_TOE, T_FOREFOOT, T_DORSUM, T_HEEL, T_ANKLE, T_SHOE };

static const struct {
	const char *name;
	const char *help;
	enum emu_gait gait;
} scenarios[EMU_SC_COUNT] = {
	[EMU_SC_NORMAL] = { "normal", "running, well-fitting shoe and sock",
			    EMU_GAIT_RUN },
	[EMU_SC_TIGHT_LACES] = { "tight_laces",
		"running; dorsum pressure held through swing, rising as the foot swells",
		EMU_GAIT_RUN },
	[EMU_SC_TIGHT_TOEBOX] = { "tight_toebox",
		"running; toebox_top/med/lat pressure held through swing",
		EMU_GAIT_RUN },
	[EMU_SC_TIGHT_SOCK] = { "tight_sock",
		"running; cuff pressure held, toe cooling relative to the ankle",
		EMU_GAIT_RUN },
	[EMU_SC_OVERSTRIDING] = { "overstriding",
		"running; heel peak > 450 kPa, steep loading, longer contact",
		EMU_GAIT_RUN },
	[EMU_SC_OVERPRONATION] = { "overpronation",
		"running; arch and heel_med loaded, tarsal_tunnel pressure up",
		EMU_GAIT_RUN },
	[EMU_SC_NEUROMA_LOAD] = { "neuroma_load",
		"running; met3_4 peak at push-off well above met2 and met5",
		EMU_GAIT_RUN },
	[EMU_SC_WALK] = { "walk", "walking, well-fitting shoe and sock",
			  EMU_GAIT_WALK },
	[EMU_SC_STAND] = { "stand", "quiet standing with postural sway",
			   EMU_GAIT_STAND },
	[EMU_SC_PATTERN] = { "pattern",
		"deterministic test pattern for bit-exact driver tests",
		EMU_GAIT_STAND },
};

int emu_scenario_parse(const char *name)
{
	int i;

	for (i = 0; i < EMU_SC_COUNT; i++)
		if (!strcmp(name, scenarios[i].name))
			return i;
	return -1;
}

const char *emu_scenario_name(int scenario)
{
	return scenarios[scenario].name;
}

const char *emu_scenario_help(int scenario)
{
	return scenarios[scenario].help;
}

enum emu_gait emu_scenario_gait(int scenario)
{
	return scenarios[scenario].gait;
}

double emu_scenario_default_cadence(int scenario)
{
	switch (scenarios[scenario].gait) {
	case EMU_GAIT_RUN:
		return 170.0;
	case EMU_GAIT_WALK:
		return 110.0;
	default:
		return 0.0;
	}
}

/*
 * Normal heel-strike running, 70 kg, in a cushioned shoe: peak in-shoe
 * pressures and where in stance they occur (fractions of contact time).
 */
static const struct model_bump run_bumps[EMU_NP] = {
	[Z_HALLUX]	= { 0.45, 0.82, 1.00, 640 },
	[Z_TOES]	= { 0.50, 0.80, 0.98, 360 },
	[Z_MET1]	= { 0.15, 0.65, 0.95, 410 },
	[Z_MET2]	= { 0.15, 0.62, 0.93, 650 },
	[Z_MET3_4]	= { 0.15, 0.60, 0.92, 590 },
	[Z_MET5]	= { 0.12, 0.55, 0.88, 330 },
	[Z_ARCH]	= { 0.08, 0.38, 0.70, 75 },
	[Z_MIDFOOT_LAT]	= { 0.05, 0.35, 0.70, 130 },
	[Z_HEEL_MED]	= { 0.00, 0.16, 0.55, 340 },
	[Z_HEEL_LAT]	= { 0.00, 0.14, 0.52, 380 },
	/* not weight-bearing: the upper and the sock press a little */
	[Z_DORSUM]	= { 0.55, 0.85, 1.00, 1.2 },
	[Z_TOEBOX_TOP]	= { 0.60, 0.88, 1.00, 1.3 },
	[Z_TOEBOX_MED]	= { 0.30, 0.65, 0.95, 1.2 },
	[Z_TOEBOX_LAT]	= { 0.30, 0.62, 0.95, 1.2 },
	[Z_TARSAL_TUNNEL] = { 0.10, 0.40, 0.80, 1.4 },
	[Z_CUFF]	= { 0.00, 0.50, 1.00, 0.4 },
};

/* Walking: lower peaks, the forefoot later in a longer stance. */
static const struct model_bump walk_bumps[EMU_NP] = {
	[Z_HALLUX]	= { 0.55, 0.88, 1.00, 280 },
	[Z_TOES]	= { 0.60, 0.87, 0.99, 150 },
	[Z_MET1]	= { 0.25, 0.78, 0.97, 220 },
	[Z_MET2]	= { 0.25, 0.76, 0.96, 300 },
	[Z_MET3_4]	= { 0.25, 0.75, 0.95, 270 },
	[Z_MET5]	= { 0.20, 0.70, 0.92, 160 },
	[Z_ARCH]	= { 0.10, 0.40, 0.75, 50 },
	[Z_MIDFOOT_LAT]	= { 0.08, 0.38, 0.75, 85 },
	[Z_HEEL_MED]	= { 0.00, 0.15, 0.55, 230 },
	[Z_HEEL_LAT]	= { 0.00, 0.13, 0.52, 250 },
	[Z_DORSUM]	= { 0.60, 0.88, 1.00, 0.8 },
	[Z_TOEBOX_TOP]	= { 0.65, 0.90, 1.00, 0.9 },
	[Z_TOEBOX_MED]	= { 0.35, 0.75, 0.97, 0.8 },
	[Z_TOEBOX_LAT]	= { 0.35, 0.72, 0.97, 0.8 },
	[Z_TARSAL_TUNNEL] = { 0.10, 0.40, 0.80, 1.0 },
	[Z_CUFF]	= { 0.00, 0.50, 1.00, 0.3 },
};

/* The level of the non-plantar zones in a well-fitting shoe, kPa. */
static const double held_normal[EMU_NP] = {
	[Z_DORSUM] = 1.2, [Z_TOEBOX_TOP] = 0.6, [Z_TOEBOX_MED] = 0.8,
	[Z_TOEBOX_LAT] = 0.8, [Z_TARSAL_TUNNEL] = 0.9, [Z_CUFF] = 1.8,
};

/* Quiet standing, 70 kg, both feet: the static distribution, kPa. */
static const double stand_kpa[EMU_NP] = {
	[Z_HALLUX] = 15, [Z_TOES] = 8, [Z_MET1] = 35, [Z_MET2] = 45,
	[Z_MET3_4] = 40, [Z_MET5] = 25, [Z_ARCH] = 15, [Z_MIDFOOT_LAT] = 25,
	[Z_HEEL_MED] = 60, [Z_HEEL_LAT] = 65,
};

/* Skin at the start of the activity and its warm-up when running, degC. */
static const double temp_start[EMU_NT] = { 28.2, 29.0, 29.5, 28.5, 31.0, 24.0 };
static const double temp_rise[EMU_NT] = { 2.6, 4.0, 2.0, 3.5, 1.5, 5.0 };

static double lerp(double a, double b, double f)
{
	return a + (b - a) * f;
}

static double smoothstep(double x)
{
	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;
	return x * x * (3.0 - 2.0 * x);
}

static bool cause_is_fit(int scenario)
{
	return scenario == EMU_SC_TIGHT_LACES ||
	       scenario == EMU_SC_TIGHT_TOEBOX ||
	       scenario == EMU_SC_TIGHT_SOCK;
}

bool model_relieved(const struct model *m, double t)
{
	return m->p.relief_s > 0.0 && t >= m->p.relief_s;
}

double model_severity(const struct model *m, double t)
{
	double ramp;

	switch (m->p.scenario) {
	case EMU_SC_NORMAL:
	case EMU_SC_WALK:
	case EMU_SC_STAND:
	case EMU_SC_PATTERN:
		return 0.0;
	default:
		break;
	}
	/* the laces loosened, the shoe or sock changed: gone at once */
	if (model_relieved(m, t))
		return 0.0;
	if (m->p.onset_s <= 0.0)
		return 1.0;
	if (t < m->p.onset_s)
		return 0.0;
	ramp = cause_is_fit(m->p.scenario) ? FIT_RAMP_S : GAIT_RAMP_S;
	return smoothstep((t - m->p.onset_s) / ramp);
}

/* Swelling under tight laces since the onset: 0..1. */
static double swelling(const struct model *m, double t)
{
	double since = t - (m->p.onset_s > 0.0 ? m->p.onset_s : 0.0);

	return since <= 0.0 ? 0.0 : 1.0 - exp(-since / SWELL_TAU_S);
}

static void bump_lerp(struct model_bump *b, double on, double peak,
		      double off, double amp, double f)
{
	b->on = lerp(b->on, on, f);
	b->peak = lerp(b->peak, peak, f);
	b->off = lerp(b->off, off, f);
	b->amp = lerp(b->amp, amp, f);
}

/* The stride shape with the scenario's cause developed to severity sev. */
static void apply_cause(struct model *m, struct model_stride *st, double sev,
			double swell)
{
	struct model_bump *b = st->bump;

	if (sev <= 0.0)
		return;
	switch (m->p.scenario) {
	case EMU_SC_TIGHT_LACES:
		st->held[Z_DORSUM] += sev * (9.0 + 5.0 * swell);
		b[Z_DORSUM].amp += sev * 4.0;
		break;
	case EMU_SC_TIGHT_TOEBOX:
		st->held[Z_TOEBOX_TOP] += sev * (10.0 + 2.0 * swell);
		st->held[Z_TOEBOX_MED] += sev * (12.0 + 2.0 * swell);
		st->held[Z_TOEBOX_LAT] += sev * (11.0 + 2.0 * swell);
		b[Z_TOEBOX_TOP].amp += sev * 12.0;
		b[Z_TOEBOX_MED].amp += sev * 15.0;
		b[Z_TOEBOX_LAT].amp += sev * 14.0;
		break;
	case EMU_SC_TIGHT_SOCK:
		st->held[Z_CUFF] += sev * (12.0 + 3.0 * swell);
		break;
	case EMU_SC_OVERSTRIDING:
		/* heel far ahead of the hips: harder, earlier heel peak */
		bump_lerp(&b[Z_HEEL_LAT], 0.0, 0.07, 0.58, 520, sev);
		bump_lerp(&b[Z_HEEL_MED], 0.0, 0.08, 0.60, 490, sev);
		st->stance = lerp(st->stance, st->stance + 0.05, sev);
		break;
	case EMU_SC_OVERPRONATION:
		b[Z_ARCH].amp = lerp(b[Z_ARCH].amp, 190, sev);
		b[Z_HEEL_MED].amp = lerp(b[Z_HEEL_MED].amp, 410, sev);
		b[Z_HEEL_LAT].amp = lerp(b[Z_HEEL_LAT].amp, 270, sev);
		b[Z_MIDFOOT_LAT].amp = lerp(b[Z_MIDFOOT_LAT].amp, 55, sev);
		b[Z_MET1].amp = lerp(b[Z_MET1].amp, 520, sev);
		b[Z_MET5].amp = lerp(b[Z_MET5].amp, 230, sev);
		b[Z_HALLUX].amp = lerp(b[Z_HALLUX].amp, 690, sev);
		st->held[Z_TARSAL_TUNNEL] += sev * 6.0;
		b[Z_TARSAL_TUNNEL].amp += sev * 18.0;
		break;
	case EMU_SC_NEUROMA_LOAD:
		bump_lerp(&b[Z_MET3_4], 0.20, 0.72, 0.96, 880, sev);
		b[Z_MET2].amp = lerp(b[Z_MET2].amp, 560, sev);
		b[Z_MET5].amp = lerp(b[Z_MET5].amp, 280, sev);
		break;
	default:
		break;
	}
}

/* Draw the next stride: its duration, stance and each zone's peak. */
static void new_stride(struct model *m)
{
	struct model_stride *st = &m->stride;
	const struct model_bump *base;
	double mean_stride, sev;
	int z;

	m->strides++;
	if (m->gait == EMU_GAIT_STAND) {
		memset(st, 0, sizeof(*st));
		st->stride_s = 1.0;
		st->stance = 1.0;
		return;
	}
	base = m->gait == EMU_GAIT_WALK ? walk_bumps : run_bumps;
	mean_stride = 120.0 / m->cadence_spm;
	/* both feet draw the same stride times: they stay in alternation */
	st->stride_s = mean_stride * (1.0 + 0.015 * emu_rng_gauss(&m->gait_rng));
	st->stance = (m->gait == EMU_GAIT_WALK ? 0.60 : 0.37) +
		     0.008 * emu_rng_gauss(&m->rng);
	for (z = 0; z < EMU_NP; z++) {
		st->bump[z] = base[z];
		st->held[z] = held_normal[z] * (m->gait == EMU_GAIT_WALK ? 0.8 : 1.0);
	}
	sev = model_severity(m, m->t);
	apply_cause(m, st, sev, swelling(m, m->t));
	for (z = 0; z < Z_PLANTAR_END; z++)
		st->bump[z].amp *= m->weight_factor *
				   (1.0 + 0.04 * emu_rng_gauss(&m->rng));
}

void model_init(struct model *m, const struct model_params *p)
{
	memset(m, 0, sizeof(*m));
	m->p = *p;
	m->gait = emu_scenario_gait(p->scenario);
	m->cadence_spm = p->cadence_spm > 0.0 ? p->cadence_spm :
			 emu_scenario_default_cadence(p->scenario);
	if (m->gait != EMU_GAIT_STAND && m->cadence_spm <= 0.0)
		m->cadence_spm = emu_scenario_default_cadence(EMU_SC_NORMAL);
	m->weight_factor = (p->weight_kg > 0.0 ? p->weight_kg : REF_WEIGHT_KG) /
			   REF_WEIGHT_KG;
	/* one independent stream per foot, so "both" equals two single runs */
	emu_rng_seed(&m->rng, p->seed ^ (0x5851f42d4c957f2dull * (uint64_t)(p->foot + 1)));
	emu_rng_seed(&m->gait_rng, p->seed);
	new_stride(m);
	/* the right foot lands half a stride after the left */
	m->phase = p->foot == FOOTSOCK_FOOT_RIGHT ? 0.5 : 0.0;
}

/* A rise-and-fall bump: 0 outside (on, off), 1 at peak, raised cosines. */
static double bump_at(const struct model_bump *b, double s)
{
	double x;

	if (s <= b->on || s >= b->off)
		return 0.0;
	if (s < b->peak) {
		x = (s - b->on) / (b->peak - b->on);
		return 0.5 * (1.0 - cos(M_PI * x));
	}
	x = (s - b->peak) / (b->off - b->peak);
	return 0.5 * (1.0 + cos(M_PI * x));
}

static void pressures(struct model *m, struct model_out *out)
{
	const struct model_stride *st = &m->stride;
	double s, ap, ml, v;
	int z;

	if (m->gait == EMU_GAIT_STAND) {
		/* postural sway: slow shifts heel <-> forefoot, medial <-> lateral */
		ap = 0.12 * sin(2.0 * M_PI * 0.23 * m->t + (double)m->p.foot);
		ml = 0.06 * sin(2.0 * M_PI * 0.31 * m->t + 1.0);
		for (z = 0; z < EMU_NP; z++) {
			v = stand_kpa[z] * m->weight_factor;
			if (z == Z_HEEL_MED || z == Z_HEEL_LAT)
				v *= 1.0 - ap;
			else if (z <= Z_MET5)
				v *= 1.0 + ap;
			if (z == Z_MET1 || z == Z_ARCH || z == Z_HEEL_MED)
				v *= 1.0 + ml;
			else if (z == Z_MET5 || z == Z_MIDFOOT_LAT || z == Z_HEEL_LAT)
				v *= 1.0 - ml;
			if (z >= Z_PLANTAR_END)
				v = held_normal[z] * 0.8;
			out->pressure_kpa[z] = v;
		}
		out->contact = true;
		return;
	}

	out->contact = m->phase < st->stance;
	s = m->phase / st->stance;
	for (z = 0; z < EMU_NP; z++) {
		v = st->held[z];
		if (out->contact)
			v += st->bump[z].amp * bump_at(&st->bump[z], s);
		out->pressure_kpa[z] = v;
	}
}

static void temperatures(struct model *m, double dt, struct model_out *out)
{
	double warm, shoe, gain, r = 0.0, target, sev;
	double t = m->t;
	int i;

	switch (m->gait) {
	case EMU_GAIT_RUN:
		gain = 1.0;
		break;
	case EMU_GAIT_WALK:
		gain = 0.5;
		break;
	default:
		gain = 0.15;
		break;
	}
	warm = 1.0 - exp(-t / WARM_TAU_S);
	shoe = 1.0 - exp(-t / SHOE_TAU_S);
	for (i = 0; i < T_SHOE; i++)
		out->temp_c[i] = temp_start[i] + gain * temp_rise[i] * warm;
	out->temp_c[T_SHOE] = temp_start[T_SHOE] + gain * temp_rise[T_SHOE] * shoe;
	out->temp_c[T_TOE] += m->p.toe_offset_c;

	/* restricted circulation: the toe relaxes towards the shoe air */
	sev = model_severity(m, t);
	if (m->p.scenario == EMU_SC_TIGHT_SOCK)
		r = 0.55 * sev;
	else if (m->p.scenario == EMU_SC_TIGHT_LACES)
		r = 0.35 * sev * swelling(m, t);
	target = r * (out->temp_c[T_TOE] - out->temp_c[T_SHOE]);
	out->temp_c[T_TOE] -= m->cool;
	out->temp_c[T_FOREFOOT] -= 0.35 * m->cool;
	out->temp_c[T_DORSUM] -= (m->p.scenario == EMU_SC_TIGHT_LACES ? 0.3 : 0.1) *
				 m->cool;
	out->temp_c[T_HEEL] -= 0.1 * m->cool;
	if (dt != m->cool_dt) {
		m->cool_dt = dt;
		m->cool_alpha = 1.0 - exp(-dt / COOL_TAU_S);
		m->rewarm_alpha = 1.0 - exp(-dt / REWARM_TAU_S);
	}
	m->cool += (target - m->cool) *
		   (model_relieved(m, t) ? m->rewarm_alpha : m->cool_alpha);
}

void model_step(struct model *m, double dt, struct model_out *out)
{
	double v;
	int i;

	out->time_s = m->t;
	pressures(m, out);
	temperatures(m, dt, out);
	for (i = 0; i < EMU_NP; i++) {
		/* a force sensor reads no less than nothing */
		v = out->pressure_kpa[i] + PRESSURE_NOISE_KPA * emu_rng_gauss(&m->rng);
		out->pressure_kpa[i] = v > 0.0 ? v : 0.0;
	}
	for (i = 0; i < EMU_NT; i++)
		out->temp_c[i] += TEMP_NOISE_C * emu_rng_gauss(&m->rng);

	m->t += dt;
	if (m->gait == EMU_GAIT_STAND)
		return;
	m->phase += dt / m->stride.stride_s;
	while (m->phase >= 1.0) {
		m->phase -= 1.0;
		new_stride(m);
	}
}
