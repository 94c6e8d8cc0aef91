/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: a small deterministic PRNG (xoshiro256**, seeded with
 * splitmix64; Blackman & Vigna, https://prng.di.unimi.it/), so that a run
 * is reproducible from --seed on every libc.
 */
#ifndef FOOTSOCK_EMU_RNG_H
#define FOOTSOCK_EMU_RNG_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

struct emu_rng {
	uint64_t s[4];
	double spare;		/* second value of the last Box-Muller pair */
	bool has_spare;
};

static inline uint64_t emu_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline void emu_rng_seed(struct emu_rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = emu_splitmix64(&seed);
	r->has_spare = false;
	r->spare = 0.0;
}

static inline uint64_t emu_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t emu_rng_next(struct emu_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = emu_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = emu_rotl(s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
static inline double emu_rng_uniform(struct emu_rng *r)
{
	return (double)(emu_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Standard normal (Box-Muller, polar form). */
static inline double emu_rng_gauss(struct emu_rng *r)
{
	double u, v, s, f;

	if (r->has_spare) {
		r->has_spare = false;
		return r->spare;
	}
	do {
		u = 2.0 * emu_rng_uniform(r) - 1.0;
		v = 2.0 * emu_rng_uniform(r) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	f = sqrt(-2.0 * log(s) / s);
	r->spare = v * f;
	r->has_spare = true;
	return u * f;
}

#endif /* FOOTSOCK_EMU_RNG_H */
