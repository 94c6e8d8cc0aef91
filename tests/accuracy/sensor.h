/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the sock's sensors make of the true pressures and temperatures:
 * per channel a gain error (±10 %), an offset error (±10 % of the
 * channel's resting reading plus a residual tare error), a drift over
 * the run (linear, and with the shoe's temperature), and noise.
 */
#ifndef ACC_SENSOR_H
#define ACC_SENSOR_H

#include "model.h"
#include "rng.h"

struct acc_channel {
	double gain, offset, drift_per_s, temp_coeff, noise_abs, noise_rel;
};

struct acc_sensor {
	struct acc_channel p[2][ACC_NZONES];
	struct acc_channel t[2][ACC_NTEMPS];
	double shoe0_c;
};

/* ref: each pressure channel's resting reading, kPa (the offset scale). */
void acc_sensor_init(struct acc_sensor *s, const double ref[2][ACC_NZONES],
		     double duration_s, double shoe0_c, struct acc_rng *rng);
/* In place: true values of foot f at t become the sock's readings. */
void acc_sensor_apply(const struct acc_sensor *s, int f, double t,
		      double p[ACC_NZONES], double temp[ACC_NTEMPS],
		      struct acc_rng *rng);

#endif
