// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Error magnitudes: in-shoe capacitive and resistive pressure sensors
 * show gain errors of several to ~10 % and offsets that drift with time
 * and temperature over a run (the reason insoles are zeroed before a
 * trial); a footsock is tared once (TARE), so an offset error is what
 * the tare left: ±10 % of the channel's resting reading and ±0.3 kPa.
 * Drift: up to ±(0.3 kPa + 3 % of the resting reading) over the run,
 * plus ±0.08 kPa per degC of in-shoe warming. Noise: 0.15 kPa + 1 % of
 * the reading. Thermistors: ±0.3 degC offset, ±10 % gain about 25 degC,
 * ±0.2 degC drift, 0.03 degC noise.
 */
#include "sensor.h"

void acc_sensor_init(struct acc_sensor *s, const double ref[2][ACC_NZONES],
		     double duration_s, double shoe0_c, struct acc_rng *rng)
{
	s->shoe0_c = shoe0_c;
	for (int f = 0; f < 2; f++) {
		for (int z = 0; z < ACC_NZONES; z++) {
			double r = ref[f][z];

			s->p[f][z] = (struct acc_channel){
				.gain = acc_rng_range(rng, 0.9, 1.1),
				.offset = acc_rng_range(rng, -0.1, 0.1) * r +
					  acc_rng_range(rng, -0.3, 0.3),
				.drift_per_s = acc_rng_range(rng, -1.0, 1.0) *
					       (0.3 + 0.03 * r) / duration_s,
				.temp_coeff = acc_rng_range(rng, -0.08, 0.08),
				.noise_abs = 0.15,
				.noise_rel = 0.01,
			};
		}
		for (int k = 0; k < ACC_NTEMPS; k++)
			s->t[f][k] = (struct acc_channel){
				.gain = acc_rng_range(rng, 0.9, 1.1),
				.offset = acc_rng_range(rng, -0.3, 0.3),
				.drift_per_s = acc_rng_range(rng, -0.2, 0.2) /
					       duration_s,
				.noise_abs = 0.03,
			};
	}
}

void acc_sensor_apply(const struct acc_sensor *s, int f, double t,
		      double p[ACC_NZONES], double temp[ACC_NTEMPS],
		      struct acc_rng *rng)
{
	double warming = temp[ACC_T_SHOE] - s->shoe0_c;

	for (int z = 0; z < ACC_NZONES; z++) {
		const struct acc_channel *c = &s->p[f][z];
		double v = p[z];

		p[z] = c->gain * v + c->offset + c->drift_per_s * t +
		       c->temp_coeff * warming +
		       (c->noise_abs + c->noise_rel * v) * acc_rng_gauss(rng);
	}
	for (int k = 0; k < ACC_NTEMPS; k++) {
		const struct acc_channel *c = &s->t[f][k];

		temp[k] = 25.0 + c->gain * (temp[k] - 25.0) + c->offset +
			  c->drift_per_s * t + c->noise_abs * acc_rng_gauss(rng);
	}
}
