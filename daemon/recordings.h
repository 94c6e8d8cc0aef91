/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd: the recordings directory (recordings.c). */
#ifndef FOOTSOCKD_RECORDINGS_H
#define FOOTSOCKD_RECORDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct recording {
	char *id;			/* file name without ".csv" */
	char subject[128], started[64];	/* metadata, "" when absent */
	uint64_t size;
	bool active;			/* the recorder writes it now */
};

bool recording_id_ok(const char *id);
/* Sorted by id; an absent directory is an empty list. */
int recordings_list(const char *dir, const char *active_path,
		    struct recording **out, size_t *n);
void recordings_free(struct recording *l, size_t n);
/* A read-only fd; -EINVAL for a bad id, -ENOENT if there is none. */
int recording_open(const char *dir, const char *id);

#endif
