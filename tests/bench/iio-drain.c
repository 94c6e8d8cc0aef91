// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iio-drain: reads a footsock IIO buffer for a while and reports what came
 * through, for `make bench`. The emulator runs the `pattern` scenario, so
 * the sequence number of each scan is recoverable from pressure0/1 and a
 * lost scan shows as a jump.
 *
 * Usage: iio-drain IIO-SYSFS-DIR SECONDS
 * Prints "bench: NAME VALUE UNIT" lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The driver's scan with every channel enabled (docs/driver.md). */
struct scan {
	uint16_t pressure[16];
	int16_t temp[6];
	uint32_t pad;
	int64_t timestamp;
};

_Static_assert(sizeof(struct scan) == 56, "footsock scan is 56 bytes");

static int write_attr(const char *dir, const char *name, const char *value)
{
	char path[512];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	close(fd);
	return n < 0 ? -errno : 0;
}

static int64_t now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int enable_all(const char *dir)
{
	static const char *const kinds[] = { "pressure", "temp" };
	static const int counts[] = { 16, 6 };
	char name[64];
	int k, i, r;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < counts[k]; i++) {
			snprintf(name, sizeof(name), "scan_elements/in_%s%d_en",
				 kinds[k], i);
			r = write_attr(dir, name, "1");
			if (r < 0)
				return r;
		}
	}
	return write_attr(dir, "scan_elements/in_timestamp_en", "1");
}

int main(int argc, char **argv)
{
	const char *dir, *devname;
	struct scan buf[64];
	int64_t *latency = NULL;
	size_t nlat = 0, cap = 0;
	uint64_t frames = 0, gaps = 0;
	uint32_t seq, last_seq = 0;
	int64_t first_ts = 0, last_ts = 0, end;
	double seconds;
	char dev[256];
	int fd, status = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: %s IIO-SYSFS-DIR SECONDS\n", argv[0]);
		return 2;
	}
	dir = argv[1];
	seconds = atof(argv[2]);
	devname = strrchr(dir, '/');
	devname = devname ? devname + 1 : dir;
	snprintf(dev, sizeof(dev), "/dev/%s", devname);

	write_attr(dir, "buffer/enable", "0");
	if (enable_all(dir) < 0 || write_attr(dir, "buffer/length", "4096") < 0 ||
	    write_attr(dir, "buffer/watermark", "16") < 0) {
		fprintf(stderr, "iio-drain: cannot configure %s: %s\n", dir,
			strerror(errno));
		return 1;
	}
	fd = open(dev, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "iio-drain: %s: %s\n", dev, strerror(errno));
		return 1;
	}
	if (write_attr(dir, "buffer/enable", "1") < 0) {
		fprintf(stderr, "iio-drain: cannot enable the buffer\n");
		goto out;
	}

	end = now_ns(CLOCK_MONOTONIC) + (int64_t)(seconds * 1e9);
	while (now_ns(CLOCK_MONOTONIC) < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;
		int64_t arrival;
		size_t i;

		if (poll(&pfd, 1, 1000) < 0 && errno != EINTR)
			break;
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			fprintf(stderr, "iio-drain: read: %s\n", strerror(errno));
			goto out;
		}
		arrival = now_ns(CLOCK_REALTIME);
		for (i = 0; i < (size_t)n / sizeof(buf[0]); i++) {
			seq = buf[i].pressure[0] | (uint32_t)buf[i].pressure[1] << 16;
			if (frames && seq != last_seq + 1)
				gaps += seq > last_seq ? seq - last_seq - 1 : 1;
			if (!frames)
				first_ts = buf[i].timestamp;
			last_seq = seq;
			last_ts = buf[i].timestamp;
			frames++;
			if (nlat == cap) {
				int64_t *grown;

				cap = cap ? cap * 2 : 65536;
				grown = realloc(latency, cap * sizeof(*latency));
				if (!grown)
					goto out;
				latency = grown;
			}
			latency[nlat++] = arrival - buf[i].timestamp;
		}
	}

	printf("bench: frames %llu\n", (unsigned long long)frames);
	printf("bench: sequence-gaps %llu\n", (unsigned long long)gaps);
	if (frames > 1)
		printf("bench: device-rate %.2f frames/s\n",
		       (frames - 1) * 1e9 / (double)(last_ts - first_ts));
	if (nlat) {
		qsort(latency, nlat, sizeof(*latency), cmp_i64);
		printf("bench: latency-median %.2f ms\n", latency[nlat / 2] / 1e6);
		printf("bench: latency-p99 %.2f ms\n",
		       latency[nlat * 99 / 100] / 1e6);
		printf("bench: latency-max %.2f ms\n", latency[nlat - 1] / 1e6);
	}
	status = 0;
out:
	write_attr(dir, "buffer/enable", "0");
	close(fd);
	free(latency);
	return status;
}
