/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: where samples come from (the running model, the test
 * pattern or a replayed recording), in raw counts.
 */
#ifndef FOOTSOCK_EMU_SOURCE_H
#define FOOTSOCK_EMU_SOURCE_H

#include <stdint.h>

#include "emu.h"
#include "model.h"
#include "replay.h"

enum emu_source_kind {
	EMU_SRC_MODEL,
	EMU_SRC_PATTERN,
	EMU_SRC_REPLAY,
};

struct emu_source {
	enum emu_source_kind kind;
	const struct emu_calib *calib;
	struct model model;
	struct replay *replay;	/* owned */
	double t;		/* source time, seconds */
	uint64_t samples;
};

void source_init_model(struct emu_source *s, const struct model_params *p,
		       const struct emu_calib *calib);
void source_init_pattern(struct emu_source *s, const struct emu_calib *calib);
/* Takes ownership of r. */
void source_init_replay(struct emu_source *s, struct replay *r,
			const struct emu_calib *calib);
void source_free(struct emu_source *s);

/*
 * The next sample; seq is the frame's sequence number (the pattern is a
 * function of it), dt the time to the next sample. Returns 1, 0 when the
 * source has ended (a replay), negative errno on error.
 */
int source_next(struct emu_source *s, uint32_t seq, double dt,
		struct emu_sample *out);

/* The test pattern of frame seq (docs/emulator.md). */
void emu_pattern_sample(uint32_t seq, struct emu_sample *out);

#endif /* FOOTSOCK_EMU_SOURCE_H */
