// SPDX-License-Identifier: GPL-2.0-or-later
#include "dropout.h"

void acc_dropout_init(struct acc_dropout *d, double duration_s,
		      struct acc_rng *rng)
{
	*d = (struct acc_dropout){ .value_p = 1e-4 };
	if (duration_s < 30.0)
		return;
	d->n = 3 + (int)(acc_rng_uniform(rng) * (ACC_MAX_GAPS - 2));
	for (int i = 0; i < d->n; i++) {
		double u = acc_rng_uniform(rng), len;

		if (u < 0.70)
			len = acc_rng_range(rng, 0.05, 0.5);
		else if (u < 0.95)
			len = acc_rng_range(rng, 0.5, 3.0);
		else
			len = acc_rng_range(rng, 5.0, 15.0);
		d->start[i] = acc_rng_range(rng, 5.0, duration_s - 20.0);
		d->end[i] = d->start[i] + len;
		u = acc_rng_uniform(rng);
		d->mask[i] = u < 0.5 ? 3u : u < 0.75 ? 1u : 2u;
	}
}

bool acc_dropout_row(const struct acc_dropout *d, int f, double t)
{
	for (int i = 0; i < d->n; i++)
		if ((d->mask[i] & (1u << f)) && t >= d->start[i] &&
		    t < d->end[i])
			return true;
	return false;
}

bool acc_dropout_value(const struct acc_dropout *d, struct acc_rng *rng)
{
	return acc_rng_uniform(rng) < d->value_p;
}
