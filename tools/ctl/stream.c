// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl stream: the fd of OpenStream copied to standard output.
 * footsockd sends packets of whole records (whole lines in csv and
 * jsonl), so what is written is always whole lines: a stop by Ctrl-C,
 * --duration or --count never cuts one. SIGINT and SIGTERM are blocked
 * but for ppoll(), which is where they end the loop.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "stream-record.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int stream_check(struct ctl *c)
{
	const char *fmt = c->format ? c->format : c->json ? "jsonl" : "csv";
	char *end;

	c->foot = c->n_args ? c->args[0] : "both";
	if (strcmp(c->foot, "left") && strcmp(c->foot, "right") &&
	    strcmp(c->foot, "both"))
		return ctl_usage_error("stream", "'%s' is not a foot (left, right or both)",
				       c->foot);
	c->fmt = fs_stream_format_from_name(fmt);
	if (c->fmt < 0)
		return ctl_usage_error("stream", "--format: not csv, jsonl or binary: '%s'",
				       fmt);
	c->updates = 0;
	if (c->count) {
		errno = 0;
		c->updates = strtoul(c->count, &end, 10);
		if (errno || *end || !c->updates || c->count[0] == '-')
			return ctl_usage_error("stream", "--count: not a positive number: '%s'",
					       c->count);
	}
	c->number = 0;
	if (c->duration) {
		double s;

		errno = 0;
		s = strtod(c->duration, &end);
		if (errno || *end || !isfinite(s) || s <= 0 || s > 1e7)
			return ctl_usage_error("stream", "--duration: not a positive number of seconds: '%s'",
					       c->duration);
		c->number = (unsigned long)ceil(s * 1000.0);	/* ms */
	}
	return 0;
}

static int write_all(const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(STDOUT_FILENO, p, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* A line that is a frame, not a comment, the header or an end. */
static bool text_frame(enum fs_stream_format fmt, const char *l, size_t n)
{
	if (fmt == FS_STREAM_CSV)
		return n && l[0] != '#' && !(n >= 7 && !memcmp(l, "time_s,", 7));
	return !memmem(l, n, "\"end\":true", 10);
}

/* An end record: its foot's sock is gone. */
static bool text_end(enum fs_stream_format fmt, const char *l, size_t n)
{
	if (fmt == FS_STREAM_CSV)
		return n >= 6 && !memcmp(l, "# end ", 6);
	return memmem(l, n, "\"end\":true", 10);
}

/*
 * How much of the packet to write to reach at most *left frames more;
 * the end records in it counted into *ends.
 */
static size_t take(enum fs_stream_format fmt, const char *p, size_t n,
		   unsigned long *left, unsigned int *ends)
{
	size_t off = 0;

	if (fmt == FS_STREAM_BINARY) {
		for (; off + FS_STREAM_RECORD_SIZE <= n && *left;
		     off += FS_STREAM_RECORD_SIZE) {
			if ((uint8_t)p[off + 3] & FS_STREAM_F_END)
				(*ends)++;
			else
				(*left)--;
		}
		return off;
	}
	while (off < n && *left) {
		const char *nl = memchr(p + off, '\n', n - off);
		size_t len = nl ? (size_t)(nl - (p + off)) + 1 : n - off;

		if (text_end(fmt, p + off, len))
			(*ends)++;
		else if (text_frame(fmt, p + off, len))
			(*left)--;
		off += len;
	}
	return off;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int stream_run(struct ctl *c)
{
	static char buf[FS_STREAM_PACKET_MAX];
	struct sigaction sa = { .sa_handler = on_signal };
	enum fs_stream_format fmt = (enum fs_stream_format)c->fmt;
	unsigned long left = c->updates ? c->updates : ULONG_MAX;
	uint64_t end = c->number ? now_ms() + c->number : 0;
	char msg[CTL_MSG_MAX];
	sigset_t block, old;
	unsigned int ends = 0;
	int fd, r = CTL_EXIT_OK;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* A closed stdout (| head) is an end, not a crash. */
	signal(SIGPIPE, SIG_IGN);

	fd = ctl_open_stream(c->bus, c->foot, fs_stream_format_names[fmt], msg);
	if (fd < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return ctl_fail(msg);
	}
	while (!stop && left) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct timespec ts, *tsp = NULL;
		ssize_t n;
		size_t w;
		int k;

		if (end) {
			uint64_t now = now_ms();

			if (now >= end)
				break;
			ts.tv_sec = (time_t)((end - now) / 1000);
			ts.tv_nsec = (long)((end - now) % 1000) * 1000000;
			tsp = &ts;
		}
		k = ppoll(&pfd, 1, tsp, &old);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			r = ctl_fail("stream: poll failed");
			break;
		}
		if (!k)
			continue;
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			r = ctl_fail("stream: reading the stream failed");
			break;
		}
		if (!n) {
			/* Closed with no end record: this reader was dropped. */
			r = ctl_fail(ends ? "stream: footsockd ended the stream (no sock of that foot left)" :
				     "stream: footsockd closed the stream: nothing was read for stream_timeout_ms");
			break;
		}
		w = take(fmt, buf, (size_t)n, &left, &ends);
		k = write_all(buf, w);
		if (k == -EPIPE)
			break;
		if (k < 0) {
			r = ctl_fail("write error on standard output");
			break;
		}
	}
	close(fd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}
