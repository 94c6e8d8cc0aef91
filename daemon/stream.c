// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: live streams (stream.h, docs/stream.md).
 *
 * Why SOCK_SEQPACKET: a send is all or nothing, so a nonblocking send to
 * a full reader drops whole records and never leaves half of one that a
 * per-reader queue would have to finish later; and the reader sees the
 * packet boundaries, each packet being whole records (lines in csv and
 * jsonl), so it can never get out of step.
 *
 * Why no queue of our own: the records of one dispatch of the event loop
 * (a sock's read, latency_ms of frames) collect in a buffer per reader
 * and go out as one packet from a deferred source, after the dispatch;
 * the socket's send buffer (SO_SNDBUF, stream_buffer_kb) is the queue:
 * the kernel keeps it already, bounded and accounted, and a packet of a
 * dispatch's records costs one skb, not one per record. At 2 socks x
 * 1 kHz in binary a packet is about 22 kB and 1 MiB holds 4 s: a reader
 * that cannot keep up over that is stuck, and what it cannot take is
 * dropped and counted. The first record after a drop carries the count (flag
 * FS_STREAM_F_LOST); a reader whose sends keep failing for timeout_ms is
 * closed. A reader that closes its end is seen at once (EPOLLHUP on ours).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "stream.h"

struct reader {
	struct reader *next;
	struct streams *ss;
	int fd;
	sd_event_source *io;
	enum fs_stream_format format;
	unsigned int decimate;
	unsigned int feet;		/* still streaming */
	uint64_t seen[2];		/* frames of each foot, for decimate */
	double t0;
	bool have_t0;
	char *buf;			/* the next packet: whole records */
	size_t len;
	unsigned int nrec[2];		/* frames of each foot in buf */
	uint64_t lost[2];		/* dropped, not yet told, per foot */
	uint64_t stalled_usec;		/* first failed send since a good one */
};

struct streams {
	sd_event *event;
	sd_event_source *flush;		/* deferred: the packets out */
	struct reader *readers;
	unsigned int n, max;
	uint64_t timeout_usec;
	uint64_t dropped;
	int sndbuf;			/* SO_SNDBUF of each reader */
};

void stream_options_default(struct stream_options *o)
{
	o->feet = 0;
	o->format = FS_STREAM_BINARY;
	o->decimate = 1;
}

int stream_options_foot(struct stream_options *o, const char *foot)
{
	if (!strcmp(foot, "left"))
		o->feet = STREAM_FOOT(FS_LEFT);
	else if (!strcmp(foot, "right"))
		o->feet = STREAM_FOOT(FS_RIGHT);
	else if (!strcmp(foot, "both") || !*foot)
		o->feet = 0;
	else
		return -EINVAL;
	return 0;
}

int stream_option(struct stream_options *o, const char *key, const char *s,
		  const uint32_t *u, const char **why)
{
	int f;

	if (!strcmp(key, "format")) {
		if (!s) {
			*why = "must be a string (s)";
			return -EINVAL;
		}
		f = fs_stream_format_from_name(s);
		if (f < 0) {
			*why = "must be binary, csv or jsonl";
			return -EINVAL;
		}
		o->format = (enum fs_stream_format)f;
		return 0;
	}
	if (!strcmp(key, "decimate")) {
		if (!u) {
			*why = "must be an unsigned integer (u)";
			return -EINVAL;
		}
		if (*u < 1 || *u > STREAM_DECIMATE_MAX) {
			*why = "must be 1-1000";
			return -EINVAL;
		}
		o->decimate = *u;
		return 0;
	}
	*why = "unknown option";
	return -ENOENT;
}

static struct reader *reader_free(struct reader *r)
{
	if (!r)
		return NULL;
	r->io = sd_event_source_disable_unref(r->io);
	if (r->fd >= 0)
		close(r->fd);
	free(r->buf);
	free(r);
	return NULL;
}

DEFINE_CLEANUP(struct reader, reader_free)

static void reader_close(struct reader *r)
{
	struct streams *ss = r->ss;
	struct reader **p;

	for (p = &ss->readers; *p; p = &(*p)->next)
		if (*p == r) {
			*p = r->next;
			ss->n--;
			break;
		}
	reader_free(r);
}

/* Send the packet; on a full socket drop it. false: r was closed. */
static bool reader_flush(struct reader *r, uint64_t now)
{
	ssize_t n;
	int f;

	if (!r->len)
		return true;
	n = send(r->fd, r->buf, r->len, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n < 0 && errno != EAGAIN && errno != ENOBUFS && errno != ENOMEM) {
		/* EPIPE, ECONNRESET: the reader is gone. */
		reader_close(r);
		return false;
	}
	if (n < 0) {
		for (f = 0; f < 2; f++) {
			r->lost[f] += r->nrec[f];
			r->ss->dropped += r->nrec[f];
		}
		if (!r->stalled_usec)
			r->stalled_usec = now ? now : 1;
		else if (now - r->stalled_usec >= r->ss->timeout_usec) {
			reader_close(r);
			return false;
		}
	} else {
		/* Told in this packet: a foot's first record carried it. */
		for (f = 0; f < 2; f++)
			if (r->nrec[f])
				r->lost[f] = 0;
		r->stalled_usec = 0;
	}
	r->len = 0;
	r->nrec[0] = r->nrec[1] = 0;
	return true;
}

static uint64_t now_usec(struct streams *ss)
{
	uint64_t now = 0;

	(void)sd_event_now(ss->event, CLOCK_MONOTONIC, &now);
	return now;
}

static int flush_all(sd_event_source *es, void *data)
{
	struct streams *ss = data;
	uint64_t now = now_usec(ss);
	struct reader *r, *next;

	(void)es;
	for (r = ss->readers; r; r = next) {
		next = r->next;
		(void)reader_flush(r, now);
	}
	return 0;
}

/*
 * Watched for EPOLLHUP alone: the client closed its end (a reader has
 * nothing to say; what it might send stays unread in a bounded queue).
 */
static int reader_io(sd_event_source *es, int fd, uint32_t revents, void *data)
{
	(void)es, (void)fd, (void)revents;
	reader_close(data);
	return 0;
}

/* Append one record, sending first when the packet would outgrow its
 * maximum. false: r was closed. */
static bool reader_put(struct reader *r, struct fs_stream_rec *rec)
{
	int f = rec->foot == FS_LEFT ? 0 : 1, k;

	if (r->len + 2048 > FS_STREAM_PACKET_MAX &&
	    !reader_flush(r, now_usec(r->ss)))
		return false;
	/* A foot's first record of a packet tells what of it was lost. */
	if (r->lost[f] && !r->nrec[f]) {
		rec->flags |= FS_STREAM_F_LOST;
		rec->lost = r->lost[f] > UINT32_MAX ? UINT32_MAX :
			    (uint32_t)r->lost[f];
	}
	k = fs_stream_encode(r->buf + r->len, FS_STREAM_PACKET_MAX - r->len,
			     r->format, rec);
	if (k > 0) {
		r->len += (size_t)k;
		if (!(rec->flags & FS_STREAM_F_END))
			r->nrec[f]++;
	}
	return true;
}

void streams_frame(struct streams *ss, enum fs_foot_side foot, uint64_t seq,
		   const struct fs_frame *fr)
{
	struct reader *r, *next;
	bool any = false;

	if (!ss)
		return;
	for (r = ss->readers; r; r = next) {
		struct fs_stream_rec rec = {
			.foot = foot, .seq = seq, .fr = *fr,
			.t_ns = (int64_t)(fr->t * 1e9 + 0.5),
		};

		next = r->next;
		if (!(r->feet & STREAM_FOOT(foot)))
			continue;
		if (r->seen[foot]++ % r->decimate)
			continue;
		if (!r->have_t0) {
			r->t0 = fr->t;
			r->have_t0 = true;
		}
		rec.time_s = fr->t - r->t0 < 0.0 ? 0.0 : fr->t - r->t0;
		any |= reader_put(r, &rec);
	}
	if (any)
		(void)sd_event_source_set_enabled(ss->flush, SD_EVENT_ONESHOT);
}

void streams_end(struct streams *ss, enum fs_foot_side foot)
{
	uint64_t now;
	struct reader *r, *next;

	if (!ss)
		return;
	now = now_usec(ss);
	for (r = ss->readers; r; r = next) {
		struct fs_stream_rec rec = { .foot = foot, .flags = FS_STREAM_F_END };

		next = r->next;
		if (!(r->feet & STREAM_FOOT(foot)))
			continue;
		r->feet &= ~STREAM_FOOT(foot);
		if (!reader_put(r, &rec))
			continue;
		if (r->feet)
			continue;
		/* Nothing more to come: send what is left, then EOF. */
		if (reader_flush(r, now))
			reader_close(r);
	}
	(void)sd_event_source_set_enabled(ss->flush, SD_EVENT_ONESHOT);
}

int streams_open(struct streams *ss, const struct stream_options *o,
		 unsigned int live, double rate_hz, int *client_fd)
{
	_cleanup_(reader_freep) struct reader *r = NULL;
	int sv[2], k;

	if (!live)
		return -ENODEV;
	if (ss->n >= ss->max)
		return -EUSERS;
	r = calloc(1, sizeof(*r));
	if (!r)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return -ENOMEM;
	r->fd = -1;
	r->buf = malloc(FS_STREAM_PACKET_MAX);
	if (!r->buf)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return -ENOMEM;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return -errno;
	r->fd = sv[0];
	/* Ours never blocks (MSG_DONTWAIT besides); the client's end is the
	 * client's business. */
	if (fcntl(r->fd, F_SETFL, O_NONBLOCK) < 0) {
		k = -errno;
		close(sv[1]);
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return k;
	}
	/* The queue (the kernel caps it at net.core.wmem_max). */
	(void)setsockopt(r->fd, SOL_SOCKET, SO_SNDBUF, &ss->sndbuf,
			 sizeof(ss->sndbuf));
	r->ss = ss;
	r->format = o->format;
	r->decimate = o->decimate ? o->decimate : 1;
	r->feet = live;
	k = sd_event_add_io(ss->event, &r->io, r->fd, EPOLLHUP,
			    reader_io, r);
	if (k < 0) {
		close(sv[1]);
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return k;
	}
	(void)sd_event_source_set_description(r->io, "stream-reader");
	if (r->format == FS_STREAM_CSV) {
		char started[32];
		struct tm tm;
		time_t t = time(NULL);

		gmtime_r(&t, &tm);
		strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%SZ", &tm);
		k = fs_stream_csv_head(r->buf, FS_STREAM_PACKET_MAX,
				       rate_hz / r->decimate, started);
		if (k < 0) {
			close(sv[1]);
			/* cppcheck-suppress memleak ; freed by _cleanup_ */
			return k;
		}
		r->len = (size_t)k;
		(void)sd_event_source_set_enabled(ss->flush, SD_EVENT_ONESHOT);
	}
	r->next = ss->readers;
	ss->readers = TAKE_PTR(r);
	ss->n++;
	*client_fd = sv[1];
	return 0;
}

unsigned int streams_count(const struct streams *ss)
{
	return ss ? ss->n : 0;
}

uint64_t streams_dropped(const struct streams *ss)
{
	return ss ? ss->dropped : 0;
}

struct streams *streams_free(struct streams *ss)
{
	struct reader *r;

	if (!ss)
		return NULL;
	while ((r = ss->readers)) {
		ss->readers = r->next;
		reader_free(r);
	}
	ss->flush = sd_event_source_disable_unref(ss->flush);
	sd_event_unref(ss->event);
	free(ss);
	return NULL;
}

int streams_new(sd_event *event, unsigned int max_readers,
		unsigned int timeout_ms, unsigned int buffer_kb,
		struct streams **out)
{
	_cleanup_(streams_freep) struct streams *ss = NULL;
	int r;

	ss = calloc(1, sizeof(*ss));
	if (!ss)
		return -ENOMEM;
	ss->event = sd_event_ref(event);
	ss->max = max_readers;
	ss->timeout_usec = (uint64_t)timeout_ms * 1000;
	ss->sndbuf = (int)buffer_kb * 1024;
	r = sd_event_add_defer(event, &ss->flush, flush_all, ss);
	if (r < 0)
		return r;
	(void)sd_event_source_set_description(ss->flush, "stream-flush");
	r = sd_event_source_set_enabled(ss->flush, SD_EVENT_OFF);
	if (r < 0)
		return r;
	*out = TAKE_PTR(ss);
	return 0;
}
