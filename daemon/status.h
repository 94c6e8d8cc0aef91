/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd: what systemd is told, STATUS= and READY= (status.c). */
#ifndef FOOTSOCKD_STATUS_H
#define FOOTSOCKD_STATUS_H

struct manager;

/* A new summary of the socks: STATUS= and the Status property. */
void status_update(struct manager *m);
/* Start-up done: READY=1 with the status. */
void status_ready(struct manager *m);

#endif
