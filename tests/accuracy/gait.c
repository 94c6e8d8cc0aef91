// SPDX-License-Identifier: GPL-2.0-or-later
#include "gait.h"

void acc_gait_init(struct acc_gait *g, const struct acc_session *s)
{
	*g = (struct acc_gait){ .next_t = acc_session_next_move(s, 0.0) };
}

static void new_step(struct acc_gait *g, double tn, enum acc_activity act,
		     const struct acc_session *s, const struct acc_runner *r,
		     const struct acc_run *run, struct acc_rng *rng)
{
	int f = g->next_foot;
	struct acc_step *st = &g->last[f];
	bool running = act == ACC_RUN;
	double cad = running ? r->cadence_spm : r->walk_cadence_spm;
	double stride = 120.0 / cad * (1.0 + 0.015 * acc_rng_gauss(rng));
	double frac = running ? r->run_stance_frac : r->walk_stance_frac;

	st->t0 = tn;
	st->act = act;
	st->cause = run->foot == f ? acc_session_intensity(s, tn) : 0.0;
	st->stance_s = frac * stride * (1.0 + 0.02 * acc_rng_gauss(rng));
	/* An overstride lands ahead of the body: longer braking, longer
	 * contact (Heiderscheit et al. 2011). */
	if (run->cause == ACC_OVERSTRIDING && running)
		st->stance_s *= 1.0 + 0.10 * st->cause;
	st->amp = 1.0 + 0.05 * acc_rng_gauss(rng);
	for (int z = 0; z < ACC_NPLANTAR; z++)
		st->jitter[z] = 1.0 + 0.04 * acc_rng_gauss(rng);
	g->have[f] = true;
	g->next_t = tn + 0.5 * stride * (1.0 + 0.01 * acc_rng_gauss(rng));
	g->next_foot ^= 1;
}

void acc_gait_advance(struct acc_gait *g, double t,
		      const struct acc_session *s, const struct acc_runner *r,
		      const struct acc_run *run, struct acc_rng *rng)
{
	while (g->next_t <= t && g->next_t < s->duration_s) {
		double tn = g->next_t;
		enum acc_activity act = acc_session_activity(s, tn);

		if (act == ACC_STAND) {
			g->next_t = acc_session_next_move(s, tn);
			if (g->next_t <= tn)
				g->next_t = s->duration_s;
			/* Both feet were on the ground: no stance goes on. */
			g->have[0] = g->have[1] = false;
			continue;
		}
		new_step(g, tn, act, s, r, run, rng);
	}
}

double acc_gait_phase(const struct acc_gait *g, int f, double t)
{
	const struct acc_step *st = &g->last[f];

	if (!g->have[f] || t < st->t0 || t >= st->t0 + st->stance_s)
		return -1.0;
	return (t - st->t0) / st->stance_s;
}
