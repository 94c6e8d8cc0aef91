/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A run's timeline: standing while the sock settles, a walking warm-up,
 * running, sometimes a standing pause (a traffic light) and a walking
 * cool-down; the planted cause sets in at the onset and grows to full
 * strength over a ramp (laces pulled tighter, a foot swelling in a small
 * shoe, a form that degrades with fatigue).
 */
#ifndef ACC_SESSION_H
#define ACC_SESSION_H

#include "model.h"
#include "rng.h"

struct acc_session {
	double duration_s;
	double stand_end_s;	/* standing from 0 */
	double walk_end_s;	/* walking warm-up, then running */
	double pause_s, pause_end_s;	/* standing pause; equal: none */
	double cooldown_s;	/* walking from here to the end */
	double onset_s, ramp_s;
};

void acc_session_init(struct acc_session *s, const struct acc_run *run,
		      struct acc_rng *rng);
enum acc_activity acc_session_activity(const struct acc_session *s, double t);
/* The first time at or after t when the runner moves; duration if never. */
double acc_session_next_move(const struct acc_session *s, double t);
/* The planted cause's strength at t, 0 before the onset, 1 after the ramp. */
double acc_session_intensity(const struct acc_session *s, double t);

#endif
