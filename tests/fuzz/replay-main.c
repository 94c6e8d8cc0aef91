// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A fuzz target without libFuzzer: calls LLVMFuzzerTestOneInput once on
 * each file given, and on each file of each directory given (not
 * recursively, in name order), so that make check replays the seed and
 * regression corpora with gcc. A crash or a fuzz_assert() is a crash here
 * too; a file that cannot be read fails the run. Prints one line per
 * input and the count.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static int read_all(const char *path, uint8_t **data, size_t *size)
{
	size_t cap = 0, n = 0;
	uint8_t *buf = NULL;
	ssize_t k;
	int fd, r = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		if (n == cap) {
			uint8_t *t;

			cap = cap ? cap * 2 : 65536;
			t = realloc(buf, cap);
			if (!t) {
				r = -ENOMEM;
				break;
			}
			buf = t;
		}
		k = read(fd, buf + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			r = -errno;
			break;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	if (r < 0) {
		free(buf);
		return r;
	}
	*data = buf;
	*size = n;
	return 0;
}

static int run_file(const char *path)
{
	uint8_t *data = NULL, *copy;
	size_t size = 0;
	int r;

	r = read_all(path, &data, &size);
	if (r < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(-r));
		return r;
	}
	/* An exact-size copy, so that a read past the end is caught. */
	copy = malloc(size ? size : 1);
	if (!copy) {
		free(data);
		return -ENOMEM;
	}
	if (size)
		memcpy(copy, data, size);
	free(data);
	printf("replay: %s (%zu bytes)\n", path, size);
	fflush(stdout);
	LLVMFuzzerTestOneInput(copy, size);
	free(copy);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, unsigned int *count)
{
	char **names = NULL, **t;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	DIR *d;
	int r = 0;

	d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -errno;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			t = realloc(names, cap * sizeof(*names));
			if (!t) {
				r = -ENOMEM;
				break;
			}
			names = t;
		}
		if (asprintf(&names[n], "%s/%s", dir, de->d_name) < 0) {
			r = -ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (r == 0 && n)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		if (r == 0) {
			r = run_file(names[i]);
			if (r == 0)
				(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return r;
}

int main(int argc, char **argv)
{
	unsigned int count = 0;
	struct stat st;
	int i, r = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc && r == 0; i++) {
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			r = -errno;
		} else if (S_ISDIR(st.st_mode)) {
			r = run_dir(argv[i], &count);
		} else {
			r = run_file(argv[i]);
			if (r == 0)
				count++;
		}
	}
	printf("replay: %u inputs\n", count);
	if (r == 0 && count == 0) {
		fprintf(stderr, "replay: no input given\n");
		return 1;
	}
	return r < 0 ? 1 : 0;
}
