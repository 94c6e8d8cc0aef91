// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <math.h>

#include "dropout.h"
#include "fit.h"
#include "gait.h"
#include "generate.h"
#include "plantar.h"
#include "rng.h"
#include "runner.h"
#include "sensor.h"
#include "session.h"
#include "thermal.h"
#include "writer.h"

/* Everything one recording needs, kept together. */
struct gen {
	struct acc_runner r;
	struct acc_rng rng;
	struct acc_session s;
	struct acc_gait g;
	struct acc_fit fit;
	struct acc_thermal th;
	struct acc_sensor sensor;
	struct acc_dropout drop;
	double sway_phase[2];
};

/* Each channel's resting reading: the offset scale of its sensor. */
static void resting(const struct gen *gn, double ref[2][ACC_NZONES])
{
	for (int f = 0; f < 2; f++) {
		acc_plantar_stand(&gn->r, f, 0.5, 0.0, ACC_HEALTHY, 0.0, ref[f]);
		acc_fit_pressures(&gn->fit, &gn->r, f, ACC_STAND, -1.0,
				  ACC_HEALTHY, 0.0, ref[f]);
	}
}

static void true_pressures(struct gen *gn, int f, double t,
			   enum acc_activity act, enum acc_cause cause,
			   double c, double p[ACC_NZONES])
{
	double x = -1.0;

	if (act == ACC_STAND) {
		/* Weight shifts between the feet and fore and aft. */
		double share = 0.5 + 0.06 * sin(2.0 * M_PI * t / 9.0 +
						gn->sway_phase[0]) +
			       0.03 * sin(2.0 * M_PI * t / 3.1);
		double fore = 0.5 * sin(2.0 * M_PI * t / 6.3 +
					gn->sway_phase[1]);

		if (f)
			share = 1.0 - share;
		acc_plantar_stand(&gn->r, f, share, fore, cause, c, p);
	} else {
		x = acc_gait_phase(&gn->g, f, t);
		if (x >= 0.0) {
			const struct acc_step *st = &gn->g.last[f];

			acc_plantar_stance(&gn->r, f, st, cause, x, p);
		} else {
			/* In the air: the sock's own light contact. */
			for (int z = 0; z < ACC_NPLANTAR; z++)
				p[z] = 0.2;
		}
	}
	acc_fit_pressures(&gn->fit, &gn->r, f, act, x, cause, c, p);
}

int acc_generate(const struct acc_run *run, FILE *out)
{
	struct gen gn = { 0 };
	double ref[2][ACC_NZONES];

	if (acc_runner_get(run->runner, &gn.r) < 0 || run->rate_hz < 1.0 ||
	    run->rate_hz > 2000.0 || !(run->duration_s > 0.0) ||
	    run->duration_s > 86400.0)
		return -EINVAL;
	acc_rng_seed(&gn.rng, run->seed);
	acc_session_init(&gn.s, run, &gn.rng);
	acc_gait_init(&gn.g, &gn.s);
	acc_fit_init(&gn.fit, &gn.rng);
	acc_thermal_init(&gn.th, &gn.rng);
	resting(&gn, ref);
	acc_sensor_init(&gn.sensor, ref, run->duration_s, gn.r.shoe_c,
			&gn.rng);
	acc_dropout_init(&gn.drop, run->duration_s, &gn.rng);
	gn.sway_phase[0] = acc_rng_range(&gn.rng, 0.0, 2.0 * M_PI);
	gn.sway_phase[1] = acc_rng_range(&gn.rng, 0.0, 2.0 * M_PI);

	if (acc_write_header(out, run) < 0)
		return -EIO;
	double dt = 1.0 / run->rate_hz;
	long n = lround(run->duration_s * run->rate_hz);

	for (long i = 0; i < n; i++) {
		double t = (double)i * dt;
		enum acc_activity act = acc_session_activity(&gn.s, t);
		enum acc_cause cause[2] = { ACC_HEALTHY, ACC_HEALTHY };
		double c[2] = { 0.0, 0.0 };

		if (run->foot >= 0) {
			cause[run->foot] = run->cause;
			c[run->foot] = acc_session_intensity(&gn.s, t);
		}
		acc_gait_advance(&gn.g, t, &gn.s, &gn.r, run, &gn.rng);
		acc_thermal_step(&gn.th, dt, act, cause, c, &gn.rng);
		for (int f = 0; f < 2; f++) {
			double p[ACC_NZONES], temp[ACC_NTEMPS];

			true_pressures(&gn, f, t, act, cause[f], c[f], p);
			acc_thermal_read(&gn.th, &gn.r, f, temp);
			acc_sensor_apply(&gn.sensor, f, t, p, temp, &gn.rng);
			if (acc_dropout_row(&gn.drop, f, t))
				continue;
			for (int z = 0; z < ACC_NZONES; z++)
				if (acc_dropout_value(&gn.drop, &gn.rng))
					p[z] = NAN;
			for (int k = 0; k < ACC_NTEMPS; k++)
				if (acc_dropout_value(&gn.drop, &gn.rng))
					temp[k] = NAN;
			if (acc_write_row(out, t, f, p, temp) < 0)
				return -EIO;
		}
	}
	return ferror(out) ? -EIO : 0;
}
