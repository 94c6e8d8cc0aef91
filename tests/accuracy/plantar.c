// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Plantar pressure through stance, per zone: a rise and a fall (raised
 * sine halves) between the zone's first contact, its peak and its
 * unloading, as fractions of contact time. The roll-over order is the
 * one plantar pressure studies of jogging and walking report: heel first
 * (peak at 10-20 % of contact for a heel strike), lateral then medial
 * midfoot, the metatarsal heads peaking at 50-65 %, hallux and toes last
 * (peak at ~80 %, unloading at toe-off) (De Cock et al. 2005, Gait
 * Posture 21:432, jogging; Cavanagh & Rodgers, walking). A midfoot
 * strike lands on the lateral midfoot and metatarsals, the heel loaded
 * later and lightly (Lieberman et al. 2010, Nature 463:531).
 *
 * Peaks, in-shoe, running at a self-selected pace, 70 kg: heel 240-260
 * kPa, metatarsal heads 170-280 kPa with the 2nd-3rd highest, hallux
 * ~300 kPa, lesser toes ~160 kPa, medial midfoot (arch) 50-80 kPa and
 * lateral midfoot ~110 kPa (Chuckpaiwong et al. 2008, Gait Posture
 * 28:405, Pedar insoles; Hennig & Milani 1995, J Appl Biomech 11:299).
 * Walking in the same shoes: ~70-80 % of those. Standing: heel highest,
 * forefoot about half of it, midfoot and toes low (Cavanagh, Rodgers &
 * Iiboshi 1987, Foot Ankle 7:262, barefoot; about half of it in a
 * cushioned shoe). Pressure grows less than body weight because a
 * heavier runner's foot is larger: x (weight/70)^0.5 (Hills et al.
 * 2001, Int J Obes 25:1674, obese adults: higher, not proportionally).
 *
 * The planted gait causes (on the affected foot, by strength c):
 * - overstriding: the foot lands ahead of the body on the heel: heel
 *   peak +50 %, reached ~40 % sooner (a higher loading rate), a midfoot
 *   striker turned heel striker (Heiderscheit et al. 2011, Med Sci
 *   Sports Exerc 43:296; Lieberman et al. 2010);
 * - overpronation: arch collapse: medial midfoot peak +120 % and held
 *   longer, medial heel +15 %, lateral heel -15 %, lateral midfoot -30 %,
 *   1st metatarsal and hallux up, 5th down (low-arched feet,
 *   Chuckpaiwong et al. 2008; Willems et al. 2006, Gait Posture 23:91);
 * - neuroma_load: push-off through the 3rd-4th interspace: met3_4 peak
 *   +60 % and later, met2 and met5 a little lower (forefoot loading in a
 *   narrow, stiff shoe; Morton's neuroma is provoked at push-off).
 */
#include <math.h>

#include "plantar.h"

enum { A, P, E };

/* Windows (start, peak, end) as fractions of stance. */
static const double run_rear[ACC_NPLANTAR][3] = {
	[ACC_Z_HALLUX] = { 0.35, 0.80, 1.00 },
	[ACC_Z_TOES] = { 0.40, 0.78, 1.00 },
	[ACC_Z_MET1] = { 0.15, 0.62, 0.97 },
	[ACC_Z_MET2] = { 0.12, 0.60, 0.97 },
	[ACC_Z_MET3_4] = { 0.12, 0.58, 0.95 },
	[ACC_Z_MET5] = { 0.10, 0.52, 0.92 },
	[ACC_Z_ARCH] = { 0.06, 0.33, 0.68 },
	[ACC_Z_MIDFOOT_LAT] = { 0.04, 0.30, 0.66 },
	[ACC_Z_HEEL_MED] = { 0.00, 0.14, 0.52 },
	[ACC_Z_HEEL_LAT] = { 0.00, 0.12, 0.50 },
};

static const double run_mid[ACC_NPLANTAR][3] = {
	[ACC_Z_HALLUX] = { 0.30, 0.78, 1.00 },
	[ACC_Z_TOES] = { 0.35, 0.76, 1.00 },
	[ACC_Z_MET1] = { 0.04, 0.52, 0.96 },
	[ACC_Z_MET2] = { 0.02, 0.50, 0.96 },
	[ACC_Z_MET3_4] = { 0.02, 0.48, 0.94 },
	[ACC_Z_MET5] = { 0.00, 0.40, 0.90 },
	[ACC_Z_ARCH] = { 0.03, 0.28, 0.62 },
	[ACC_Z_MIDFOOT_LAT] = { 0.00, 0.22, 0.60 },
	[ACC_Z_HEEL_MED] = { 0.04, 0.26, 0.50 },
	[ACC_Z_HEEL_LAT] = { 0.03, 0.24, 0.48 },
};

static const double walk[ACC_NPLANTAR][3] = {
	[ACC_Z_HALLUX] = { 0.45, 0.86, 1.00 },
	[ACC_Z_TOES] = { 0.45, 0.84, 1.00 },
	[ACC_Z_MET1] = { 0.22, 0.74, 0.97 },
	[ACC_Z_MET2] = { 0.20, 0.72, 0.97 },
	[ACC_Z_MET3_4] = { 0.20, 0.71, 0.96 },
	[ACC_Z_MET5] = { 0.18, 0.66, 0.93 },
	[ACC_Z_ARCH] = { 0.10, 0.40, 0.75 },
	[ACC_Z_MIDFOOT_LAT] = { 0.08, 0.38, 0.75 },
	[ACC_Z_HEEL_MED] = { 0.00, 0.16, 0.55 },
	[ACC_Z_HEEL_LAT] = { 0.00, 0.15, 0.53 },
};

/* Running peaks, kPa, 70 kg, heel strike. */
static const double run_peak[ACC_NPLANTAR] = {
	300.0, 160.0, 230.0, 275.0, 245.0, 170.0, 65.0, 115.0, 255.0, 240.0,
};

/* What a midfoot strike does to those peaks. */
static const double mid_gain[ACC_NPLANTAR] = {
	1.00, 1.05, 1.12, 1.12, 1.12, 1.15, 1.20, 1.35, 0.45, 0.45,
};

/* Walking, relative to running. */
static const double walk_gain[ACC_NPLANTAR] = {
	0.75, 0.80, 0.75, 0.75, 0.75, 0.78, 0.90, 0.90, 0.75, 0.75,
};

/* Standing, kPa, 70 kg, half the weight on this foot. */
static const double stand_kpa[ACC_NPLANTAR] = {
	16.0, 7.0, 30.0, 36.0, 33.0, 24.0, 12.0, 22.0, 58.0, 52.0,
};

double acc_bump(double x, double a, double p, double e)
{
	if (x <= a || x >= e)
		return 0.0;
	if (x < p) {
		double s = sin(0.5 * M_PI * (x - a) / (p - a));

		return s * s;
	}
	double c = cos(0.5 * M_PI * (x - p) / (e - p));

	return c * c;
}

static double weight_gain(const struct acc_runner *r)
{
	return sqrt(r->weight_kg / 70.0);
}

void acc_plantar_stance(const struct acc_runner *r, int foot,
			const struct acc_step *st, enum acc_cause cause,
			double x, double p[ACC_NPLANTAR])
{
	bool running = st->act == ACC_RUN;
	double c = st->cause;
	double strike = r->strike;
	double g[ACC_NPLANTAR], w[ACC_NPLANTAR][3];

	if (cause == ACC_OVERSTRIDING && running)
		strike *= 1.0 - c;
	for (int z = 0; z < ACC_NPLANTAR; z++) {
		for (int k = 0; k < 3; k++)
			w[z][k] = running ? (1.0 - strike) * run_rear[z][k] +
						    strike * run_mid[z][k]
					  : walk[z][k];
		g[z] = run_peak[z] * ((1.0 - strike) + strike * mid_gain[z]);
		if (!running)
			g[z] *= walk_gain[z];
	}

	switch (cause) {
	case ACC_OVERSTRIDING:
		if (!running)
			break;
		for (int z = ACC_Z_HEEL_MED; z <= ACC_Z_HEEL_LAT; z++) {
			g[z] *= 1.0 + 0.5 * c;
			w[z][P] *= 1.0 - 0.4 * c;
		}
		for (int z = ACC_Z_MET1; z <= ACC_Z_MET5; z++)
			g[z] *= 1.0 - 0.08 * c;
		g[ACC_Z_HALLUX] *= 1.0 - 0.05 * c;
		break;
	case ACC_OVERPRONATION:
		if (!running)
			c *= 0.7;
		g[ACC_Z_ARCH] *= 1.0 + 1.2 * c;
		w[ACC_Z_ARCH][E] += 0.10 * c;
		g[ACC_Z_HEEL_MED] *= 1.0 + 0.15 * c;
		g[ACC_Z_HEEL_LAT] *= 1.0 - 0.15 * c;
		g[ACC_Z_MIDFOOT_LAT] *= 1.0 - 0.30 * c;
		g[ACC_Z_MET1] *= 1.0 + 0.15 * c;
		g[ACC_Z_MET5] *= 1.0 - 0.15 * c;
		g[ACC_Z_HALLUX] *= 1.0 + 0.10 * c;
		break;
	case ACC_NEUROMA_LOAD:
		if (!running)
			c *= 0.7;
		g[ACC_Z_MET3_4] *= 1.0 + 0.6 * c;
		w[ACC_Z_MET3_4][P] += 0.06 * c;
		g[ACC_Z_MET2] *= 1.0 - 0.05 * c;
		g[ACC_Z_MET5] *= 1.0 - 0.10 * c;
		break;
	default:
		break;
	}

	double wg = weight_gain(r) * st->amp;

	for (int z = 0; z < ACC_NPLANTAR; z++)
		p[z] = g[z] * r->zone_gain[foot][z] * st->jitter[z] * wg *
		       acc_bump(x, w[z][A], w[z][P], w[z][E]);
}

void acc_plantar_stand(const struct acc_runner *r, int foot, double share,
		       double fore, enum acc_cause cause, double c,
		       double p[ACC_NPLANTAR])
{
	double wg = weight_gain(r) * share / 0.5;

	for (int z = 0; z < ACC_NPLANTAR; z++) {
		double k = z >= ACC_Z_HEEL_MED ? 1.0 - 0.15 * fore :
			   z <= ACC_Z_MET5 ? 1.0 + 0.15 * fore : 1.0;

		p[z] = stand_kpa[z] * r->zone_gain[foot][z] * wg * k;
	}
	if (cause == ACC_OVERPRONATION) {
		p[ACC_Z_ARCH] *= 1.0 + 0.8 * c;
		p[ACC_Z_MIDFOOT_LAT] *= 1.0 - 0.2 * c;
	}
}
