// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd --replay: a recording (any format footsockctl analyze reads)
 * fed to socks in place of IIO devices, paced by a timer at the file's own
 * time scaled by --replay-speed.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "footsockd.h"
#include "import.h"
#include "util.h"

#define REPLAY_PERIOD_USEC 20000
#define REPLAY_MAX_LINES 20000	/* per timer tick: keep the loop responsive */

struct replay {
	struct manager *m;
	FILE *f;
	char *path;
	char *line;
	size_t cap;
	struct fs_import im;
	sd_event_source *timer;
	double speed;
	uint64_t start_usec;
	double t0;
	bool have_t0;
	struct fs_frame pending[2];
	int pending_mask;
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
	free(r->line);
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

/* Feed the pending frames up to file time limit; 1 when more is left. */
static int replay_step(struct replay *r, double limit)
{
	unsigned int lines = 0;

	for (;;) {
		ssize_t n;
		int foot, k;

		for (foot = 0; foot < 2; foot++) {
			struct sock *s;

			if (!(r->pending_mask & (1 << foot)))
				continue;
			if (!r->have_t0) {
				r->t0 = r->pending[foot].t;
				r->have_t0 = true;
			}
			if (r->pending[foot].t - r->t0 > limit)
				return 1;
			k = replay_sock(r, foot, &s);
			if (k < 0)
				return k;
			sock_feed(s, &r->pending[foot]);
			r->pending_mask &= ~(1 << foot);
		}
		if (++lines > REPLAY_MAX_LINES)
			return 1;
		n = getline(&r->line, &r->cap, r->f);
		if (n < 0)
			return 0;
		while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
			r->line[--n] = '\0';
		k = fs_import_line(&r->im, r->line, (size_t)n, r->pending);
		if (k < 0) {
			journal_error(r->m, k, "%s:%lu: field %d: %s", r->path,
				      r->im.line, r->im.err_col, r->im.err);
			return k;
		}
		r->pending_mask = k;
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
