// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The profiles on disk (profile-store.h): file I/O only; the format and
 * the update rule are daemon/lib/profile.c's.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile-store.h"

#define SUFFIX ".json"

int profile_store_path(const char *dir, const char *subject, char *buf,
		       size_t len)
{
	int n;

	if (!fs_profile_subject_ok(subject))
		return -EINVAL;
	n = snprintf(buf, len, "%s/%s" SUFFIX, dir, subject);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int profile_store_read(const char *path, struct fs_profile *pr, char *why,
		       size_t whylen)
{
	char *buf;
	ssize_t k;
	size_t n = 0;
	int fd, r;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		r = -errno;
		snprintf(why, whylen, "%s: %s", path, strerror(-r));
		return r;
	}
	buf = malloc(PROFILE_STORE_MAX_BYTES);
	if (!buf) {
		close(fd);
		snprintf(why, whylen, "out of memory");
		return -ENOMEM;
	}
	while ((k = read(fd, buf + n, PROFILE_STORE_MAX_BYTES - n)) > 0) {
		n += (size_t)k;
		if (n == PROFILE_STORE_MAX_BYTES)
			break;
	}
	r = k < 0 ? -errno : 0;
	close(fd);
	if (r < 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(-r));
	} else if (n == PROFILE_STORE_MAX_BYTES) {
		snprintf(why, whylen, "%s: larger than %d bytes: not a profile",
			 path, PROFILE_STORE_MAX_BYTES);
		r = -EFBIG;
	} else {
		char msg[256];

		r = fs_profile_parse(buf, n, pr, msg, sizeof(msg));
		if (r < 0)
			snprintf(why, whylen, "%s: %s", path, msg);
	}
	free(buf);
	return r;
}

static int write_all(int fd, const char *s, size_t n)
{
	ssize_t k;

	while (n) {
		k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r = 0;

	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0)
		r = -errno;
	close(fd);
	return r;
}

int profile_store_write(const char *dir, const struct fs_profile *pr)
{
	char path[4096], tmp[4096], text[8192];
	int fd, n, r;

	r = profile_store_path(dir, pr->subject, path, sizeof(path));
	if (r < 0)
		return r;
	n = fs_profile_format(pr, text, sizeof(text));
	if (n < 0)
		return n;
	/* a dot file: never listed, never taken for a profile */
	if (snprintf(tmp, sizeof(tmp), "%s/.%s" SUFFIX ".XXXXXX", dir,
		     pr->subject) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = fchmod(fd, 0640) < 0 ? -errno : 0;
	if (!r)
		r = write_all(fd, text, (size_t)n);
	if (!r && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && !r)
		r = -errno;
	if (!r && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0) {
		unlink(tmp);
		return r;
	}
	return fsync_dir(dir);
}

int profile_store_remove(const char *dir, const char *subject)
{
	char path[4096];
	int r = profile_store_path(dir, subject, path, sizeof(path));

	if (r < 0)
		return r;
	if (unlink(path) < 0)
		return -errno;
	return fsync_dir(dir);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void profile_store_list_free(char **list)
{
	char **p;

	for (p = list; p && *p; p++)
		free(*p);
	free(list);
}

int profile_store_list(const char *dir, char ***out)
{
	char **list = calloc(1, sizeof(*list)), **grown;
	struct dirent *de;
	size_t n = 0, len;
	DIR *d;

	if (!list)
		return -ENOMEM;
	*out = list;
	d = opendir(dir);
	if (!d) {
		int r = errno == ENOENT ? 0 : -errno;

		if (r < 0) {
			free(list);
			*out = NULL;
		}
		return r;
	}
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (len <= strlen(SUFFIX) ||
		    strcmp(de->d_name + len - strlen(SUFFIX), SUFFIX))
			continue;
		de->d_name[len - strlen(SUFFIX)] = '\0';
		if (!fs_profile_subject_ok(de->d_name))
			continue;
		grown = realloc(list, (n + 2) * sizeof(*list));
		if (!grown)
			break;
		list = grown;
		list[n] = strdup(de->d_name);
		if (!list[n])
			break;
		list[++n] = NULL;
	}
	closedir(d);
	*out = list;
	if (de) {
		profile_store_list_free(list);
		*out = NULL;
		return -ENOMEM;
	}
	qsort(list, n, sizeof(*list), cmp_names);
	return 0;
}
