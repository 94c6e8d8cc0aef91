/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd: the manager object on the bus (bus-manager.c). */
#ifndef FOOTSOCKD_BUS_MANAGER_H
#define FOOTSOCKD_BUS_MANAGER_H

struct manager;

int bus_manager_register(struct manager *m);
/* PropertiesChanged for what changed; nothing without a bus. */
void bus_manager_socks_changed(struct manager *m);
void bus_manager_recording_changed(struct manager *m);
void bus_manager_status_changed(struct manager *m);
void bus_manager_asymmetry_changed(struct manager *m);

#endif
