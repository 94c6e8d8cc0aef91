/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: live streams (OpenStream, docs/stream.md). The set of
 * readers, the fan-out of each frame to them, their drops and their
 * timeouts. A reader is our end of a SOCK_SEQPACKET socketpair; the other
 * end went to the client. Nothing here ever blocks: a reader that does
 * not keep up loses records, and is told so in the next one it gets.
 */
#ifndef FOOTSOCKD_STREAM_H
#define FOOTSOCKD_STREAM_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-event.h>

#include "analysis.h"
#include "stream-record.h"
#include "util.h"

struct streams;

#define STREAM_FOOT(f) (1u << (f))	/* a bit of stream_options.feet */
#define STREAM_DECIMATE_MAX 1000

struct stream_options {
	unsigned int feet;		/* STREAM_FOOT() bits; 0: every sock */
	enum fs_stream_format format;
	unsigned int decimate;		/* every Nth frame, >= 1 */
};

void stream_options_default(struct stream_options *o);
/*
 * One option of OpenStream's a{sv}: a string ("format") or a number
 * ("decimate"), whichever the key takes; -ENOENT for an unknown key,
 * -EINVAL for a value of the wrong type or out of range (*why says which).
 */
int stream_option(struct stream_options *o, const char *key, const char *s,
		  const uint32_t *u, const char **why);
/* "left", "right", "both" or "" into o->feet; -EINVAL otherwise. */
int stream_options_foot(struct stream_options *o, const char *foot);

int streams_new(sd_event *event, unsigned int max_readers,
		unsigned int timeout_ms, unsigned int buffer_kb,
		struct streams **out);
struct streams *streams_free(struct streams *ss);
unsigned int streams_count(const struct streams *ss);
/* Records dropped from every reader so far (closed ones too). */
uint64_t streams_dropped(const struct streams *ss);

/*
 * A new reader of the feet in live (its options' feet, of the socks
 * connected now) at rate_hz before decimation: the client's end in
 * *client_fd. -EUSERS at the maximum, -ENODEV when live is 0.
 */
int streams_open(struct streams *ss, const struct stream_options *o,
		 unsigned int live, double rate_hz, int *client_fd);
/* A frame of a sock, its sequence number seq: to each reader of its foot. */
void streams_frame(struct streams *ss, enum fs_foot_side foot, uint64_t seq,
		   const struct fs_frame *fr);
/* The foot's sock is gone: an end record to its readers; a reader with
 * no foot left is closed after it. */
void streams_end(struct streams *ss, enum fs_foot_side foot);

DEFINE_CLEANUP(struct streams, streams_free)

#endif
