// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Six runners spanning 50-110 kg and 150-190 steps/min.
 *
 * - Cadence: recreational runners 150-185 steps/min at self-selected
 *   pace, heavier and taller runners at the lower end (Heiderscheit et
 *   al. 2011, Med Sci Sports Exerc 43:296; their subjects' preferred
 *   rates 160-180); walking 100-120 steps/min.
 * - Stance fraction: running 0.30-0.40 of the stride (contact 0.2-0.3 s
 *   at 150-190 steps/min), walking ~0.60-0.62 (Perry, Gait Analysis).
 * - Strike: about three quarters of shod distance runners land on the
 *   heel (Hasegawa et al. 2007, J Strength Cond Res 21:888); runner 0
 *   lands midfoot, runner 5 between.
 * - Profile: each plantar zone's peak varies between people by ~10-25 %
 *   (the spread of the reference data of Chuckpaiwong et al. 2008, Gait
 *   Posture 28:405); drawn once per runner and foot, with a small
 *   left-right asymmetry.
 * - Fit: a well-fitting shoe and sock press on the top of the foot by
 *   0-3 kPa (0-22 mmHg; below venular flow disturbance, Rydevik et al.
 *   1981), an ordinary sock band by 1-2.5 kPa (below compression hosiery
 *   class I, 15-21 mmHg, RAL-GZ 387).
 * - Temperatures: the toes are 1.5-4 degC cooler than the ankle in a
 *   thermoneutral room (distal skin gradients, Rubinstein & Sessler 1990,
 *   Anesthesiology 73:541); foot skin 28-31 degC at rest.
 */
#include <errno.h>

#include "rng.h"
#include "runner.h"

struct base {
	const char *id;
	double weight_kg, cadence_spm, walk_cadence_spm, strike, rate_hz;
	double medial;		/* >1: a lower arch, more medial load */
};

static const struct base bases[ACC_NRUNNERS] = {
	{ "R1-52kg", 52.0, 188.0, 118.0, 0.85, 100.0, 1.00 },
	{ "R2-63kg", 63.0, 177.0, 114.0, 0.15, 200.0, 0.95 },
	{ "R3-74kg", 74.0, 169.0, 110.0, 0.00, 100.0, 1.05 },
	{ "R4-86kg", 86.0, 163.0, 108.0, 0.10, 200.0, 1.12 },
	{ "R5-97kg", 97.0, 157.0, 105.0, 0.00, 150.0, 1.00 },
	{ "R6-108kg", 108.0, 151.0, 102.0, 0.35, 200.0, 0.92 },
};

int acc_runner_get(int index, struct acc_runner *r)
{
	struct acc_rng rng;

	if (index < 0 || index >= ACC_NRUNNERS)
		return -EINVAL;
	const struct base *b = &bases[index];

	acc_rng_seed(&rng, 0x5eed0000u + (uint64_t)index);
	*r = (struct acc_runner){
		.id = b->id,
		.weight_kg = b->weight_kg,
		.cadence_spm = b->cadence_spm,
		.walk_cadence_spm = b->walk_cadence_spm,
		.strike = b->strike,
		.rate_hz = b->rate_hz,
	};
	/* Heavier, slower runners stay on the ground longer. */
	r->run_stance_frac = 0.31 + 0.06 * (b->weight_kg - 50.0) / 60.0 +
			     acc_rng_range(&rng, -0.015, 0.015);
	r->walk_stance_frac = acc_rng_range(&rng, 0.60, 0.63);

	double common[ACC_NPLANTAR];

	for (int z = 0; z < ACC_NPLANTAR; z++)
		common[z] = acc_rng_range(&rng, 0.85, 1.15);
	common[ACC_Z_ARCH] *= b->medial;
	common[ACC_Z_MIDFOOT_LAT] /= b->medial;
	for (int f = 0; f < 2; f++) {
		for (int z = 0; z < ACC_NPLANTAR; z++)
			r->zone_gain[f][z] = common[z] *
					     acc_rng_range(&rng, 0.95, 1.05);
		r->dorsum_kpa[f] = acc_rng_range(&rng, 0.6, 1.8);
		for (int k = 0; k < 3; k++)
			r->toebox_kpa[f][k] = acc_rng_range(&rng, 0.3, 1.4);
		r->tarsal_kpa[f] = acc_rng_range(&rng, 0.4, 1.3);
		r->cuff_kpa[f] = acc_rng_range(&rng, 1.0, 2.4);
		r->toe_gradient_c[f] = acc_rng_range(&rng, 1.5, 4.0);
	}
	r->ankle_c = acc_rng_range(&rng, 31.0, 33.0);
	r->skin_c = acc_rng_range(&rng, 28.5, 31.0);
	r->shoe_c = acc_rng_range(&rng, 23.0, 27.0);
	return 0;
}
