// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd --replay: a recording (any format footsockctl analyze reads)
 * fed to socks in place of IIO devices, paced by a timer at the file's own
 * time scaled by --replay-speed. The file is read in small chunks through
 * the library's bounded line splitter (the one footsockctl analyze uses),
 * so a line is what it is there and memory stays bounded; the frames of a
 * chunk wait in a queue until their time comes.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "journal.h"
#include "lines.h"
#include "manager.h"
#include "replay.h"
#include "sock.h"
#include "util.h"

#define REPLAY_PERIOD_USEC 20000
#define REPLAY_MAX_FRAMES 20000	/* per timer tick: keep the loop responsive */
#define REPLAY_CHUNK 1024	/* bytes read at a time */

/* A frame read from the file, waiting for its time. */
struct queued_frame {
	struct fs_frame fr;
	int foot;
};

struct replay {
	struct manager *m;
	FILE *f;
	char *path;
	struct fs_import im;
	struct fs_lines lines;
	/* frames of the last chunk: at most two per line, so 2 * chunk */
	struct queued_frame *queue;
	size_t queue_len, queue_head;
	bool eof;
	sd_event_source *timer;
	double speed;
	uint64_t start_usec;
	double t0;
	bool have_t0;
	struct sock *sock[2];
	bool done;
};

struct replay *replay_free(struct replay *r)
{
	if (!r)
		return NULL;
	r->timer = sd_event_source_disable_unref(r->timer);
	if (r->f)
		fclose(r->f);
	fs_lines_free(&r->lines);
	free(r->queue);
	free(r->path);
	free(r);
	return NULL;
}

static int replay_sock(struct replay *r, int foot, struct sock **out)
{
	struct sock *s;
	int k;

	if (r->sock[foot]) {
		*out = r->sock[foot];
		return 0;
	}
	k = sock_new_replay(r->m, (enum fs_foot_side)foot,
			    r->im.rate_hz > 0 && r->im.rate_hz < 100000 ?
			    (unsigned int)r->im.rate_hz : 0, &s);
	if (k < 0)
		return k;
	k = manager_add_sock(r->m, s);
	if (k < 0) {
		sock_free(s);
		return k;
	}
	r->sock[foot] = s;
	*out = s;
	return 0;
}

static void replay_end(struct replay *r, const char *why)
{
	int foot;

	r->done = true;
	sd_event_source_set_enabled(r->timer, SD_EVENT_OFF);
	for (foot = 0; foot < 2; foot++)
		if (r->sock[foot])
			sock_detach(r->sock[foot], why);
}

/* One line of the file into the queue; last: the file's last, without a
 * newline (it may be torn). */
static int replay_one(struct replay *r, const char *line, size_t len,
		      bool last)
{
	struct fs_frame out[2];
	int foot, mask;

	mask = last ? fs_import_last_line(&r->im, line, len, out) :
		      fs_import_line(&r->im, line, len, out);
	if (mask < 0) {
		journal_error(r->m, mask, "%s:%lu: field %d: %s", r->path,
			      r->im.line, r->im.err_col, r->im.err);
		return mask;
	}
	if (r->im.torn)
		journal_error(r->m, 0, "%s:%lu: torn last line ignored (%s)",
			      r->path, r->im.line, r->im.err);
	for (foot = 0; foot < 2; foot++) {
		if (!(mask & (1 << foot)))
			continue;
		r->queue[r->queue_len].fr = out[foot];
		r->queue[r->queue_len].foot = foot;
		r->queue_len++;
	}
	return 0;
}

/* fs_lines callbacks */
static int replay_line(void *ctx, const char *line, size_t len)
{
	return replay_one(ctx, line, len, false);
}

static int replay_last_line(void *ctx, const char *line, size_t len)
{
	return replay_one(ctx, line, len, true);
}

/* The queue is empty: read the next chunk into it. */
static int replay_read(struct replay *r)
{
	char chunk[REPLAY_CHUNK];
	size_t n;
	int k;

	r->queue_len = r->queue_head = 0;
	n = fread(chunk, 1, sizeof(chunk), r->f);
	if (n > 0)
		k = fs_lines_feed(&r->lines, chunk, n, replay_line, r);
	else if (ferror(r->f))
		k = -EIO;
	else {
		r->eof = true;
		k = fs_lines_finish(&r->lines, replay_last_line, r);
	}
	if (k == -E2BIG)
		journal_error(r->m, k, "%s:%lu: line longer than %d bytes",
			      r->path, r->im.line + 1, FS_MAX_LINE);
	else if (k == -EIO)
		journal_error(r->m, k, "%s: read error", r->path);
	return k;
}

/* Feed the frames up to file time limit; 1 when more is left, 0 at the end. */
static int replay_step(struct replay *r, double limit)
{
	unsigned int fed = 0;
	int k;

	for (;;) {
		while (r->queue_head < r->queue_len) {
			struct queued_frame *q = &r->queue[r->queue_head];
			struct sock *s;

			if (!r->have_t0) {
				r->t0 = q->fr.t;
				r->have_t0 = true;
			}
			if (q->fr.t - r->t0 > limit || ++fed > REPLAY_MAX_FRAMES)
				return 1;
			k = replay_sock(r, q->foot, &s);
			if (k < 0)
				return k;
			sock_feed(s, &q->fr);
			r->queue_head++;
		}
		if (r->eof)
			return 0;
		k = replay_read(r);
		if (k < 0)
			return k;
	}
}

static int replay_timer(sd_event_source *es, uint64_t usec, void *data)
{
	struct replay *r = data;
	int k;

	k = replay_step(r, (double)(usec - r->start_usec) * 1e-6 * r->speed);
	if (k <= 0) {
		replay_end(r, k < 0 ? "recording unreadable" : "end of recording");
		return 0;
	}
	k = sd_event_source_set_time(es, usec + REPLAY_PERIOD_USEC);
	if (k < 0)
		return k;
	return sd_event_source_set_enabled(es, SD_EVENT_ONESHOT);
}

int replay_new(struct manager *m, const char *path, double speed,
	       struct replay **out)
{
	_cleanup_(replay_freep) struct replay *r = NULL;
	int k;

	if (!(speed > 0.0) || !isfinite(speed))
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->m = m;
	r->speed = speed;
	r->path = strdup(path);
	if (!r->path)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return -ENOMEM;
	r->f = fopen(path, "re");
	if (!r->f)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return -errno;
	r->queue = calloc(2 * REPLAY_CHUNK, sizeof(*r->queue));
	if (!r->queue)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return -ENOMEM;
	k = fs_lines_init(&r->lines, FS_MAX_LINE);
	if (k < 0)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return k;
	fs_import_init(&r->im, FS_FMT_AUTO);
	k = sd_event_now(m->event, CLOCK_MONOTONIC, &r->start_usec);
	if (k < 0)
		return k;
	k = sd_event_add_time(m->event, &r->timer, CLOCK_MONOTONIC,
			      r->start_usec, 1000, replay_timer, r);
	if (k < 0)
		return k;
	(void)sd_event_source_set_description(r->timer, "replay");
	*out = TAKE_PTR(r);
	return 0;
}
