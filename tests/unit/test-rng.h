/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The analysis tests' noise: a 64-bit linear congruential generator
 * (Knuth's MMIX constants), so a synthetic stream is the same on every
 * machine and every run. The state is the caller's: a test that replays a
 * scene starts a new one from the same seed.
 */
#ifndef FOOTSOCK_TEST_RNG_H
#define FOOTSOCK_TEST_RNG_H

#include <stdint.h>

struct test_rng {
	uint64_t state;
};

/* Uniform in [0, 1), 53 bits. */
static inline double test_rng_uniform(struct test_rng *r)
{
	r->state = r->state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(r->state >> 11) / 9007199254740992.0;
}

#endif
