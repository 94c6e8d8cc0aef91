/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Plantar pressures (zones hallux..heel_lat) of one foot: through the
 * stance of a walking or running step, and while standing.
 */
#ifndef ACC_PLANTAR_H
#define ACC_PLANTAR_H

#include "gait.h"
#include "model.h"
#include "runner.h"

/* Pressures at stance phase x (0..1) of step st, in kPa. */
void acc_plantar_stance(const struct acc_runner *r, int foot,
			const struct acc_step *st, enum acc_cause cause,
			double x, double p[ACC_NPLANTAR]);
/* Standing: share is this foot's share of the body weight (~0.5),
 * fore the forward sway (-1..1); c the planted cause's strength. */
void acc_plantar_stand(const struct acc_runner *r, int foot, double share,
		       double fore, enum acc_cause cause, double c,
		       double p[ACC_NPLANTAR]);
/* A raised-sine bump: 0 before a, rising to 1 at peak p, 0 again at e. */
double acc_bump(double x, double a, double p, double e);

#endif
