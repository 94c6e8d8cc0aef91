/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd: the sock objects on the bus (bus-sock.c). */
#ifndef FOOTSOCKD_BUS_SOCK_H
#define FOOTSOCKD_BUS_SOCK_H

struct manager;
struct sock;
struct fs_relief;

int bus_sock_register(struct manager *m);
/* Signals; nothing without a bus. */
void bus_sock_added(struct sock *s);
void bus_sock_removed(struct sock *s);
void bus_sock_properties_changed(struct sock *s);
void bus_sock_level_changed(struct sock *s);
void bus_sock_relief(struct sock *s, const struct fs_relief *r);

#endif
