/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: the names it serves under on the bus (the shared CONTRACT's,
 * docs/daemon.md). Names only, so that what needs a name (a sock's object
 * path, main's messages) needs none of the bus code.
 */
#ifndef FOOTSOCKD_BUS_NAMES_H
#define FOOTSOCKD_BUS_NAMES_H

#define FS_BUS_NAME "org.footsock.Monitor1"
#define FS_BUS_PATH "/org/footsock/Monitor1"
#define FS_BUS_IFACE "org.footsock.Monitor1"
#define FS_BUS_SOCK_PREFIX "/org/footsock/Monitor1/sock"
#define FS_BUS_SOCK_IFACE "org.footsock.Monitor1.Sock"

#endif
