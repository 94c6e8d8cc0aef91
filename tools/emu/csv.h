/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: writes a source's output as a recording v1, no USB.
 */
#ifndef FOOTSOCK_EMU_CSV_H
#define FOOTSOCK_EMU_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "source.h"

struct csv_meta {
	const char *scenario;	/* scenario name, or "replay" */
	const char *scenario_right;	/* the right foot's, or NULL: the same */
	const char *replay;	/* the replayed file, or NULL */
	double onset_s;
	double relief_s;	/* 0: no --relief */
	double weight_kg;
	double cadence_spm;
	uint64_t seed;
};

/*
 * Writes up to max_frames rows per foot (fewer when a source ends) to
 * PATH ("-": stdout); src[i] produces the rows of foot[i], interleaved
 * frame by frame. Returns 0, or a negative errno with a message in err.
 */
int csv_write(const char *path, struct emu_source *const src[],
	      const int foot[], int nfeet, unsigned int rate,
	      uint64_t max_frames, const struct csv_meta *meta,
	      char *err, size_t errlen);

/*
 * Formats one row (with its line end) into buf, which must hold at least
 * EMU_CSV_ROW_MAX bytes; returns its length.
 */
#define EMU_CSV_ROW_MAX	512
size_t csv_format_row(char *buf, uint64_t k, unsigned int rate, int foot,
		      const struct emu_calib *calib,
		      const struct emu_sample *s);

#endif /* FOOTSOCK_EMU_CSV_H */
