// SPDX-License-Identifier: GPL-2.0-or-later
#include "session.h"

void acc_session_init(struct acc_session *s, const struct acc_run *run,
		      struct acc_rng *rng)
{
	double d = run->duration_s;

	s->duration_s = d;
	s->stand_end_s = acc_rng_range(rng, 15.0, 40.0);
	s->walk_end_s = s->stand_end_s + acc_rng_range(rng, 60.0, 150.0);
	s->pause_s = s->pause_end_s = d;
	s->cooldown_s = d;
	if (d >= 300.0) {
		if (acc_rng_uniform(rng) < 0.5) {
			s->pause_s = acc_rng_range(rng, s->walk_end_s + 60.0,
						   d - 120.0);
			s->pause_end_s = s->pause_s +
					 acc_rng_range(rng, 15.0, 40.0);
		}
		if (acc_rng_uniform(rng) < 0.5)
			s->cooldown_s = d - acc_rng_range(rng, 30.0, 60.0);
	}
	s->onset_s = run->onset_s;
	s->ramp_s = acc_rng_range(rng, 20.0, 60.0);
}

enum acc_activity acc_session_activity(const struct acc_session *s, double t)
{
	if (t < s->stand_end_s || (t >= s->pause_s && t < s->pause_end_s))
		return ACC_STAND;
	if (t < s->walk_end_s || t >= s->cooldown_s)
		return ACC_WALK;
	return ACC_RUN;
}

double acc_session_next_move(const struct acc_session *s, double t)
{
	if (t < s->stand_end_s)
		return s->stand_end_s;
	if (t >= s->pause_s && t < s->pause_end_s)
		return s->pause_end_s;
	return t < s->duration_s ? t : s->duration_s;
}

double acc_session_intensity(const struct acc_session *s, double t)
{
	if (s->onset_s < 0.0 || t < s->onset_s)
		return 0.0;
	if (t >= s->onset_s + s->ramp_s)
		return 1.0;
	return (t - s->onset_s) / s->ramp_s;
}
