/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd: a recording being written (recorder.c). */
#ifndef FOOTSOCKD_RECORDER_H
#define FOOTSOCKD_RECORDER_H

#include "analysis.h"
#include "util.h"

struct recorder;

/* note may be NULL (none), at most RECORDER_NOTE_MAX bytes. */
#define RECORDER_NOTE_MAX 1024
/* subject: 1 to RECORDER_SUBJECT_MAX of [A-Za-z0-9._-] */
#define RECORDER_SUBJECT_MAX 64
int recorder_new(const char *dir, const char *subject, const char *note,
		 unsigned int rate_hz, struct recorder **out);
struct recorder *recorder_free(struct recorder *r);
int recorder_add(struct recorder *r, enum fs_foot_side foot,
		 const struct fs_frame *fr);
int recorder_sync(struct recorder *r);
const char *recorder_path(const struct recorder *r);
/* The subject the recording was started for. */
const char *recorder_subject(const struct recorder *r);

DEFINE_CLEANUP(struct recorder, recorder_free)

#endif
