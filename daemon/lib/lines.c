// SPDX-License-Identifier: GPL-2.0-or-later
/* Chunks to lines with a bounded buffer; see lines.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"

int fs_lines_init(struct fs_lines *l, size_t max_line)
{
	memset(l, 0, sizeof(*l));
	l->buf = malloc(max_line);
	if (!l->buf)
		return -ENOMEM;
	l->cap = max_line;
	return 0;
}

void fs_lines_free(struct fs_lines *l)
{
	free(l->buf);
	l->buf = NULL;
}

static int emit(const char *s, size_t len, fs_line_fn fn, void *ctx)
{
	if (len && s[len - 1] == '\r')
		len--;
	return fn(ctx, s, len);
}

int fs_lines_feed(struct fs_lines *l, const char *chunk, size_t n,
		  fs_line_fn fn, void *ctx)
{
	const char *nl;
	size_t len;
	int r;

	l->total += n;
	while (n) {
		nl = memchr(chunk, '\n', n);
		len = nl ? (size_t)(nl - chunk) : n;
		if (l->have + len > l->cap)
			return -E2BIG;
		if (!nl) {
			/* An unfinished line: keep it for the next chunk. */
			memcpy(l->buf + l->have, chunk, len);
			l->have += len;
			return 0;
		}
		if (l->have) {
			memcpy(l->buf + l->have, chunk, len);
			r = emit(l->buf, l->have + len, fn, ctx);
			l->have = 0;
		} else {
			/* The whole line is in the chunk: no copy. */
			r = emit(chunk, len, fn, ctx);
		}
		if (r < 0)
			return r;
		chunk += len + 1;
		n -= len + 1;
	}
	return 0;
}

int fs_lines_finish(struct fs_lines *l, fs_line_fn fn, void *ctx)
{
	size_t len = l->have;

	if (!len)
		return 0;
	l->have = 0;
	return emit(l->buf, len, fn, ctx);
}
