/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The subjects: body weight, cadences, stance fractions, foot-strike
 * pattern, per-zone pressure profile and shoe fit, per foot. A runner's
 * profile depends on the runner alone (the same person in every run of
 * the matrix); the run's seed varies only the noise, sensors and timing.
 */
#ifndef ACC_RUNNER_H
#define ACC_RUNNER_H

#include "model.h"

#define ACC_NRUNNERS 6

struct acc_runner {
	const char *id;
	double weight_kg;
	double cadence_spm;		/* running, both feet */
	double walk_cadence_spm;
	double run_stance_frac;		/* contact time / stride time */
	double walk_stance_frac;
	double strike;			/* 0 rearfoot .. 1 midfoot strike */
	double rate_hz;			/* the sock's sample rate */
	/* Per foot (0 left, 1 right). */
	double zone_gain[2][ACC_NPLANTAR];	/* the pressure profile */
	double dorsum_kpa[2];		/* well-fitting floor under the laces */
	double toebox_kpa[2][3];	/* top, medial, lateral */
	double tarsal_kpa[2];
	double cuff_kpa[2];		/* an ordinary sock band */
	double toe_gradient_c[2];	/* ankle minus toe at rest */
	double ankle_c;			/* skin above the cuff at rest */
	double skin_c;			/* plantar and dorsal skin at rest */
	double shoe_c;			/* in-shoe air at the start */
};

/* Fills *r for runner index 0..ACC_NRUNNERS-1; -EINVAL otherwise. */
int acc_runner_get(int index, struct acc_runner *r);

#endif
