/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: the bus connection (bus.c), and the names served on it
 * (bus-names.h). The objects on it are bus-manager.c and bus-sock.c.
 */
#ifndef FOOTSOCKD_BUS_H
#define FOOTSOCKD_BUS_H

#include "bus-names.h"	/* what uses the bus needs its names */

struct manager;
struct manager_options;

/* Connect, register the objects, attach to the event loop, take the name. */
int manager_bus_setup(struct manager *m, const struct manager_options *o);
void manager_bus_free(struct manager *m);

#endif
