// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the ring of recent events (attach, detach, level, cause, red
 * flag, relieved, not relieved) that GetEvents() returns, so that a client started after the fact
 * sees what happened without reading the journal. Fixed size, in the
 * manager: recording an event never allocates and never fails; the
 * oldest is overwritten.
 */
#include <stdio.h>

#include "events.h"
#include "manager.h"
#include "sock.h"

const char *const event_kind_names[EVENT_NKINDS] = {
	"attached", "detached", "level", "cause", "red_flag", "relieved",
	"not_relieved",
};

static struct event *record(struct sock *s, enum event_kind kind);

void events_record(struct sock *s, enum event_kind kind)
{
	record(s, kind);
}

void events_record_relief(struct sock *s, const struct fs_relief *r)
{
	record(s, r->kind == FS_RELIEF_RELIEVED ? EVENT_RELIEVED :
		  EVENT_NOT_RELIEVED)->cause = (int)r->cause;
}

static struct event *record(struct sock *s, enum event_kind kind)
{
	struct event_ring *ring = &s->m->events;
	struct event *e;
	uint64_t now = 0;

	/* Wall clock: the events are for people, beside the journal's. */
	(void)sd_event_now(s->m->event, CLOCK_REALTIME, &now);
	e = &ring->e[(ring->first + ring->count) % EVENTS_MAX];
	if (ring->count < EVENTS_MAX)
		ring->count++;
	else
		ring->first = (ring->first + 1) % EVENTS_MAX;
	e->realtime_usec = now;
	e->kind = kind;
	e->foot = s->foot;
	snprintf(e->serial, sizeof(e->serial), "%s", s->serial);
	e->level = s->st.level;
	e->cause = fs_state_top_cause(&s->st, &s->m->cfg.params);
	return e;
}

const struct event *events_get(const struct event_ring *ring, unsigned int i)
{
	if (i >= ring->count)
		return NULL;
	return &ring->e[(ring->first + i) % EVENTS_MAX];
}
