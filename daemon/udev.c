// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the footsock IIO devices. A udev monitor on the iio
 * subsystem, set up before the enumeration of what is there already; each
 * add goes to manager_attach_device() (a new sock, or a known one back),
 * each remove detaches the sock. An attach that fails is retried.
 */
#include <errno.h>
#include <libudev.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <systemd/sd-event.h>

#include "journal.h"
#include "manager.h"
#include "sock.h"
#include "udev.h"

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
 * A sock that fails to attach (a sysfs race with the udev rules) is tried
 * again: every second, up to ATTACH_RETRIES times, by enumerating the
 * devices anew (attached ones are skipped). One that another process
 * reads (-EBUSY: the IIO character device is exclusive) has no event to
 * say when that reader lets go: it is tried every ATTACH_BUSY_USEC for as
 * long as it is busy, said once.
 */
#define ATTACH_RETRIES 5
#define ATTACH_RETRY_USEC 1000000ULL
#define ATTACH_BUSY_USEC 2000000ULL

static int retry_timer(sd_event_source *es, uint64_t usec, void *data)
{
	struct manager *m = data;

	(void)es, (void)usec;
	m->attach_failed = false;
	(void)enumerate(m);
	return 0;
}

static void retry_in(struct manager *m, uint64_t usec)
{
	uint64_t now = 0;

	sd_event_now(m->event, CLOCK_MONOTONIC, &now);
	if (sd_event_source_set_time(m->retry, now + usec) >= 0)
		(void)sd_event_source_set_enabled(m->retry, SD_EVENT_ONESHOT);
}

/*
 * A sock found busy is named in the journal once, for as long as it stays
 * busy: each is remembered until an enumeration pass finds it free (or
 * gone), its attach succeeds or it is removed. Per sock, so that a second
 * busy sock is named when it is found, whatever the first one does.
 */
struct busy_sock {
	struct busy_sock *next;
	bool seen;			/* by the current enumeration pass */
	char syspath[];
};

static struct busy_sock **busy_find(struct manager *m, const char *syspath)
{
	struct busy_sock **b;

	for (b = &m->busy; *b; b = &(*b)->next)
		if (!strcmp((*b)->syspath, syspath))
			break;
	return b;
}

static void busy_drop(struct busy_sock **b)
{
	struct busy_sock *gone = *b;

	*b = gone->next;
	free(gone);
}

static void busy_forget(struct manager *m, const char *syspath)
{
	struct busy_sock **b = busy_find(m, syspath);

	if (*b)
		busy_drop(b);
}

static void busy_found(struct manager *m, const char *syspath)
{
	struct busy_sock **b = busy_find(m, syspath);
	size_t len = strlen(syspath) + 1;

	if (!*b) {
		journal_notice(m, "%s is read by another process: attaching it once that process lets go",
			       syspath);
		/* Without memory it is only said again on the next pass. */
		*b = malloc(sizeof(**b) + len);
		if (!*b)
			return;
		(*b)->next = NULL;
		memcpy((*b)->syspath, syspath, len);
	}
	(*b)->seen = true;
}

static void attach_failed(struct manager *m, const char *syspath, int r)
{
	if (r == -EBUSY) {
		busy_found(m, syspath);
		if (m->retry)
			retry_in(m, ATTACH_BUSY_USEC);
		return;
	}
	journal_error(m, r, "Cannot attach %s", syspath);
	m->attach_failed = true;
	if (!m->retry || !m->retries_left)
		return;
	m->retries_left--;
	retry_in(m, ATTACH_RETRY_USEC);
}

static void udev_event(struct manager *m, struct udev_device *d)
{
	const char *action = udev_device_get_action(d);
	const char *syspath = udev_device_get_syspath(d);
	int r;

	if (!action || !syspath)
		return;
	if (!strcmp(action, "remove") || !strcmp(action, "unbind")) {
		struct sock *s = manager_find_sock_by_syspath(m, syspath);

		if (s)
			sock_detach(s, "device removed");
		busy_forget(m, syspath);
		return;
	}
	if (strcmp(action, "add") && strcmp(action, "change") &&
	    strcmp(action, "bind"))
		return;
	r = udev_add(m, d);
	if (r >= 0) {
		busy_forget(m, syspath);
		return;
	}
	m->retries_left = ATTACH_RETRIES;
	attach_failed(m, syspath, r);
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
	struct busy_sock *b, **pb;
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
	for (b = m->busy; b; b = b->next)
		b->seen = false;
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
	/* Free or gone: said again should it be found busy again. */
	for (pb = &m->busy; *pb;) {
		if ((*pb)->seen)
			pb = &(*pb)->next;
		else
			busy_drop(pb);
	}
	return 0;
}

int manager_udev_setup(struct manager *m)
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

/* Safe on a manager that never set up udev (a replay) or failed to. */
void manager_udev_free(struct manager *m)
{
	m->retry = sd_event_source_disable_unref(m->retry);
	m->monitor_source = sd_event_source_disable_unref(m->monitor_source);
	m->monitor = udev_monitor_unref(m->monitor);
	m->udev = udev_unref(m->udev);
	while (m->busy)
		busy_drop(&m->busy);
}
