/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The steps of both feet: contact times alternating left and right at
 * the runner's cadence (walking or running), each with its stance time,
 * its own amplitude and per-zone variation (step-to-step variability of
 * ~2 % in stride time and ~5 % in peak pressures), and the strength of
 * the planted cause at its contact.
 */
#ifndef ACC_GAIT_H
#define ACC_GAIT_H

#include <stdbool.h>

#include "model.h"
#include "rng.h"
#include "runner.h"
#include "session.h"

struct acc_step {
	double t0;		/* contact */
	double stance_s;
	enum acc_activity act;	/* walking or running */
	double amp;		/* the step's overall loading */
	double jitter[ACC_NPLANTAR];
	double cause;		/* planted cause's strength, this foot */
};

struct acc_gait {
	struct acc_step last[2];
	bool have[2];
	double next_t;
	int next_foot;
};

void acc_gait_init(struct acc_gait *g, const struct acc_session *s);
/* Generates every step that starts at or before t. */
void acc_gait_advance(struct acc_gait *g, double t,
		      const struct acc_session *s, const struct acc_runner *r,
		      const struct acc_run *run, struct acc_rng *rng);
/* The stance phase 0..1 of foot f at t, or -1 in swing. */
double acc_gait_phase(const struct acc_gait *g, int f, double t);

#endif
