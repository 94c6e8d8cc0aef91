/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text recordings to frames, one line at a time: footsock recording v1,
 * Moticon OpenGo text exports, PhysioNet gaitpdb. No I/O here: the caller
 * reads the lines (without the newline) and feeds them in order. Errors
 * name the 1-based field (column) of the offending line.
 */
#ifndef FOOTSOCK_IMPORT_H
#define FOOTSOCK_IMPORT_H

#include <stddef.h>

#include "analysis.h"

enum fs_format { FS_FMT_AUTO, FS_FMT_FOOTSOCK, FS_FMT_MOTICON, FS_FMT_GAITPDB };

extern const char *const fs_format_names[4];

#define FS_REC_COLUMNS 24
#define FS_MAX_LINE 65536	/* longer lines are an error */

struct fs_import {
	enum fs_format fmt;
	unsigned long line;		/* lines fed so far */
	int err_col;			/* 1-based field of the error, 0: line */
	char err[160];
	int header_seen;
	int have_t[2];
	double last_t[2];
	double first_t, end_t;		/* time span of the data */
	int have_time;
	double rate_hz;			/* from metadata, 0 if unknown */
	char subject[65];		/* footsockd allows 64 bytes */
	int torn;			/* the last line was dropped as torn */
};

/* Parse a format name ("auto", "footsock", ...); -EINVAL if unknown. */
int fs_format_parse(const char *name, enum fs_format *fmt);

/* Guess the format from the first line of a file; FS_FMT_AUTO if unknown. */
enum fs_format fs_format_detect(const char *line, size_t len);

void fs_import_init(struct fs_import *im, enum fs_format fmt);

/*
 * Parse one line. On success returns a mask of the feet the line holds a
 * frame for (bit FS_LEFT, bit FS_RIGHT) in out[FS_LEFT], out[FS_RIGHT]; 0 for
 * comments, metadata, headers and blank lines. On error a negative errno
 * and im->err, im->err_col describe it.
 */
int fs_import_line(struct fs_import *im, const char *line, size_t len,
		   struct fs_frame out[2]);

/*
 * The last line of the input when it has no newline: a line cut short by
 * a crash or a full disk (footsockd and footsock-emu end every line).
 * Parsed like any line, but when it does not parse, or when it is a v1
 * data row (whose last value may be cut short and still be a number), it
 * is a torn line: dropped, 0 returned, im->torn set and im->err, err_col
 * saying what was wrong, so that the caller warns and keeps the rest.
 */
int fs_import_last_line(struct fs_import *im, const char *line, size_t len,
			struct fs_frame out[2]);

/* Format one frame as a recording v1 row; returns snprintf's length. */
int fs_rec_format_row(char *buf, size_t n, enum fs_foot_side foot,
		      const struct fs_frame *fr);
/* The v1 header row (no newline). */
extern const char fs_rec_header[];

/* internal to the importers */
struct fs_fields {
	const char *s[64];
	size_t len[64];
	int n;			/* fields found; > 64: too many (counted) */
};
void fs_split(const char *line, size_t len, char sep, struct fs_fields *f);
int fs_field_number(struct fs_import *im, const struct fs_fields *f, int i,
		    double *v);
int fs_import_error(struct fs_import *im, int col, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int fs_import_time(struct fs_import *im, int foot, double t, int col);
int fs_footsock_line(struct fs_import *im, const char *line, size_t len,
		     struct fs_frame out[2]);
int fs_moticon_line(struct fs_import *im, const char *line, size_t len,
		    struct fs_frame out[2]);
int fs_gaitpdb_line(struct fs_import *im, const char *line, size_t len,
		    struct fs_frame out[2]);

#endif
