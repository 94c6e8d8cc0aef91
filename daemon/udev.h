/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd: the footsock IIO devices, found and watched (udev.c). */
#ifndef FOOTSOCKD_UDEV_H
#define FOOTSOCKD_UDEV_H

struct manager;

/* Watch the iio subsystem, then attach what is there already. */
int manager_udev_setup(struct manager *m);
void manager_udev_free(struct manager *m);

#endif
