/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text arriving in chunks of any size to whole lines, with a bounded
 * buffer: a line longer than the bound is an error, not an allocation.
 * The one line splitter of the recording readers, so that how the bytes
 * are chunked cannot change what they mean.
 */
#ifndef FOOTSOCK_LINES_H
#define FOOTSOCK_LINES_H

#include <stddef.h>

/* Called once per line, without its "\n" (nor a "\r" before it). */
typedef int (*fs_line_fn)(void *ctx, const char *line, size_t len);

struct fs_lines {
	char *buf;
	size_t cap;		/* the longest line accepted */
	size_t have;		/* bytes of the current, unfinished line */
	unsigned long long total;	/* bytes fed so far */
};

/* Allocates the buffer once; -ENOMEM. */
int fs_lines_init(struct fs_lines *l, size_t max_line);
void fs_lines_free(struct fs_lines *l);

/*
 * Feed the next chunk. Calls fn for each line it completes and stops at
 * the first negative return of fn, which it returns; -E2BIG when a line
 * exceeds max_line (the line is then the one after the last completed).
 */
int fs_lines_feed(struct fs_lines *l, const char *chunk, size_t n,
		  fs_line_fn fn, void *ctx);

/* End of input: the last line, if it had no "\n". */
int fs_lines_finish(struct fs_lines *l, fs_line_fn fn, void *ctx);

#endif
