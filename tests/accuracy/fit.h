/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The non-weight-bearing zones of one foot (dorsum, toebox_top/med/lat,
 * tarsal_tunnel, cuff): what the shoe's upper, the laces and the sock
 * press on the foot, through stance, in swing and standing, and what a
 * planted fit cause (or overpronation at the tarsal tunnel) adds.
 */
#ifndef ACC_FIT_H
#define ACC_FIT_H

#include "gait.h"
#include "model.h"
#include "rng.h"
#include "runner.h"

/* The planted cause's full-strength pressures of this run, kPa. */
struct acc_fit {
	double laces_kpa;	/* added to the dorsum floor */
	double toebox_side_kpa;	/* added to toebox_med/lat */
	double toebox_top_kpa;
	double cuff_kpa;	/* added to the sock band */
	double tarsal_kpa;	/* added to the tarsal tunnel in stance */
};

void acc_fit_init(struct acc_fit *fit, struct acc_rng *rng);
/*
 * Fills p[ACC_Z_DORSUM..ACC_Z_CUFF]. x: stance phase 0..1, or -1 in swing;
 * act: the activity (ACC_STAND: standing); cause and c: the planted cause
 * on this foot and its strength (ACC_HEALTHY, 0 on a healthy foot).
 */
void acc_fit_pressures(const struct acc_fit *fit, const struct acc_runner *r,
		       int foot, enum acc_activity act, double x,
		       enum acc_cause cause, double c, double p[ACC_NZONES]);

#endif
