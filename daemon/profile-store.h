/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The profiles on disk (docs/daemon.md, "Profiles"): one file a subject,
 * DIR/SUBJECT.json, in the format of daemon/lib/profile.h. Written
 * atomically (a temporary file in DIR, fsync, rename, fsync of DIR) with
 * mode 0640, so that the service's group footsock may read it and a
 * reader never sees half a profile. Shared by footsockd (it writes) and
 * footsockctl (it reads).
 */
#ifndef FOOTSOCK_PROFILE_STORE_H
#define FOOTSOCK_PROFILE_STORE_H

#include <stddef.h>

#include "profile.h"

#define PROFILE_STORE_DEFAULT_DIR "/var/lib/footsock/profiles"
#define PROFILE_STORE_MAX_BYTES 65536	/* a profile is ~4 KiB */

/* DIR/SUBJECT.json; -EINVAL for a bad subject, -ENAMETOOLONG. */
int profile_store_path(const char *dir, const char *subject, char *buf,
		       size_t len);

/*
 * Read and parse a profile file. 0; -ENOENT when there is none; another
 * negative errno with a message in why ("PATH: ...").
 */
int profile_store_read(const char *path, struct fs_profile *pr, char *why,
		       size_t whylen);

/* Write pr as DIR/SUBJECT.json, atomically, mode 0640. */
int profile_store_write(const char *dir, const struct fs_profile *pr);

/* Remove DIR/SUBJECT.json; -ENOENT when there is none. */
int profile_store_remove(const char *dir, const char *subject);

/*
 * The subjects with a profile in DIR, sorted; *out is a NULL-terminated
 * array to free with profile_store_list_free(). An absent DIR is empty.
 */
int profile_store_list(const char *dir, char ***out);
void profile_store_list_free(char **list);

#endif
