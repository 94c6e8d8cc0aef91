/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd: the Prometheus textfile, m->cfg.textfile (textfile.c). */
#ifndef FOOTSOCKD_TEXTFILE_H
#define FOOTSOCKD_TEXTFILE_H

struct manager;

int textfile_write(const struct manager *m);

#endif
