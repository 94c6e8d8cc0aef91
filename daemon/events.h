/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: the last EVENTS_MAX events (attach, detach, level, cause, red
 * flag, relieved, not relieved), oldest first from first, for GetEvents(). The ring lives in the
 * manager; the manager records into it what its socks report.
 */
#ifndef FOOTSOCKD_EVENTS_H
#define FOOTSOCKD_EVENTS_H

#include <stdint.h>

#include "analysis.h"

struct sock;

#define EVENTS_MAX 1024

enum event_kind { EVENT_ATTACHED, EVENT_DETACHED, EVENT_LEVEL, EVENT_CAUSE,
		  EVENT_RED_FLAG, EVENT_RELIEVED, EVENT_NOT_RELIEVED,
		  EVENT_NKINDS };

struct event {
	uint64_t realtime_usec;
	enum event_kind kind;
	enum fs_foot_side foot;
	char serial[32];
	enum fs_level level;		/* the sock's level at the event */
	int cause;			/* top cause then, -1 none; relieved
					 * and not_relieved: their cause */
};

struct event_ring {
	struct event e[EVENTS_MAX];
	unsigned int first, count;
};

extern const char *const event_kind_names[EVENT_NKINDS];
/* Into the ring of the sock's manager, with the sock's state now. */
void events_record(struct sock *s, enum event_kind kind);
/* A relief or an escalation: the event names its own cause. */
void events_record_relief(struct sock *s, const struct fs_relief *r);
/* The i-th oldest event, NULL past the newest. */
const struct event *events_get(const struct event_ring *ring, unsigned int i);

#endif
