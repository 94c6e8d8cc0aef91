// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * - Warming: foot skin in a running shoe warms by 3-4 degC and the
 *   in-shoe air by ~6 degC over the first 10-20 minutes of exercise
 *   (Purvis & Tunstall 2004, Ergonomics 47:1657; in-shoe climate during
 *   gait, Shimazaki & Murata 2015, Appl Ergon 49:55); effort follows the
 *   activity with a ~4 min lag, the foot's warmth with ~10 min.
 * - Gradient: the toe sits 1.5-4 degC below the ankle at rest and
 *   closes part of the gap as exercise dilates the skin vessels.
 * - Cooling: a compression that restricts the circulation cools the toe
 *   toward the shoe's air. A band tight enough to hinder venous return
 *   and arterial inflow cools it by 2.5-3.5 degC with a time constant of
 *   5-9 min (the order of an occluded fingertip's, whose gradient grows
 *   by ~4 degC: Rubinstein & Sessler 1990, Anesthesiology 73:541); laces
 *   or a toe box that press the forefoot, partially: 0.6-1.0 degC (the
 *   dorsalis pedis artery runs under the laces; a small toe box presses
 *   the digital vessels).
 */
#include <math.h>

#include "thermal.h"

void acc_thermal_init(struct acc_thermal *th, struct acc_rng *rng)
{
	*th = (struct acc_thermal){
		.tau_cool_s = acc_rng_range(rng, 300.0, 540.0),
		.sock_drop_c = acc_rng_range(rng, 2.5, 3.5),
		.fit_drop_c = acc_rng_range(rng, 0.6, 1.0),
	};
	for (int f = 0; f < 2; f++)
		th->foot_offset_c[f] = acc_rng_range(rng, -0.4, 0.4);
}

static double drop_for(const struct acc_thermal *th, enum acc_cause cause)
{
	switch (cause) {
	case ACC_TIGHT_SOCK:
		return th->sock_drop_c;
	case ACC_TIGHT_LACES:
	case ACC_TIGHT_TOEBOX:
		return th->fit_drop_c;
	default:
		return 0.0;
	}
}

void acc_thermal_step(struct acc_thermal *th, double dt, enum acc_activity act,
		      const enum acc_cause cause[2], const double c[2],
		      struct acc_rng *rng)
{
	double target = act == ACC_RUN ? 1.0 : act == ACC_WALK ? 0.45 : 0.1;

	th->effort += (target - th->effort) * dt / 240.0;
	th->warm += (th->effort - th->warm) * dt / 600.0;
	for (int f = 0; f < 2; f++) {
		double goal = drop_for(th, cause[f]) * c[f];

		th->cool[f] += (goal - th->cool[f]) * dt / th->tau_cool_s;
		/* Ornstein-Uhlenbeck, sd 0.1 degC, 60 s. */
		for (int k = 0; k < ACC_NTEMPS; k++)
			th->wander[f][k] += -th->wander[f][k] * dt / 60.0 +
					    0.1 * sqrt(2.0 * dt / 60.0) *
						    acc_rng_gauss(rng);
	}
}

void acc_thermal_read(const struct acc_thermal *th, const struct acc_runner *r,
		      int f, double t[ACC_NTEMPS])
{
	double off = th->foot_offset_c[f];
	double ankle = r->ankle_c + 1.0 * th->effort + off;

	t[ACC_T_ANKLE] = ankle;
	t[ACC_T_TOE] = ankle - r->toe_gradient_c[f] + 1.2 * th->warm -
		       th->cool[f];
	t[ACC_T_FOREFOOT] = r->skin_c + 3.5 * th->warm + off -
			    0.4 * th->cool[f];
	t[ACC_T_DORSUM] = r->skin_c + 0.8 + 2.5 * th->warm + off;
	t[ACC_T_HEEL] = r->skin_c - 0.3 + 3.5 * th->warm + off;
	t[ACC_T_SHOE] = r->shoe_c + 6.0 * th->warm;
	for (int k = 0; k < ACC_NTEMPS; k++)
		t[k] += th->wander[f][k];
}
