/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: reader of recordings v1 (CONTRACT.md), one foot's rows.
 */
#ifndef FOOTSOCK_EMU_REPLAY_H
#define FOOTSOCK_EMU_REPLAY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "emu.h"

/* The header row of a recording v1. */
extern const char emu_recording_header[];

struct replay_row {
	double time_s;
	int foot;
	double pressure_kpa[EMU_NP];
	double temp_c[EMU_NT];
	uint32_t missing;	/* FOOTSOCK_FAULT_* bits of empty fields */
};

struct replay;

/*
 * Opens PATH and reads up to its first row of FOOT. The rate comes from
 * "# rate_hz=", else from the first two rows' times. Returns 0, or a
 * negative errno with a message in err.
 */
int replay_open(struct replay **rp, const char *path, int foot,
		char *err, size_t errlen);
/*
 * The same on an open stream (closed by replay_close, or here on
 * failure); PATH names it in messages.
 */
int replay_open_file(struct replay **rp, FILE *f, const char *path, int foot,
		     char *err, size_t errlen);
void replay_close(struct replay *r);

double replay_rate(const struct replay *r);
/* A metadata value ("# key=value"), or NULL. */
const char *replay_meta(const struct replay *r, const char *key);
/* The message of the last error. */
const char *replay_error(const struct replay *r);

/* The next row of the foot: 1, 0 at the end, negative errno on error. */
int replay_next_row(struct replay *r, struct replay_row *row);

/*
 * The row nearest to T seconds after the first row (sample and hold
 * over gaps): 1, 0 once T is past the last row, negative errno on error.
 * T must not decrease between calls.
 */
int replay_at(struct replay *r, double t, struct replay_row *row);

/*
 * Parses one data row (no line end) into row. Returns 0, or -EINVAL with
 * a message in err. Exposed for the tests.
 */
int replay_parse_row(char *line, struct replay_row *row, char *err,
		     size_t errlen);

#endif /* FOOTSOCK_EMU_REPLAY_H */
