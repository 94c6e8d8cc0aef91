/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The importers (daemon/lib/import*.c) as footsockctl analyze drives them
 * (tools/ctl/analyze.c): bytes to lines (fs_lines), lines to frames
 * (fs_import_line, fs_import_last_line for an unterminated last line),
 * frames into the analysis of each foot and out again as v1 rows. The
 * input is read twice, whole and in 7-byte chunks: how bytes are chunked
 * must not change what they mean.
 */
#ifndef FOOTSOCK_FUZZ_IMPORT_H
#define FOOTSOCK_FUZZ_IMPORT_H

#include <errno.h>
#include <math.h>

#include "fuzz.h"
#include "analysis.h"
#include "import.h"
#include "lines.h"

struct fuzz_import {
	struct fs_import im;
	struct fs_params p;
	struct fs_foot *foot[2];
	unsigned long frames;
	int result;
};

static int fuzz_import_line(struct fuzz_import *fi, const char *s, size_t len,
			    int last)
{
	struct fs_frame out[2];
	char row[1024];
	int mask, foot, r;

	mask = last ? fs_import_last_line(&fi->im, s, len, out) :
		      fs_import_line(&fi->im, s, len, out);
	if (mask < 0) {
		fuzz_assert(fi->im.err[0]);
		return mask;
	}
	fuzz_assert(mask <= 3);
	for (foot = 0; foot < 2; foot++) {
		struct fs_state st;

		if (!(mask & (1 << foot)))
			continue;
		fuzz_assert(isfinite(out[foot].t) && out[foot].t >= 0.0);
		if (!fi->foot[foot] && fs_foot_new(&fi->p, &fi->foot[foot]) < 0)
			abort();
		r = fs_foot_feed(fi->foot[foot], &out[foot]);
		if (r < 0)
			return r;
		fi->frames++;
		fs_foot_state(fi->foot[foot], &st);
		fuzz_assert(st.numbness_risk >= -1 && st.numbness_risk <= 100);
		fuzz_assert(st.circulation_restriction >= -1 &&
			    st.circulation_restriction <= 100);
		(void)fs_state_top_cause(&st, &fi->p);
		r = fs_rec_format_row(row, sizeof(row), (enum fs_foot_side)foot,
				      &out[foot]);
		fuzz_assert(r > 0 && (size_t)r < sizeof(row));
	}
	return 0;
}

static int fuzz_import_cb(void *ctx, const char *s, size_t len)
{
	return fuzz_import_line(ctx, s, len, 0);
}

static int fuzz_import_last_cb(void *ctx, const char *s, size_t len)
{
	return fuzz_import_line(ctx, s, len, 1);
}

static void fuzz_import_run(struct fuzz_import *fi, enum fs_format fmt,
			    const uint8_t *data, size_t size, size_t chunk)
{
	struct fs_lines lines;
	size_t off;
	int r = 0;

	memset(fi, 0, sizeof(*fi));
	fs_params_default(&fi->p);
	fs_import_init(&fi->im, fmt);
	if (fs_lines_init(&lines, FS_MAX_LINE) < 0)
		abort();
	for (off = 0; off < size && r >= 0; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;

		r = fs_lines_feed(&lines, (const char *)data + off, n,
				  fuzz_import_cb, fi);
	}
	if (r >= 0)
		r = fs_lines_finish(&lines, fuzz_import_last_cb, fi);
	fs_lines_free(&lines);
	fs_foot_free(fi->foot[0]);
	fs_foot_free(fi->foot[1]);
	fi->result = r;
}

static inline int fuzz_import(enum fs_format fmt, const uint8_t *data,
			      size_t size)
{
	struct fuzz_import whole, chunked;

	fuzz_import_run(&whole, fmt, data, size, size ? size : 1);
	fuzz_import_run(&chunked, fmt, data, size, 7);
	fuzz_assert(whole.result == chunked.result);
	fuzz_assert(whole.frames == chunked.frames);
	fuzz_assert(whole.im.line == chunked.im.line);
	fuzz_assert(whole.im.torn == chunked.im.torn);
	fuzz_assert(!strcmp(whole.im.err, chunked.im.err));
	return 0;
}

#endif
