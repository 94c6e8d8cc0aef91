/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Skin and in-shoe temperatures of both feet: warming with effort, the
 * toe-to-ankle gradient, and the toe cooling of a compression that
 * restricts the circulation. First-order filters, stepped per sample.
 */
#ifndef ACC_THERMAL_H
#define ACC_THERMAL_H

#include "model.h"
#include "rng.h"
#include "runner.h"

struct acc_thermal {
	double effort;		/* 0 rest .. 1 running, lagged (minutes) */
	double warm;		/* the foot's slower warming */
	double cool[2];		/* toe cooling now, degC, per foot */
	double wander[2][ACC_NTEMPS];	/* slow physiological wander */
	double tau_cool_s;	/* this run's cooling time constant */
	double sock_drop_c;	/* full toe cooling of a tight sock */
	double fit_drop_c;	/* of tight laces / toe box (partial) */
	double foot_offset_c[2];	/* left-right skin difference */
};

void acc_thermal_init(struct acc_thermal *th, struct acc_rng *rng);
/* Advances by dt at activity act; cause and c: as on the given foot. */
void acc_thermal_step(struct acc_thermal *th, double dt, enum acc_activity act,
		      const enum acc_cause cause[2], const double c[2],
		      struct acc_rng *rng);
/* The six sites of foot f, degC. */
void acc_thermal_read(const struct acc_thermal *th, const struct acc_runner *r,
		      int f, double t[ACC_NTEMPS]);

#endif
