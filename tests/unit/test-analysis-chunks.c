// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The result does not depend on how the input is chunked: a recording fed
 * through the line splitter (daemon/lib/lines.c) and the importer in
 * chunks of 1, 7, 4093 bytes, random sizes or all at once ends in the same
 * state, byte for byte, for both feet. And the splitter's own edges: CRLF,
 * a last line without a newline, a line over the bound.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "analysis.h"
#include "import.h"
#include "lines.h"

#define EMU "build/bin/footsock-emu"

struct feed {
	struct fs_import im;
	struct fs_foot *foot[2];
	unsigned long frames;
	int error;
};

static int feed_line(void *ctx, const char *line, size_t len)
{
	struct feed *fd = ctx;
	struct fs_frame out[2];
	int mask, i, r;

	mask = fs_import_line(&fd->im, line, len, out);
	if (mask < 0)
		return fd->error = mask;
	for (i = 0; i < 2; i++) {
		if (!(mask & (1 << i)))
			continue;
		if (!fd->foot[i]) {
			r = fs_foot_new(NULL, &fd->foot[i]);
			if (r < 0)
				return fd->error = r;
		}
		r = fs_foot_feed(fd->foot[i], &out[i]);
		if (r < 0)
			return fd->error = r;
		fd->frames++;
	}
	return 0;
}

/* chunk 0: random sizes from 1 to 9000 bytes (fixed seed). */
static int run_chunked(const char *text, size_t len, size_t chunk,
		       struct feed *fd, struct fs_state st[2])
{
	struct fs_lines lines;
	unsigned int seed = 12345;
	size_t off = 0, n;
	int r, i;

	memset(fd, 0, sizeof(*fd));
	fs_import_init(&fd->im, FS_FMT_AUTO);
	r = fs_lines_init(&lines, FS_MAX_LINE);
	if (r < 0)
		return r;
	while (off < len) {
		n = chunk ? chunk : 1 + (size_t)(rand_r(&seed) % 9000);
		if (n > len - off)
			n = len - off;
		r = fs_lines_feed(&lines, text + off, n, feed_line, fd);
		if (r < 0)
			break;
		off += n;
	}
	if (r >= 0)
		r = fs_lines_finish(&lines, feed_line, fd);
	fs_lines_free(&lines);
	memset(st, 0, 2 * sizeof(*st));
	for (i = 0; i < 2; i++) {
		if (fd->foot[i])
			fs_foot_state(fd->foot[i], &st[i]);
		fs_foot_free(fd->foot[i]);
	}
	return r;
}

TEST(result_does_not_depend_on_chunking)
{
	static const size_t chunks[] = { 1, 7, 4093, 0 };
	char dir[] = "/tmp/fs-chunks-XXXXXX", path[64], cmd[256];
	struct fs_state whole[2], st[2];
	struct feed fd;
	char *text;
	long len;
	FILE *f;
	size_t i;

	if (access(EMU, X_OK))
		SKIP(return, "%s not built", EMU);
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/run.csv", dir);
	snprintf(cmd, sizeof(cmd), EMU " --csv %s --scenario tight_laces --foot both"
		 " --duration 240 --onset 30 --seed 4", path);
	ASSERT_EQ(0, system(cmd));

	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(0, fseek(f, 0, SEEK_END));
	len = ftell(f);
	rewind(f);
	text = malloc((size_t)len);
	ASSERT_NE(NULL, text);
	ASSERT_EQ((size_t)len, fread(text, 1, (size_t)len, f));
	fclose(f);
	unlink(path);
	rmdir(dir);

	ASSERT_EQ(0, run_chunked(text, (size_t)len, (size_t)len, &fd, whole));
	ASSERT_EQ(2UL * 240 * 200, fd.frames);
	EXPECT_GE(whole[FS_LEFT].cause_score_max[FS_C_TIGHT_LACES], 0.5);

	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		ASSERT_EQ(0, run_chunked(text, (size_t)len, chunks[i], &fd, st));
		EXPECT_EQ(2UL * 240 * 200, fd.frames);
		EXPECT_MSG(!memcmp(&whole[FS_LEFT], &st[FS_LEFT], sizeof(st[0])),
			   "left differs with chunks of %zu", chunks[i]);
		EXPECT_MSG(!memcmp(&whole[FS_RIGHT], &st[FS_RIGHT], sizeof(st[0])),
			   "right differs with chunks of %zu", chunks[i]);
	}
	free(text);
}

struct collect {
	char got[4][16];
	int n;
};

static int collect_line(void *ctx, const char *line, size_t len)
{
	struct collect *c = ctx;

	if (c->n == 4 || len >= sizeof(c->got[0]))
		return -ENOSPC;
	memcpy(c->got[c->n], line, len);
	c->got[c->n][len] = '\0';
	c->n++;
	return 0;
}

TEST(splitter_edges)
{
	static const char text[] = "a,b\r\n\nlast";
	struct fs_lines lines;
	struct collect c = { 0 };

	ASSERT_EQ(0, fs_lines_init(&lines, 8));
	EXPECT_EQ(0, fs_lines_feed(&lines, text, 3, collect_line, &c));
	EXPECT_EQ(0, c.n);
	EXPECT_EQ(0, fs_lines_feed(&lines, text + 3, sizeof(text) - 4,
				   collect_line, &c));
	EXPECT_EQ(2, c.n);
	EXPECT_EQ(0, fs_lines_finish(&lines, collect_line, &c));
	ASSERT_EQ(3, c.n);
	EXPECT_STREQ("a,b", c.got[0]);
	EXPECT_STREQ("", c.got[1]);
	EXPECT_STREQ("last", c.got[2]);

	/* Nine bytes without a newline do not fit a bound of eight. */
	EXPECT_EQ(-E2BIG, fs_lines_feed(&lines, "123456789", 9, collect_line, &c));
	fs_lines_free(&lines);
}

TEST_HARNESS_MAIN
