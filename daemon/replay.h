/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd --replay: a recording fed to socks (replay.c). */
#ifndef FOOTSOCKD_REPLAY_H
#define FOOTSOCKD_REPLAY_H

#include "util.h"

struct manager;
struct replay;

int replay_new(struct manager *m, const char *path, double speed,
	       struct replay **out);
struct replay *replay_free(struct replay *r);

DEFINE_CLEANUP(struct replay, replay_free)

#endif
