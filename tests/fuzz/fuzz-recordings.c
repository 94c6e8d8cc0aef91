// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The names that come over D-Bus and the heads of the files in the
 * recordings directory (daemon/recordings.c, daemon/recorder.c). The
 * input's first line is a subject, as StartRecording gets it, and a
 * recording id, as OpenRecording gets it; the rest is a note (the
 * StartRecordingWithNote argument) and the contents of a recording
 * already in the directory. In a private directory:
 * - recording_id_ok() accepts only one file name of the directory, and
 *   recording_open() opens only a file of the directory;
 * - recorder_new() creates its file directly in the directory, and what
 *   it writes (subject and note in the metadata) is a recording v1 head
 *   that the importer reads back with that subject;
 * - recordings_list() reads the metadata of both files.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "import.h"
#include "recorder.h"
#include "recordings.h"

static char dir[64];

static void remove_dir(void)
{
	rmdir(dir);
}

static void setup(void)
{
	if (dir[0])
		return;
	snprintf(dir, sizeof(dir), "%s/fuzz-recordings-XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(dir))
		abort();
	atexit(remove_dir);
}

static void check_written(const char *path, const char *subject)
{
	struct fs_import im;
	char buf[8192], *p, *nl;
	ssize_t n;
	int fd, r;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	fuzz_assert(fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	fuzz_assert(n > 0);
	buf[n] = '\0';
	fs_import_init(&im, FS_FMT_AUTO);
	for (p = buf; (nl = strchr(p, '\n')); p = nl + 1) {
		struct fs_frame out[2];

		r = fs_import_line(&im, p, (size_t)(nl - p), out);
		fuzz_assert(r == 0);
	}
	fuzz_assert(*p == '\0');	/* whole lines only */
	fuzz_assert(im.fmt == FS_FMT_FOOTSOCK && im.header_seen);
	fuzz_assert(!strcmp(im.subject, subject));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t len = nl ? (size_t)(nl - data) : size;
	char *name, *rest, probe[128];
	struct recording *list = NULL;
	struct recorder *rec = NULL;
	struct stat st, pst;
	size_t n = 0, i;
	int fd, r;

	name = fuzz_strndup(data, len);
	if (!name)
		return 0;
	rest = nl ? fuzz_strndup(nl + 1, size - len - 1) : strdup("");
	if (!rest) {
		free(name);
		return 0;
	}
	setup();

	/* An id names one file directly in the directory. */
	if (recording_id_ok(name)) {
		fuzz_assert(!strchr(name, '/') && name[0] != '.');
		fuzz_assert(strlen(name) + 4 < NAME_MAX);
	}

	/* A recording already there, holding the rest of the input. */
	snprintf(probe, sizeof(probe), "%s/probe.csv", dir);
	fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	fuzz_assert(fd >= 0);
	fuzz_assert(write(fd, rest, strlen(rest)) == (ssize_t)strlen(rest));
	fuzz_assert(fstat(fd, &pst) == 0);
	close(fd);
	fd = recording_open(dir, name);
	if (fd >= 0) {
		fuzz_assert(fstat(fd, &st) == 0);
		fuzz_assert(st.st_ino == pst.st_ino && st.st_dev == pst.st_dev);
		close(fd);
	}

	r = recorder_new(dir, name, strlen(rest) <= RECORDER_NOTE_MAX ? rest : NULL,
			 200, &rec);
	if (r == 0) {
		const char *path = recorder_path(rec), *base;

		fuzz_assert(!strncmp(path, dir, strlen(dir)) &&
			    path[strlen(dir)] == '/');
		base = path + strlen(dir) + 1;
		fuzz_assert(!strchr(base, '/') && base[0] != '.');
		fuzz_assert(recording_id_ok(name));
		check_written(path, name);
	}

	r = recordings_list(dir, rec ? recorder_path(rec) : NULL, &list, &n);
	fuzz_assert(r == 0);
	fuzz_assert(n == (rec ? 2u : 1u));
	for (i = 0; i < n; i++) {
		fuzz_assert(memchr(list[i].subject, '\0', sizeof(list[i].subject)));
		fuzz_assert(memchr(list[i].started, '\0', sizeof(list[i].started)));
		fuzz_assert(recording_id_ok(list[i].id));
	}
	recordings_free(list, n);

	if (rec) {
		fuzz_assert(unlink(recorder_path(rec)) == 0);
		recorder_free(rec);
	}
	unlink(probe);
	free(name);
	free(rest);
	return 0;
}
