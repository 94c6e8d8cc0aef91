// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the manager, the daemon's context. It owns the event loop and
 * the list of socks, builds and tears down the rest (bus.c, udev.c or
 * replay.c), and runs a periodic tick that refreshes the analysis state,
 * announces property changes (at most once per properties_interval_ms),
 * syncs the recording, updates the status (status.c) and writes the
 * Prometheus textfile (textfile.c). Its socks report to it, and it passes
 * each report on to the journal, the event ring, the bus and the recorder.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus-manager.h"
#include "bus-sock.h"
#include "bus.h"
#include "events.h"
#include "journal.h"
#include "manager.h"
#include "profile.h"
#include "profile-run.h"
#include "profile-store.h"
#include "recorder.h"
#include "replay.h"
#include "sock.h"
#include "status.h"
#include "stream.h"
#include "textfile.h"
#include "udev.h"
#include "util.h"

#define TEXTFILE_EVERY_USEC 5000000ULL

/* --- the sock list ------------------------------------------------------- */

struct sock *manager_find_sock(struct manager *m, const char *path)
{
	struct sock *s;

	for (s = m->socks; s; s = s->next)
		if (!strcmp(s->path, path))
			return s;
	return NULL;
}

struct sock *manager_find_sock_by_syspath(struct manager *m,
					  const char *syspath)
{
	struct sock *s;

	for (s = m->socks; s; s = s->next)
		if (s->syspath && !strcmp(s->syspath, syspath))
			return s;
	return NULL;
}

static struct sock *find_by_serial(struct sock *list, const char *serial)
{
	struct sock *s;

	for (s = list; s; s = s->next)
		if (!s->replayed && !strcmp(s->serial, serial))
			return s;
	return NULL;
}

static void unlink_sock(struct sock **list, struct sock *s)
{
	struct sock **p;

	for (p = list; *p; p = &(*p)->next) {
		if (*p == s) {
			*p = s->next;
			s->next = NULL;
			return;
		}
	}
}

/* On the bus: in Socks, and announced with InterfacesAdded. */
int manager_add_sock(struct manager *m, struct sock *s)
{
	struct sock **p;

	if (manager_find_sock(m, s->path))
		return -EEXIST;
	/* Keep the list in attach order. */
	for (p = &m->socks; *p; p = &(*p)->next)
		;
	*p = s;
	s->next = NULL;
	m->socks_changed = true;
	bus_sock_added(s);
	return 0;
}

void manager_forget_unplugged(struct manager *m, uint64_t now_usec)
{
	struct sock **p = &m->unplugged, *s;

	while ((s = *p)) {
		if (now_usec < s->forget_usec) {
			p = &s->next;
			continue;
		}
		*p = s->next;
		sock_free(s);
	}
}

/*
 * A footsock IIO device appeared: the same sock back (its serial is known:
 * reattach, keeping its analysis and object) or a new one.
 */
int manager_attach_device(struct manager *m, const char *syspath,
			  const char *devnode)
{
	char serial[32];
	struct sock *s;
	int r;

	s = manager_find_sock_by_syspath(m, syspath);
	if (s && s->connected)
		return 0;
	r = sysfs_read(syspath, "serialnumber", serial, sizeof(serial));
	if (r <= 0)
		return r < 0 ? r : -EINVAL;
	s = find_by_serial(m->socks, serial);
	if (s) {
		if (s->connected)
			return -EEXIST;	/* two socks with one serial */
		return sock_attach_iio(s, syspath, devnode);
	}
	s = find_by_serial(m->unplugged, serial);
	if (s) {
		r = sock_attach_iio(s, syspath, devnode);
		if (r < 0)
			return r;	/* stays unplugged, retried */
		unlink_sock(&m->unplugged, s);
		return manager_add_sock(m, s);
	}
	r = sock_new_iio(m, syspath, devnode, &s);
	if (r < 0)
		return r;
	r = manager_add_sock(m, s);
	if (r < 0)
		sock_free(s);
	return r;
}

/* --- what the socks report ----------------------------------------------- */

void manager_sock_attached(struct sock *s)
{
	journal_attached(s);
	events_record(s, EVENT_ATTACHED);
}

/*
 * An unplugged sock leaves the bus (InterfacesRemoved, Socks) but its
 * analysis stays, by serial, for forget_after_s: plugged in again, it
 * continues where it was, under the same path. A replayed sock stays on
 * the bus with Connected=false: its final state is what it is for.
 */
