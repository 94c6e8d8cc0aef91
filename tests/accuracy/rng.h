/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The accuracy model's random numbers: xoshiro256** (Blackman & Vigna
 * 2018) seeded through splitmix64, so that one seed gives the same
 * recording on every machine. All state is in struct acc_rng.
 */
#ifndef ACC_RNG_H
#define ACC_RNG_H

#include <stdint.h>

struct acc_rng {
	uint64_t s[4];
};

void acc_rng_seed(struct acc_rng *r, uint64_t seed);
uint64_t acc_rng_next(struct acc_rng *r);
/* Uniform in [0, 1). */
double acc_rng_uniform(struct acc_rng *r);
/* Uniform in [lo, hi). */
double acc_rng_range(struct acc_rng *r, double lo, double hi);
/* Standard normal (Box-Muller, one value per call). */
double acc_rng_gauss(struct acc_rng *r);

#endif
