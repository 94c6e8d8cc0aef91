/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the analysis tests: run a file through an importer and the
 * analysis, a line at a time, as footsockctl does.
 */
#ifndef FOOTSOCK_TEST_ANALYSIS_UTIL_H
#define FOOTSOCK_TEST_ANALYSIS_UTIL_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "import.h"

struct run {
	struct fs_foot *foot[2];
	struct fs_state st[2];
	double first_warning[2];	/* time level first reached warning, -1 */
	int err_line;
};

/* Returns 0, or a negative errno (import error: run->err_line set). */
static inline int run_file(const char *path, enum fs_format fmt,
			   const struct fs_params *p, struct run *run)
{
	struct fs_import im;
	struct fs_frame out[2];
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int foot, mask, r = 0;
	FILE *f;

	memset(run, 0, sizeof(*run));
	run->first_warning[0] = run->first_warning[1] = -1.0;
	f = fopen(path, "r");
	if (!f)
		return -errno;
	fs_import_init(&im, fmt);
	while ((n = getline(&line, &cap, f)) >= 0) {
		if (n && line[n - 1] == '\n')
			n--;
		mask = fs_import_line(&im, line, (size_t)n, out);
		if (mask < 0) {
			fprintf(stderr, "%s:%lu:%d: %s\n", path, im.line, im.err_col, im.err);
			run->err_line = (int)im.line;
			r = mask;
			break;
		}
		for (foot = 0; foot < 2; foot++) {
			if (!(mask & (1 << foot)))
				continue;
			if (!run->foot[foot]) {
				r = fs_foot_new(p, &run->foot[foot]);
				if (r < 0)
					goto out;
			}
			r = fs_foot_feed(run->foot[foot], &out[foot]);
			if (r < 0)
				goto out;
			if ((r & FS_EV_LEVEL) && run->first_warning[foot] < 0) {
				fs_foot_state(run->foot[foot], &run->st[foot]);
				if (run->st[foot].level >= FS_LEVEL_WARNING)
					run->first_warning[foot] = out[foot].t;
			}
			r = 0;
		}
	}
	for (foot = 0; foot < 2; foot++)
		if (run->foot[foot])
			fs_foot_state(run->foot[foot], &run->st[foot]);
out:
	free(line);
	fclose(f);
	return r;
}

static inline void run_free(struct run *run)
{
	fs_foot_free(run->foot[0]);
	fs_foot_free(run->foot[1]);
}

/* The cause with the highest session score. */
static inline int top_cause_max(const struct fs_state *st)
{
	int c, best = 0;

	for (c = 1; c < FS_NCAUSES; c++)
		if (st->cause_score_max[c] > st->cause_score_max[best])
			best = c;
	return best;
}

#endif