void manager_sock_detached(struct sock *s, const char *why)
{
	struct manager *m = s->m;
	uint64_t now = 0;

	journal_detached(s, why);
	events_record(s, EVENT_DETACHED);
	/* Its readers get an end record, not a silent stream. */
	streams_end(m->streams, s->foot);
	if (s->replayed || manager_find_sock(m, s->path) != s)
		return;
	/* While the object is still found: the signal lists its interfaces. */
	bus_sock_removed(s);
	unlink_sock(&m->socks, s);
	m->socks_changed = true;
	(void)sd_event_now(m->event, CLOCK_MONOTONIC, &now);
	s->forget_usec = now + (uint64_t)m->cfg.forget_after_s * 1000000;
	s->next = m->unplugged;
	m->unplugged = s;
}

void manager_sock_frame(struct sock *s, const struct fs_frame *fr)
{
	if (s->m->recorder)
		recorder_add(s->m->recorder, s->foot, fr);
	if (s->m->profile_run)
		profile_run_feed(s->m->profile_run, s->foot, fr);
	/* s->frames counts this one already: its sequence number from 0. */
	streams_frame(s->m->streams, s->foot, s->frames - 1, fr);
}

void manager_sock_level_changed(struct sock *s, enum fs_level old)
{
	journal_level(s, old);
	events_record(s, EVENT_LEVEL);
	bus_sock_level_changed(s);
}

void manager_sock_contrast(const struct manager *m, const struct sock *s,
			   struct fs_contrast *ct)
{
	const struct fs_state *st[2] = { NULL, NULL };
	const struct sock *o;

	st[s->foot] = &s->st;
	for (o = m->socks; o; o = o->next)
		if (o != s && o->foot != s->foot)
			st[o->foot] = &o->st;
	fs_contrast_compute(st[FS_LEFT], st[FS_RIGHT], &m->cfg.params,
			    FS_CONTRAST_NOW, ct);
}

/* A new top cause is news; none any more is not (the level says so). */
void manager_sock_cause_changed(struct sock *s)
{
	if (s->cause < 0)
		return;
	journal_cause(s, s->cause);
	events_record(s, EVENT_CAUSE);
}

void manager_sock_red_flag(struct sock *s)
{
	journal_red_flag(s);
	events_record(s, EVENT_RED_FLAG);
}

/* Did the fix work: journal, events ring, D-Bus signal. */
void manager_sock_relief(struct sock *s, const struct fs_relief *r)
{
	journal_relief(s, r);
	events_record_relief(s, r);
	bus_sock_relief(s, r);
}

void manager_sock_sensor_fault(struct sock *s, bool zone, int index,
			       int fault)
{
	journal_sensor_fault(s, zone, index, fault);
}

void manager_sock_gap(struct sock *s, uint64_t lost, const char *what)
{
	journal_gap(s, lost, what);
}

void manager_sock_changed(struct sock *s)
{
	bus_sock_properties_changed(s);
}

void manager_sock_error(struct sock *s, int err, const char *what)
{
	journal_error(s->m, err, "%s sock %s (%s): %s", sock_foot_name(s),
		      s->serial, s->sysname, what);
}

/* --- the subject's profile ---------------------------------------------- */

void manager_sock_params(const struct manager *m, enum fs_foot_side foot,
			 struct fs_params *p)
{
	*p = m->cfg.params;
	fs_profile_apply(m->profile, foot, p);
}

void manager_baseline(const struct manager *m, char *buf, size_t len)
{
	fs_profile_baseline(m->profile, &m->cfg.params, buf, len);
}

int manager_load_profile(struct manager *m, const char *subject)
{
	char path[PATH_MAX], why[4608], base[64];
	struct fs_profile pr, *keep;
	int r;

	r = profile_store_path(m->cfg.profiles_dir, subject, path, sizeof(path));
	if (r < 0)
		return r;
	r = profile_store_read(path, &pr, why, sizeof(why));
	if (r == -ENOENT)
		return 0;	/* a new runner: the population's defaults */
	if (r < 0) {
		journal_error(m, r, "Cannot use the profile of %s: %s", subject,
			      why);
		return r;
	}
	if (!fs_profile_usable(&pr, &m->cfg.params))
		return 0;
	keep = malloc(sizeof(*keep));
	if (!keep)
		return -ENOMEM;
	*keep = pr;
	fs_profile_baseline(keep, &m->cfg.params, base, sizeof(base));
	journal_notice(m, "Recording %s, judged against the runner's own normal (%s)",
		       subject, base);
	manager_set_profile(m, keep);
	return 1;
}

void manager_set_profile(struct manager *m, struct fs_profile *pr)
{
	struct sock *s;

	free(m->profile);
	m->profile = pr;
	/* the unplugged too: their analysis goes on when they come back */
	for (s = m->socks; s; s = s->next)
		sock_refit(s);
	for (s = m->unplugged; s; s = s->next)
		sock_refit(s);
}

