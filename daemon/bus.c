// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the bus connection. Opened on the system bus, the user bus
 * or a given address; the objects (bus-manager.c, bus-sock.c) registered
 * before the name is requested, so that a client that sees the name finds
 * them; attached to the manager's event loop.
 */
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "bus-manager.h"
#include "bus-names.h"
#include "bus-sock.h"
#include "bus.h"
#include "manager.h"

static int bus_open(struct manager *m, const struct manager_options *o)
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
		return sd_bus_start(m->bus);
	}
	if (o->bus_user)
		return sd_bus_open_user(&m->bus);
	return sd_bus_open_system(&m->bus);
}

int manager_bus_setup(struct manager *m, const struct manager_options *o)
{
	int r;

	r = bus_open(m, o);
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

/* The slots before the connection; what is queued is sent before it closes. */
void manager_bus_free(struct manager *m)
{
	m->slot_objects = sd_bus_slot_unref(m->slot_objects);
	m->slot_enum = sd_bus_slot_unref(m->slot_enum);
	m->slot_sock = sd_bus_slot_unref(m->slot_sock);
	m->slot_manager = sd_bus_slot_unref(m->slot_manager);
	m->bus = sd_bus_flush_close_unref(m->bus);
}
