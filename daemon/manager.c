// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the manager. It owns the event loop, the bus connection, the
 * udev monitor (or the replay), the list of socks, the recording, and a
 * periodic tick that refreshes the analysis state, announces property
 * changes (at most once per properties_interval_ms), syncs the recording,
 * updates STATUS= and writes the Prometheus textfile.
 */
#include <errno.h>
#include <fcntl.h>
#include <libudev.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "footsockd.h"
#include "util.h"

#define TEXTFILE_EVERY_USEC 5000000ULL

struct sock *manager_find_sock(struct manager *m, const char *path)
{
	struct sock *s;

	for (s = m->socks; s; s = s->next)
		if (!strcmp(s->path, path))
			return s;
	return NULL;
}

static struct sock *find_by_syspath(struct manager *m, const char *syspath)
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
	if (m->bus)
		(void)sd_bus_emit_object_added(m->bus, s->path);
	return 0;
}

/*
 * An unplugged sock leaves the bus (InterfacesRemoved, Socks) but its
 * analysis stays, by serial, for forget_after_s: plugged in again, it
 * continues where it was, under the same path. A replayed sock stays on
 * the bus with Connected=false: its final state is what it is for.
 */
void manager_sock_detached(struct sock *s)
{
	struct manager *m = s->m;
	uint64_t now = 0;

	if (s->replayed || manager_find_sock(m, s->path) != s)
		return;
	/* While the object is still found: the signal lists its interfaces. */
	if (m->bus)
		(void)sd_bus_emit_object_removed(m->bus, s->path);
	unlink_sock(&m->socks, s);
	m->socks_changed = true;
	(void)sd_event_now(m->event, CLOCK_MONOTONIC, &now);
	s->forget_usec = now + (uint64_t)m->cfg.forget_after_s * 1000000;
	s->next = m->unplugged;
	m->unplugged = s;
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

	s = find_by_syspath(m, syspath);
	if (s && s->connected)
		return 0;
	r = sysfs_read(syspath, "serial_number", serial, sizeof(serial));
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

/* --- udev ---------------------------------------------------------------- */

static bool is_footsock(struct udev_device *d)
{
	const char *name = udev_device_get_sysattr_value(d, "name");

	return name && !strcmp(name, "footsock");
}

static int udev_add(struct manager *m, struct udev_device *d)
{
	const char *syspath = udev_device_get_syspath(d);
	const char *node = udev_device_get_devnode(d);
	char fallback[64];

	if (!syspath || !is_footsock(d))
		return 0;
	if (!node) {
		snprintf(fallback, sizeof(fallback), "/dev/%s",
			 udev_device_get_sysname(d));
		node = fallback;
	}
	return manager_attach_device(m, syspath, node);
}

static int enumerate(struct manager *m);

/*
 * A sock that fails to attach (a transient -EBUSY, a sysfs race with the
 * udev rules) is tried again: every second, up to ATTACH_RETRIES times,
 * by enumerating the devices anew (attached ones are skipped).
 */
#define ATTACH_RETRIES 5
#define ATTACH_RETRY_USEC 1000000ULL

static int retry_timer(sd_event_source *es, uint64_t usec, void *data)
{
	struct manager *m = data;

	(void)es, (void)usec;
	m->attach_failed = false;
	(void)enumerate(m);
	return 0;
}

static void attach_failed(struct manager *m, const char *syspath, int r)
{
	uint64_t now = 0;

	journal_error(m, r, "Cannot attach %s", syspath);
	m->attach_failed = true;
	if (!m->retry || !m->retries_left)
		return;
	m->retries_left--;
	sd_event_now(m->event, CLOCK_MONOTONIC, &now);
	if (sd_event_source_set_time(m->retry, now + ATTACH_RETRY_USEC) >= 0)
		(void)sd_event_source_set_enabled(m->retry, SD_EVENT_ONESHOT);
}

static void udev_event(struct manager *m, struct udev_device *d)
{
	const char *action = udev_device_get_action(d);
	const char *syspath = udev_device_get_syspath(d);
	int r;

	if (!action || !syspath)
		return;
	if (!strcmp(action, "remove") || !strcmp(action, "unbind")) {
		struct sock *s = find_by_syspath(m, syspath);

		if (s)
			sock_detach(s, "device removed");
		return;
	}
	if (strcmp(action, "add") && strcmp(action, "change") &&
	    strcmp(action, "bind"))
		return;
	r = udev_add(m, d);
	if (r < 0) {
		m->retries_left = ATTACH_RETRIES;
		attach_failed(m, syspath, r);
	}
}

static int monitor_io(sd_event_source *es, int fd, uint32_t revents, void *data)
{
	struct manager *m = data;
	struct udev_device *d;

	(void)es, (void)fd, (void)revents;
	/* Non-blocking: returns NULL once the socket is drained. */
	while ((d = udev_monitor_receive_device(m->monitor))) {
		udev_event(m, d);
		udev_device_unref(d);
	}
	return 0;
}

static int enumerate(struct manager *m)
{
	struct udev_enumerate *e;
	struct udev_list_entry *it;
	int r;

	e = udev_enumerate_new(m->udev);
	if (!e)
		return -ENOMEM;
	r = udev_enumerate_add_match_subsystem(e, "iio");
	if (r >= 0)
		r = udev_enumerate_add_match_sysattr(e, "name", "footsock");
	/* Only what udev has set up (rules run: group, mode, writable
	 * attributes), as the monitor's "udev" source; the others come as
	 * add events once it has. */
	if (r >= 0)
		r = udev_enumerate_add_match_is_initialized(e);
	if (r >= 0)
		r = udev_enumerate_scan_devices(e);
	if (r < 0) {
		udev_enumerate_unref(e);
		return r;
	}
	udev_list_entry_foreach(it, udev_enumerate_get_list_entry(e)) {
		struct udev_device *d;

		d = udev_device_new_from_syspath(m->udev,
						 udev_list_entry_get_name(it));
		if (!d)
			continue;
		r = udev_add(m, d);
		if (r < 0)
			attach_failed(m, udev_device_get_syspath(d), r);
		udev_device_unref(d);
	}
	udev_enumerate_unref(e);
	return 0;
}

static int udev_setup(struct manager *m)
{
	int r;

	m->udev = udev_new();
	if (!m->udev)
		return -ENOMEM;
	m->monitor = udev_monitor_new_from_netlink(m->udev, "udev");
	if (!m->monitor)
		return -errno ? -errno : -ENOMEM;
	r = udev_monitor_filter_add_match_subsystem_devtype(m->monitor, "iio",
							    NULL);
	if (r < 0)
		return r;
	r = udev_monitor_enable_receiving(m->monitor);
	if (r < 0)
		return r;
	r = sd_event_add_time(m->event, &m->retry, CLOCK_MONOTONIC, 0, 0,
			      retry_timer, m);
	if (r < 0)
		return r;
	(void)sd_event_source_set_enabled(m->retry, SD_EVENT_OFF);
	(void)sd_event_source_set_description(m->retry, "attach-retry");
	m->retries_left = ATTACH_RETRIES;
	/* Monitor first, then enumerate: a device that appears in between
	 * is seen twice, and the second add is a no-op. */
	r = sd_event_add_io(m->event, &m->monitor_source,
			    udev_monitor_get_fd(m->monitor), EPOLLIN, monitor_io, m);
	if (r < 0)
		return r;
	(void)sd_event_source_set_description(m->monitor_source, "udev-monitor");
	return enumerate(m);
}

/* --- the tick ------------------------------------------------------------ */

static void manager_status(struct manager *m)
{
	char buf[sizeof(m->status)];
	size_t n = 0;
	struct sock *s;

	buf[0] = '\0';
	for (s = m->socks; s && n < sizeof(buf); s = s->next) {
		int cause = fs_state_top_cause(&s->st, &m->cfg.params);

		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				      "%s%s %s%s%s risk %d%s", n ? "; " : "",
				      sock_foot_name(s), fs_level_names[s->st.level],
				      cause >= 0 ? " " : "",
				      cause >= 0 ? fs_cause_names[cause] : "",
				      s->st.numbness_risk < 0 ? 0 : s->st.numbness_risk,
				      s->connected ? "" : " (disconnected)");
	}
	if (!m->socks)
		snprintf(buf, sizeof(buf), "waiting for socks");
	if (strcmp(buf, m->status)) {
		memcpy(m->status, buf, sizeof(buf));
		(void)sd_notifyf(false, "STATUS=%s", m->status);
		if (m->bus)
			(void)sd_bus_emit_properties_changed(m->bus, FS_BUS_PATH,
							     FS_BUS_IFACE, "Status",
							     NULL);
	}
}

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
		if (any && m->bus)
			(void)sd_bus_emit_properties_changed(m->bus, FS_BUS_PATH,
							     FS_BUS_IFACE,
							     "TemperatureAsymmetry",
							     "StanceAsymmetry", NULL);
		manager_status(m);
		manager_forget_unplugged(m, usec);
	}
	if (m->recorder) {
		r = recorder_sync(m->recorder);
		if (r < 0) {
			journal_error(m, r, "Recording %s stopped, it ends at its last whole row; writing failed",
				      recorder_path(m->recorder));
			m->recorder = recorder_free(m->recorder);
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

static int bus_setup(struct manager *m, const struct manager_options *o)
{
	int r;

	if (o->bus_address) {
		r = sd_bus_new(&m->bus);
		if (r < 0)
			return r;
		r = sd_bus_set_address(m->bus, o->bus_address);
		if (r < 0)
			return r;
		r = sd_bus_set_bus_client(m->bus, 1);
		if (r < 0)
			return r;
		r = sd_bus_start(m->bus);
	} else if (o->bus_user) {
		r = sd_bus_open_user(&m->bus);
	} else {
		r = sd_bus_open_system(&m->bus);
	}
	if (r < 0)
		return r;
	/*
	 * Unreachable, the daemon is no use: when the bus goes away (the
	 * dbus-daemon restarted) the event loop ends with EXIT_FAILURE, and
	 * systemd (Restart=on-failure) starts footsockd on the new bus.
	 */
	r = sd_bus_set_exit_on_disconnect(m->bus, true);
	if (r < 0)
		return r;
	r = bus_manager_register(m);
	if (r < 0)
		return r;
	r = bus_sock_register(m);
	if (r < 0)
		return r;
	r = sd_bus_attach_event(m->bus, m->event, SD_EVENT_PRIORITY_NORMAL);
	if (r < 0)
		return r;
	return sd_bus_request_name(m->bus, FS_BUS_NAME, 0);
}

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
	m->retry = sd_event_source_disable_unref(m->retry);
	m->monitor_source = sd_event_source_disable_unref(m->monitor_source);
	udev_monitor_unref(m->monitor);
	udev_unref(m->udev);
	m->slot_objects = sd_bus_slot_unref(m->slot_objects);
	m->slot_enum = sd_bus_slot_unref(m->slot_enum);
	m->slot_sock = sd_bus_slot_unref(m->slot_sock);
	m->slot_manager = sd_bus_slot_unref(m->slot_manager);
	m->bus = sd_bus_flush_close_unref(m->bus);
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

	r = bus_setup(m, o);
	if (r < 0)
		return r;

	if (o->replay)
		r = replay_new(m, o->replay, o->replay_speed, &m->replay);
	else
		r = udev_setup(m);
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

/* 0 after SIGTERM/SIGINT, > 0 when the bus went away, < 0 on an error. */
int manager_run(struct manager *m)
{
	struct sock *s;

	for (s = m->socks; s; s = s->next)
		sock_tick(s);
	manager_status(m);
	(void)sd_notifyf(false, "READY=1\nSTATUS=%s", m->status);
	journal_ready(m);
	return sd_event_loop(m->event);
}
