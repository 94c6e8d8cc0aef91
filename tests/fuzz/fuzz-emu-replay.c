// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu's reader of recordings v1 (tools/emu/replay.c), as
 * --replay FILE uses it: for each foot, open the input (fmemopen), take
 * the rate, and stream it with replay_at() at the emulator's step as
 * source.c does; then read it again row by row. Rows carry finite values
 * of the foot asked for; the rate is positive.
 */
#include <math.h>

#include "fuzz.h"
#include "replay.h"

/* Bounds the sample-and-hold over a gap of hours in a small input. */
#define MAX_STEPS 20000

static void check_row(const struct replay_row *row, int foot)
{
	int i;

	fuzz_assert(row->foot == foot);
	fuzz_assert(isfinite(row->time_s));
	for (i = 0; i < EMU_NP; i++)
		fuzz_assert(isfinite(row->pressure_kpa[i]));
	for (i = 0; i < EMU_NT; i++)
		fuzz_assert(isfinite(row->temp_c[i]));
}

static struct replay *open_buf(char *buf, size_t size, int foot)
{
	struct replay *r;
	char err[512] = "";
	FILE *f;

	f = fmemopen(buf, size, "r");
	if (!f)
		abort();
	if (replay_open_file(&r, f, "fuzz.csv", foot, err, sizeof(err)) < 0) {
		fuzz_assert(err[0] && !r);
		return NULL;
	}
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int feet[] = { FOOTSOCK_FOOT_LEFT, FOOTSOCK_FOOT_RIGHT };
	struct replay_row row;
	struct replay *r;
	unsigned int i, k;
	char *buf;
	int ret = 0;

	if (!size)
		return 0;	/* fmemopen needs a buffer */
	buf = malloc(size);
	if (!buf)
		abort();
	memcpy(buf, data, size);
	for (k = 0; k < 2; k++) {
		double rate;

		r = open_buf(buf, size, feet[k]);
		if (!r)
			continue;
		rate = replay_rate(r);
		fuzz_assert(rate > 0.0 && !isnan(rate));
		(void)replay_meta(r, "subject");
		for (i = 0; i < MAX_STEPS; i++) {
			ret = replay_at(r, i / 200.0, &row);
			if (ret <= 0)
				break;
			check_row(&row, feet[k]);
		}
		fuzz_assert(ret >= 0 || replay_error(r)[0]);
		replay_close(r);

		r = open_buf(buf, size, feet[k]);
		fuzz_assert(r);	/* the same bytes open the same way */
		while ((ret = replay_next_row(r, &row)) > 0)
			check_row(&row, feet[k]);
		replay_close(r);
	}
	free(buf);
	return 0;
}
