// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the recordings directory as a list, for ListRecordings() and
 * OpenRecording(). A recording is a regular *.csv file directly in the
 * directory; its id is the file name without ".csv". Only a bounded head
 * of each file is read, for its "# key=value" metadata.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recordings.h"
#include "util.h"

#define META_HEAD 4096		/* the metadata is in the first lines */

bool recording_id_ok(const char *id)
{
	size_t n = strlen(id);

	return n && n < NAME_MAX - 4 && id[0] != '.' && !strchr(id, '/');
}

/* Copy the value of "# key=" from the head of a file, "" when absent. */
static void meta_value(const char *head, const char *key, char *out,
		       size_t len)
{
	size_t klen = strlen(key);
	const char *p = head;

	out[0] = '\0';
	while (*p == '#') {
		const char *nl = strchr(p, '\n');

		if (!nl)
			return;	/* cut by the bound: incomplete */
		if (!strncmp(p, "# ", 2) && !strncmp(p + 2, key, klen) &&
		    p[2 + klen] == '=') {
			const char *v = p + 3 + klen;
			size_t n = (size_t)(nl - v);

			if (n && v[n - 1] == '\r')
				n--;
			if (n >= len)
				n = len - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return;
		}
		p = nl + 1;
	}
}

static int recording_read(int dirfd, const char *name, struct recording *rec)
{
	_cleanup_close_ int fd = -1;
	char head[META_HEAD + 1];
	struct stat st;
	size_t n = 0;

	fd = openat(dirfd, name,
		    O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -ENOENT;
	while (n < META_HEAD) {
		ssize_t k = read(fd, head + n, META_HEAD - n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			break;
		n += (size_t)k;
	}
	head[n] = '\0';
	meta_value(head, "subject", rec->subject, sizeof(rec->subject));
	meta_value(head, "started", rec->started, sizeof(rec->started));
	rec->size = (uint64_t)st.st_size;
	return 0;
}

static int recording_cmp(const void *a, const void *b)
{
	return strcmp(((const struct recording *)a)->id,
		      ((const struct recording *)b)->id);
}

void recordings_free(struct recording *l, size_t n)
{
	size_t i;

	for (i = 0; l && i < n; i++)
		free(l[i].id);
	free(l);
}

int recordings_list(const char *dir, const char *active_path,
		    struct recording **out, size_t *nout)
{
	DIR *d;
	struct dirent *de;
	struct recording *l = NULL;
	const char *active = NULL;
	size_t n = 0, cap = 0;
	int r = 0;

	*out = NULL;
	*nout = 0;
	/* The recorder's path is dir + "/" + name. */
	if (active_path && !strncmp(active_path, dir, strlen(dir)) &&
	    active_path[strlen(dir)] == '/')
		active = active_path + strlen(dir) + 1;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;	/* none yet */
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		struct recording rec = { 0 };

		if (len <= 4 || strcmp(de->d_name + len - 4, ".csv") ||
		    de->d_name[0] == '.')
			continue;
		if (recording_read(dirfd(d), de->d_name, &rec) < 0)
			continue;	/* gone, or not a regular file */
		rec.id = strndup(de->d_name, len - 4);
		if (!rec.id) {
			r = -ENOMEM;
			break;
		}
		rec.active = active && !strcmp(active, de->d_name);
		if (n == cap) {
			struct recording *t;

			cap = cap ? cap * 2 : 16;
			t = reallocarray(l, cap, sizeof(*l));
			if (!t) {
				free(rec.id);
				r = -ENOMEM;
				break;
			}
			l = t;
		}
		l[n++] = rec;
	}
	closedir(d);
	if (r < 0) {
		recordings_free(l, n);
		return r;
	}
	if (n)
		qsort(l, n, sizeof(*l), recording_cmp);
	*out = l;
	*nout = n;
	return 0;
}

int recording_open(const char *dir, const char *id)
{
	_cleanup_free_ char *path = NULL;
	struct stat st;
	int fd;

	if (!recording_id_ok(id))
		return -EINVAL;
	if (asprintf(&path, "%s/%s.csv", dir, id) < 0) {
		path = NULL;
		return -ENOMEM;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return errno == ELOOP ? -ENOENT : -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -ENOENT;
	}
	/* Reads need no O_NONBLOCK; it only kept a FIFO from blocking open. */
	if (fcntl(fd, F_SETFL, 0) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}
