// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The small tool of the debug-kernel stress tests (tests/vm/debug-tests/),
 * run in the guest:
 *
 *   fs-stress read IIO-SYSDIR [--seconds S] [--length N] [--pattern]
 *       Enables every channel and the buffer (N scans, default 4096) and
 *       reads /dev/iio:deviceN. With --seconds, after S seconds the buffer
 *       is disabled and what it still holds is drained; without, it reads
 *       until read() fails, which must be ENODEV (the device went: the
 *       clean end of a stream). Checks every scan's timestamp is above
 *       the one before and, with --pattern (footsock-emu --scenario
 *       pattern), that every value follows from the frame number in
 *       pressure[0..1] (tools/emu/source.c, emu_pattern_sample()): no
 *       corrupted frame was pushed. Prints one line:
 *       "scans N pattern_bad N ts_not_increasing N end WHY".
 *       Exit 0 when every check held and the end was the expected one
 *       (or SIGTERM/SIGINT ended it: "end stopped").
 *   fs-stress reset /dev/bus/usb/BBB/DDD
 *       USBDEVFS_RESET on the device: the driver's pre_reset/post_reset.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/usbdevice_fs.h>

/* The scan with every channel enabled (docs/driver.md, "Frames"). */
struct scan {
	uint16_t pressure[16];
	int16_t temp[6];
	uint32_t pad;
	int64_t timestamp;
};

_Static_assert(sizeof(struct scan) == 56, "scan layout");

/* SIGTERM or SIGINT: end the read, report, exit by the checks alone. */
static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static int write_attr(const char *dir, const char *name, const char *value)
{
	char path[512];
	size_t len = strlen(value);
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, value, len) != (ssize_t)len)
		ret = -errno;
	close(fd);
	return ret;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int pattern_ok(const struct scan *sc)
{
	uint32_t k = (uint32_t)sc->pressure[0] | (uint32_t)sc->pressure[1] << 16;
	uint32_t i;

	for (i = 2; i < 16; i++)
		if (sc->pressure[i] != (uint16_t)((k * 31u + i * 977u) & 0xffff))
			return 0;
	for (i = 0; i < 6; i++)
		if (sc->temp[i] != (int16_t)(uint16_t)(k * 7u + i * 1001u - 3000u))
			return 0;
	return 1;
}

struct tally {
	uint64_t scans, pattern_bad, ts_bad;
	int64_t last_ts;
	int have_ts;
};

static void take(struct tally *t, const struct scan *sc, size_t n, int pattern)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (pattern && !pattern_ok(&sc[i])) {
			if (t->pattern_bad < 5)
				fprintf(stderr, "fs-stress: scan %" PRIu64 ": values not of one pattern frame (pressure0 %u pressure1 %u)\n",
					t->scans, sc[i].pressure[0], sc[i].pressure[1]);
			t->pattern_bad++;
		}
		if (t->have_ts && sc[i].timestamp <= t->last_ts) {
			if (t->ts_bad < 5)
				fprintf(stderr, "fs-stress: scan %" PRIu64 ": timestamp %" PRId64 " after %" PRId64 "\n",
					t->scans, sc[i].timestamp, t->last_ts);
			t->ts_bad++;
		}
		t->last_ts = sc[i].timestamp;
		t->have_ts = 1;
		t->scans++;
	}
}

static int cmd_read(int argc, char **argv)
{
	static struct scan buf[256];
	const char *dir = argv[0], *end = "?";
	char node[256], path[512], len_s[32];
	double seconds = 0, deadline = 0;
	unsigned long length = 4096;
	struct tally t = { 0 };
	int pattern = 0, fd, i, ok;
	const char *name;
	ssize_t n;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
			seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--length") && i + 1 < argc)
			length = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--pattern"))
			pattern = 1;
		else {
			fprintf(stderr, "fs-stress read: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	name = strrchr(dir, '/');
	name = name ? name + 1 : dir;
	snprintf(node, sizeof(node), "/dev/%s", name);

	/* every channel, the length, then the buffer */
	for (i = 0; i < 16; i++) {
		snprintf(path, sizeof(path), "scan_elements/in_pressure%d_en", i);
		write_attr(dir, path, "1");
	}
	for (i = 0; i < 6; i++) {
		snprintf(path, sizeof(path), "scan_elements/in_temp%d_en", i);
		write_attr(dir, path, "1");
	}
	write_attr(dir, "scan_elements/in_timestamp_en", "1");
	snprintf(len_s, sizeof(len_s), "%lu", length);
	write_attr(dir, "buffer/length", len_s);
	fd = open(node, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("scans 0 pattern_bad 0 ts_not_increasing 0 end open:%s\n",
		       strerror(errno));
		return 1;
	}
	if (write_attr(dir, "buffer/enable", "1") < 0) {
		printf("scans 0 pattern_bad 0 ts_not_increasing 0 end enable:%s\n",
		       strerror(errno));
		close(fd);
		return 1;
	}
	fflush(stdout);
	if (seconds > 0)
		deadline = now_s() + seconds;

	for (;;) {
		if (stop) {
			end = "stopped";
			break;
		}
		if (seconds > 0) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			double left = deadline - now_s();

			if (left <= 0)
				break;
			if (poll(&p, 1, (int)(left * 1000) + 1) == 0)
				continue;
		}
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			end = errno == ENODEV ? "ENODEV" : strerror(errno);
			break;
		}
		if (n == 0) {
			end = "EOF";
			break;
		}
		take(&t, buf, (size_t)n / sizeof(buf[0]), pattern);
	}
	if (seconds > 0) {
		/* disable (the sock is STOPped), then drain what is left */
		if (write_attr(dir, "buffer/enable", "0") < 0)
			end = "disable failed";
		else
			end = "drained";
		fcntl(fd, F_SETFL, O_NONBLOCK);
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			take(&t, buf, (size_t)n / sizeof(buf[0]), pattern);
		if (n < 0 && errno != EAGAIN)
			end = strerror(errno);
	}
	close(fd);
	printf("scans %" PRIu64 " pattern_bad %" PRIu64 " ts_not_increasing %" PRIu64 " end %s\n",
	       t.scans, t.pattern_bad, t.ts_bad, end);
	ok = !t.pattern_bad && !t.ts_bad &&
	     (!strcmp(end, seconds > 0 ? "drained" : "ENODEV") ||
	      !strcmp(end, "stopped"));
	return ok ? 0 : 1;
}

static int cmd_reset(const char *node)
{
	int fd = open(node, O_WRONLY | O_CLOEXEC), ret;

	if (fd < 0) {
		fprintf(stderr, "fs-stress reset: %s: %s\n", node, strerror(errno));
		return 1;
	}
	ret = ioctl(fd, USBDEVFS_RESET, 0);
	if (ret < 0)
		fprintf(stderr, "fs-stress reset: USBDEVFS_RESET: %s\n",
			strerror(errno));
	close(fd);
	return ret < 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: read() returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 3 && !strcmp(argv[1], "read"))
		return cmd_read(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "reset"))
		return cmd_reset(argv[2]);
	fprintf(stderr, "usage: fs-stress read IIO-SYSDIR [--seconds S] [--length N] [--pattern]\n"
		"       fs-stress reset /dev/bus/usb/BBB/DDD\n");
	return 2;
}