/* --- the tick ------------------------------------------------------------ */

static int tick(sd_event_source *es, uint64_t usec, void *data)
{
	struct manager *m = data;
	bool any = false;
	struct sock *s;
	int r;

	/* The tick runs at the shorter of the two periods; the state and
	 * the properties only every properties_interval_ms. */
	if (usec >= m->props_usec) {
		m->props_usec = usec + (uint64_t)m->cfg.properties_interval_ms * 1000;
		for (s = m->socks; s; s = s->next) {
			any |= s->dirty;
			sock_tick(s);
		}
		if (m->socks_changed) {
			m->socks_changed = false;
			bus_manager_socks_changed(m);
		}
		if (any)
			bus_manager_asymmetry_changed(m);
		status_update(m);
		manager_forget_unplugged(m, usec);
	}
	if (m->recorder) {
		r = recorder_sync(m->recorder);
		if (r < 0) {
			journal_error(m, r, "Recording %s stopped, it ends at its last whole row; writing failed",
				      recorder_path(m->recorder));
			m->recorder = recorder_free(m->recorder);
			/* a run cut short teaches the profile nothing */
			m->profile_run = profile_run_free(m->profile_run);
			manager_set_profile(m, NULL);
			bus_manager_recording_changed(m);
		}
	}
	if (m->cfg.textfile[0] && usec >= m->textfile_usec) {
		r = textfile_write(m);
		if (r < 0)
			journal_error(m, r, "Cannot write %s", m->cfg.textfile);
		m->textfile_usec = usec + TEXTFILE_EVERY_USEC;
	}
	r = sd_event_source_set_time(es, usec + m->tick_usec);
	if (r < 0)
		return r;
	return sd_event_source_set_enabled(es, SD_EVENT_ONESHOT);
}

/* --- life cycle ---------------------------------------------------------- */

struct manager *manager_free(struct manager *m)
{
	struct sock *s;

	if (!m)
		return NULL;
	m->tick = sd_event_source_disable_unref(m->tick);
	m->replay = replay_free(m->replay);
	while ((s = m->socks)) {
		m->socks = s->next;
		sock_free(s);
	}
	while ((s = m->unplugged)) {
		m->unplugged = s->next;
		sock_free(s);
	}
	m->recorder = recorder_free(m->recorder);
	m->profile_run = profile_run_free(m->profile_run);
	free(m->profile);
	m->streams = streams_free(m->streams);
	manager_udev_free(m);
	manager_bus_free(m);
	m->event = sd_event_unref(m->event);
	free(m);
	return NULL;
}

int manager_new(struct manager **out, const struct fs_config *cfg,
		const struct manager_options *o)
{
	_cleanup_(manager_freep) struct manager *m = NULL;
	int r;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->cfg = *cfg;
	m->tick_usec = (uint64_t)(cfg->properties_interval_ms < cfg->sync_interval_ms ?
				  cfg->properties_interval_ms :
				  cfg->sync_interval_ms) * 1000;
	/* Systemd reads stderr into the journal by itself. */
	m->journal_to_stderr = !getenv("JOURNAL_STREAM");
	snprintf(m->status, sizeof(m->status), "starting");

	r = sd_event_new(&m->event);
	if (r < 0)
		return r;
	r = sd_event_add_signal(m->event, NULL, SIGTERM, NULL, NULL);
	if (r < 0)
		return r;
	r = sd_event_add_signal(m->event, NULL, SIGINT, NULL, NULL);
	if (r < 0)
		return r;
	r = sd_event_set_watchdog(m->event, true);
	if (r < 0)
		return r;
	r = sd_event_now(m->event, CLOCK_MONOTONIC, &m->start_usec);
	if (r < 0)
		return r;

	r = streams_new(m->event, cfg->stream_max_readers,
			cfg->stream_timeout_ms, cfg->stream_buffer_kb,
			&m->streams);
	if (r < 0)
		return r;

	r = manager_bus_setup(m, o);
	if (r < 0)
		return r;

	if (o->replay)
		r = replay_new(m, o->replay, o->replay_speed, &m->replay);
	else
		r = manager_udev_setup(m);
	if (r < 0)
		return r;

	r = sd_event_add_time(m->event, &m->tick, CLOCK_MONOTONIC,
			      m->start_usec + m->tick_usec, 10000, tick, m);
	if (r < 0)
		return r;
	(void)sd_event_source_set_description(m->tick, "tick");
	*out = TAKE_PTR(m);
	return 0;
}

int manager_run(struct manager *m)
{
	struct sock *s;

	for (s = m->socks; s; s = s->next)
		sock_tick(s);
	status_update(m);
	status_ready(m);
	journal_ready(m);
	return sd_event_loop(m->event);
}
