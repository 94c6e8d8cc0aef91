/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: who may read what on the bus (access.c). The socks' data
 * (pressures, temperatures, levels, causes, events, recordings of a named
 * subject) is health data: only root, footsockd's own user and members of
 * group footsock may read it. Version, Status, Uptime and Socks of the
 * manager object, introspection and Peer stay public.
 *
 * The bus policy (daemon/org.footsock.Monitor1.conf) says the same on the
 * system bus and alone restricts who receives the signals; this check
 * holds on any bus (--bus user, --bus-address) and whatever the policy.
 */
#ifndef FOOTSOCKD_ACCESS_H
#define FOOTSOCKD_ACCESS_H

#include <stdbool.h>
#include <systemd/sd-bus.h>

/* The group whose members may read the socks' data. */
#define ACCESS_GROUP "footsock"

/*
 * A filter on the connection, ahead of every object: a method call that
 * is not public (access_public()) from a sender that may not read
 * (access_sender_allowed()) is answered with
 * org.freedesktop.DBus.Error.AccessDenied and goes no further.
 */
int access_install(sd_bus *bus);

/* Whether the method call m reads nothing private. */
bool access_public(sd_bus_message *m);

/*
 * 1 when the sender of m is root, footsockd's own user or a member of
 * ACCESS_GROUP; 0 when not; negative errno when its credentials cannot
 * be had (then refuse).
 */
int access_sender_allowed(sd_bus_message *m);

#endif
