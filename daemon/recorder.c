// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: recordings in the CONTRACT's format v1. Rows collect in
 * memory and go to the file in whole lines with one write() followed by
 * fdatasync() at most every sync interval (1 s by default): after a
 * SIGKILL at most the rows of the last interval are missing, and since
 * only whole lines are ever written the file still parses. The file is
 * created with O_EXCL next to nothing else: no rename, no temporary; the
 * directory is synced once it holds the file and its header.
 *
 * A write that fails part way (the disk full: a short write, then ENOSPC)
 * would leave part of a row at the end. The file is cut back to the end
 * of its last whole row, and the recorder keeps the error: nothing more
 * is written, the caller stops the recording.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "import.h"
#include "recorder.h"
#include "util.h"

struct recorder {
	int fd;
	off_t size;		/* bytes in the file: whole lines only */
	char *path;
	char subject[RECORDER_SUBJECT_MAX + 1];
	char *buf;
	size_t len, cap;
	double t0;
	bool have_t0;
	int err;		/* first write error, reported once */
};

const char *recorder_path(const struct recorder *r)
{
	return r->path;
}

const char *recorder_subject(const struct recorder *r)
{
	return r->subject;
}

static int append(struct recorder *r, const char *s, size_t n)
{
	if (r->len + n > r->cap) {
		size_t cap = r->cap ? r->cap : 65536;
		char *b;

		while (cap < r->len + n)
			cap *= 2;
		if (cap > 64u << 20)
			return -ENOBUFS;
		b = realloc(r->buf, cap);
		if (!b)
			return -ENOMEM;
		r->buf = b;
		r->cap = cap;
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	return 0;
}

/* Back to the end of the last whole line of the off bytes just written. */
static int cut_to_whole_line(struct recorder *r, size_t off)
{
	const char *nl = off ? memrchr(r->buf, '\n', off) : NULL;
	size_t whole = nl ? (size_t)(nl - r->buf) + 1 : 0;

	r->size += (off_t)whole;
	if (whole < off && ftruncate(r->fd, r->size) < 0)
		return -errno;
	return 0;
}

int recorder_sync(struct recorder *r)
{
	size_t off = 0;

	if (r->err)
		return r->err;
	while (off < r->len) {
		ssize_t n = write(r->fd, r->buf + off, r->len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			r->err = -errno;
			break;
		}
		off += (size_t)n;
	}
	if (r->err) {
		/* Torn: cut back to whole rows; the rest is not written. */
		int k = cut_to_whole_line(r, off);

		if (k < 0)
			r->err = k;
		r->len = 0;
		return r->err;
	}
	r->size += (off_t)off;
	r->len = 0;
	if (fdatasync(r->fd) < 0)
		r->err = -errno;
	return r->err;
}

struct recorder *recorder_free(struct recorder *r)
{
	if (!r)
		return NULL;
	if (r->fd >= 0) {
		recorder_sync(r);
		close(r->fd);
	}
	free(r->buf);
	free(r->path);
	free(r);
	return NULL;
}

static bool subject_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (!n || n > RECORDER_SUBJECT_MAX)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return false;
	}
	return s[0] != '.';
}

/* One metadata line: newlines and control characters become spaces. */
static char *note_line(const char *note)
{
	char *s = NULL, *p;

	if (asprintf(&s, "# note=%s\n", note) < 0)
		return NULL;
	for (p = s + 7; p[1]; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return s;
}

static int sync_dir(const char *dir)
{
	_cleanup_close_ int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	/* Some file systems cannot sync a directory: nothing to do there. */
	if (fsync(fd) < 0 && errno != EINVAL)
		return -errno;
	return 0;
}

/*
 * A recording that could not start (the disk full before its header was
 * written) leaves no file: a torn header is not a recording.
 */
static int unlink_new(struct recorder *r, int err)
{
	(void)unlink(r->path);
	return err;
}

int recorder_new(const char *dir, const char *subject, const char *note,
		 unsigned int rate_hz, struct recorder **out)
{
	_cleanup_(recorder_freep) struct recorder *r = NULL;
	_cleanup_free_ char *note_meta = NULL;
	char stamp[32], iso[32], head[512];
	struct tm tm;
	time_t now;
	int n, k;

	if (!subject_ok(subject))
		return -EINVAL;
	if (note && strlen(note) > RECORDER_NOTE_MAX)
		return -E2BIG;
	if (note) {
		note_meta = note_line(note);
		if (!note_meta)
			return -ENOMEM;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->fd = -1;
	memcpy(r->subject, subject, strlen(subject) + 1);
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (mkdir(dir, 0750) < 0 && errno != EEXIST)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return -errno;
	for (int i = 0; i < 100 && r->fd < 0; i++) {
		free(r->path);
		r->path = NULL;
		n = i ? asprintf(&r->path, "%s/%s-%s-%d.csv", dir, subject, stamp, i) :
			asprintf(&r->path, "%s/%s-%s.csv", dir, subject, stamp);
		if (n < 0) {
			r->path = NULL;
			return -ENOMEM;
		}
		r->fd = open(r->path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND |
			     O_CLOEXEC, 0640);
		if (r->fd < 0 && errno != EEXIST)
			return -errno;
	}
	if (r->fd < 0)
		return -EEXIST;
	/* Health data of a named subject: the owner (footsockd) and group
	 * footsock read it, nobody else, whatever the umask (docs/daemon.md). */
	if (fchmod(r->fd, 0640) < 0)
		return unlink_new(r, -errno);
	n = snprintf(head, sizeof(head),
		     "# footsock recording v1\n# subject=%s\n# rate_hz=%u\n"
		     "# started=%s\n# source=footsockd %s\n", subject, rate_hz,
		     iso, FOOTSOCK_VERSION);
	k = append(r, head, (size_t)n);
	if (k >= 0 && note_meta)
		k = append(r, note_meta, strlen(note_meta));
	if (k >= 0)
		k = append(r, fs_rec_header, strlen(fs_rec_header));
	if (k >= 0)
		k = append(r, "\n", 1);
	if (k < 0)
		return unlink_new(r, k);
	k = recorder_sync(r);
	if (k < 0)
		return unlink_new(r, k);
	/* The file's name in the directory, durable too. */
	k = sync_dir(dir);
	if (k < 0)
		return unlink_new(r, k);
	*out = TAKE_PTR(r);
	return 0;
}

int recorder_add(struct recorder *r, enum fs_foot_side foot,
		 const struct fs_frame *fr)
{
	struct fs_frame f = *fr;
	char row[1024];
	int n;

	if (r->err)
		return r->err;
	/* time_s from the first row; per foot non-decreasing as the feet's
	 * own times are. */
	if (!r->have_t0) {
		r->t0 = f.t;
		r->have_t0 = true;
	}
	f.t = f.t - r->t0;
	if (f.t < 0.0)
		f.t = 0.0;
	n = fs_rec_format_row(row, sizeof(row) - 1, foot, &f);
	if (n < 0 || (size_t)n >= sizeof(row) - 1)
		return -EOVERFLOW;
	row[n++] = '\n';
	return append(r, row, (size_t)n);
}
