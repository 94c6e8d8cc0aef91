// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd's live streams (daemon/stream.c) with the real sock code on
 * two synthetic IIO devices (left and right, 1 kHz, FIFOs in place of
 * /dev/iio:deviceN): every reader gets every frame in order; a stalled
 * reader loses records, is told how many in the next one it gets, is
 * closed after the timeout and never delays the others; a reader that
 * closes is forgotten; options are checked by name; the maximum holds;
 * an unplugged sock ends its readers' streams with an end record.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "config.h"
#include "manager.h"
#include "sock.h"
#include "stream.h"
#include "proc-util.h"
#include "fake-iio.h"

#define RATE 1000
#define STEP_NS (1000000000LL / RATE)
#define TIMEOUT_MS 1500

struct dev {
	char dir[128], fifo[128];
	struct sock *s;
	int wfd;
	unsigned int k;			/* scans written */
	int64_t ts;
};

struct rd {
	int fd;
	uint64_t got[2], next_seq[2], lost[2];
	unsigned int lost_flags, ends, bad_order;
	bool eof;
};

FIXTURE(st)
{
	char top[48];
	struct manager m;
	struct dev d[2];
};

void st_setup(struct __test_metadata *_metadata, FIXTURE_DATA(st) *self,
	      const FIXTURE_VARIANT(st) *variant);
void st_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(st) *self,
		 const FIXTURE_VARIANT(st) *variant);

static int make_dev(const char *top, struct dev *d, const char *foot,
		    const char *serial, int i)
{
	snprintf(d->dir, sizeof(d->dir), "%s/iio:device%d", top, i);
	if (mkdir(d->dir, 0755) || fake_iio_mkdirs(d->dir))
		return -errno;
	fake_iio_device(d->dir, foot, serial);
	fake_iio_put(d->dir, "sampling_frequency", "1000\n");
	fake_iio_put(d->dir, "current_timestamp_clock", "");
	fake_iio_put(d->dir, "buffer/enable", "");
	fake_iio_put(d->dir, "buffer/length", "");
	fake_iio_put(d->dir, "buffer/watermark", "");
	fake_iio_channels(d->dir, "0");
	snprintf(d->fifo, sizeof(d->fifo), "%s/dev-iio:device%d", top, i);
	if (mkfifo(d->fifo, 0600))
		return -errno;
	d->ts = 1000000000LL;
	d->wfd = -1;
	return 0;
}

FIXTURE_SETUP(st)
{
	int i;

	memset(&self->m, 0, sizeof(self->m));
	snprintf(self->top, sizeof(self->top), "/tmp/footsockd-stream-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->top));
	ASSERT_EQ(0, make_dev(self->top, &self->d[0], "left\n", "FS-0001\n", 0));
	ASSERT_EQ(0, make_dev(self->top, &self->d[1], "right\n", "FS-0002\n", 1));
	fs_config_default(&self->m.cfg);
	self->m.cfg.latency_ms = 10;
	self->m.cfg.buffer_length = 4096;
	self->m.tick_usec = 500000;
	ASSERT_LE(0, sd_event_new(&self->m.event));
	/* A small send buffer: a stalled reader fills it soon. */
	ASSERT_EQ(0, streams_new(self->m.event, 10, TIMEOUT_MS, 64,
				 &self->m.streams));
	for (i = 0; i < 2; i++) {
		struct dev *d = &self->d[i];

		ASSERT_EQ(0, sock_new_iio(&self->m, d->dir, d->fifo, &d->s));
		d->wfd = open(d->fifo, O_WRONLY | O_CLOEXEC);
		ASSERT_LE(0, d->wfd);
		ASSERT_EQ(RATE, d->s->rate_hz);
	}
}

FIXTURE_TEARDOWN(st)
{
	char cmd[128];
	int i;

	self->m.streams = streams_free(self->m.streams);
	for (i = 0; i < 2; i++) {
		if (self->d[i].wfd >= 0)
			close(self->d[i].wfd);
		sock_free(self->d[i].s);
	}
	sd_event_unref(self->m.event);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->top);
	if (system(cmd))
		TH_LOG("cannot remove %s", self->top);
}

/* Run the loop for ms milliseconds. */
static void run_loop(sd_event *e, unsigned int ms)
{
	uint64_t end, now;

	sd_event_now(e, CLOCK_MONOTONIC, &now);
	end = now + (uint64_t)ms * 1000;
	while (now < end) {
		sd_event_run(e, end - now);
		sd_event_now(e, CLOCK_MONOTONIC, &now);
	}
}

/* Bytes not yet read from the FIFO of d. */
static int unread(const struct dev *d)
{
	int n = 0;

	if (d->wfd < 0 || ioctl(d->wfd, FIONREAD, &n) < 0)
		return 0;
	return n;
}

/*
 * n scans of each sock (n <= 1000: a FIFO's 64 KiB), then the loop until
 * footsockd has read them all and sent what they made, however slow the
 * host: what is checked after depends on no timing.
 */
static void feed(FIXTURE_DATA(st) *self, unsigned int n)
{
	static uint8_t buf[56 * 1000];
	double end;
	int i;

	for (i = 0; i < 2; i++) {
		struct dev *d = &self->d[i];
		unsigned int j;

		for (j = 0; j < n; j++, d->k++, d->ts += STEP_NS)
			fake_iio_scan(buf + 56 * j, d->k, d->ts);
		if (write(d->wfd, buf, 56 * n) != (ssize_t)(56 * n))
			abort();
	}
	end = now_s() + 20.0;
	while ((unread(&self->d[0]) || unread(&self->d[1])) && now_s() < end)
		run_loop(self->m.event, 5);
	/* The last read's packets go out from the deferred flush. */
	run_loop(self->m.event, 20);
}

static int open_reader(struct manager *m, const char *foot, const char *fmt,
		       unsigned int decimate, struct rd *r)
{
	struct stream_options o;
	const char *why;
	int k;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	stream_options_default(&o);
	if (stream_options_foot(&o, foot) < 0 ||
	    stream_option(&o, "format", fmt, NULL, &why) < 0 ||
	    stream_option(&o, "decimate", NULL, &decimate, &why) < 0)
		return -EINVAL;
	k = streams_open(m->streams, &o, o.feet ? o.feet : 3, RATE, &r->fd);
	return k;
}

/* Read what is queued for r (binary), checking order and counting. */
static void drain(struct rd *r)
{
	static uint8_t pkt[FS_STREAM_PACKET_MAX];

	while (!r->eof) {
		ssize_t n = recv(r->fd, pkt, sizeof(pkt), MSG_DONTWAIT);
		ssize_t off;

		if (n < 0)
			return;
		if (n == 0) {
			r->eof = true;
			return;
		}
		for (off = 0; off + FS_STREAM_RECORD_SIZE <= n;
		     off += FS_STREAM_RECORD_SIZE) {
			struct fs_stream_rec rec;
			int f;

			if (fs_stream_decode(pkt + off, FS_STREAM_RECORD_SIZE, &rec)) {
				r->bad_order++;
				continue;
			}
			f = rec.foot;
			if (rec.flags & FS_STREAM_F_END) {
				r->ends++;
				continue;
			}
			if (rec.flags & FS_STREAM_F_LOST) {
				r->lost_flags++;
				r->lost[f] += rec.lost;
			}
			/* In order, and a gap only where it says so. */
			if (r->got[f] + r->lost[f] && rec.seq != r->next_seq[f] +
			    ((rec.flags & FS_STREAM_F_LOST) ? rec.lost : 0))
				r->bad_order++;
			r->next_seq[f] = rec.seq + 1;
			r->got[f]++;
		}
		if (off != n)
			r->bad_order++;
	}
}

TEST_F(st, eight_readers_every_frame_in_order)
{
	struct rd r[8];
	unsigned int i, round;

	for (i = 0; i < 8; i++)
		ASSERT_EQ(0, open_reader(&self->m, "both", "binary", 1, &r[i]));
	EXPECT_EQ(8, streams_count(self->m.streams));
	/* 3 s of both socks at 1 kHz, read as it comes. */
	for (round = 0; round < 30; round++) {
		feed(self, 100);
		for (i = 0; i < 8; i++)
			drain(&r[i]);
	}
	for (i = 0; i < 8; i++) {
		EXPECT_EQ(3000, r[i].got[0]);
		EXPECT_EQ(3000, r[i].got[1]);
		EXPECT_EQ(0, r[i].lost_flags);
		EXPECT_EQ(0, r[i].bad_order);
		close(r[i].fd);
	}
	EXPECT_EQ(0, streams_dropped(self->m.streams));
	/* Closed readers are forgotten at once (EPOLLHUP). */
	run_loop(self->m.event, 20);
	EXPECT_EQ(0, streams_count(self->m.streams));
}

TEST_F(st, decimate_and_one_foot)
{
	struct rd r;

	ASSERT_EQ(0, open_reader(&self->m, "right", "binary", 10, &r));
	feed(self, 500);
	drain(&r);
	EXPECT_EQ(0, r.got[0]);
	EXPECT_EQ(50, r.got[1]);
	EXPECT_EQ(490, r.next_seq[1] - 1);	/* seq 0, 10, ..., 490 */
	close(r.fd);
}

TEST_F(st, stalled_reader_drops_told_and_closed)
{
	struct rd fast, slow;
	unsigned int round;
	double t0;

	ASSERT_EQ(0, open_reader(&self->m, "both", "binary", 1, &fast));
	ASSERT_EQ(0, open_reader(&self->m, "both", "binary", 1, &slow));
	/* The slow one reads nothing for 1 s of frames, much less than the
	 * timeout: its 64 KiB fill, the rest is dropped; the fast one
	 * misses none. */
	for (round = 0; round < 5; round++) {
		feed(self, 200);
		drain(&fast);
	}
	EXPECT_EQ(1000, fast.got[0]);
	EXPECT_EQ(1000, fast.got[1]);
	EXPECT_EQ(0, fast.lost_flags);
	EXPECT_LT(0, streams_dropped(self->m.streams));
	/* It reads again: the first record after the drop says how many. */
	drain(&slow);
	feed(self, 10);
	drain(&slow);
	drain(&fast);
	EXPECT_LE(1, slow.lost_flags);
	EXPECT_EQ(0, slow.bad_order);
	EXPECT_EQ(1010, slow.got[0] + slow.lost[0]);
	EXPECT_EQ(1010, slow.got[1] + slow.lost[1]);
	EXPECT_EQ(streams_dropped(self->m.streams), slow.lost[0] + slow.lost[1]);
	EXPECT_EQ(2, streams_count(self->m.streams));
	/* Stuck for good: closed after the timeout; the others go on. */
	t0 = now_s();
	while (streams_count(self->m.streams) == 2 && now_s() < t0 + 30.0) {
		feed(self, 100);
		drain(&fast);
	}
	EXPECT_EQ(1, streams_count(self->m.streams));
	EXPECT_LE(TIMEOUT_MS * 1e-3, now_s() - t0);
	EXPECT_EQ(self->d[0].k, fast.got[0]);
	EXPECT_EQ(self->d[1].k, fast.got[1]);
	EXPECT_EQ(0, fast.lost_flags);
	EXPECT_EQ(0, fast.bad_order);
	/* The closed one reads what was queued, then the end of file. */
	drain(&slow);
	EXPECT_TRUE(slow.eof);
	close(fast.fd);
	close(slow.fd);
}

TEST_F(st, options_by_name)
{
	struct stream_options o;
	const char *why = NULL;
	uint32_t u = 0;
	int fd = -1;

	stream_options_default(&o);
	EXPECT_EQ(-ENOENT, stream_option(&o, "colour", "red", NULL, &why));
	EXPECT_STREQ("unknown option", why);
	EXPECT_EQ(-EINVAL, stream_option(&o, "format", "xml", NULL, &why));
	EXPECT_EQ(-EINVAL, stream_option(&o, "format", NULL, &u, &why));
	EXPECT_EQ(-EINVAL, stream_option(&o, "decimate", NULL, &u, &why));
	EXPECT_EQ(-EINVAL, stream_option(&o, "decimate", "2", NULL, &why));
	EXPECT_EQ(-EINVAL, stream_options_foot(&o, "middle"));
	EXPECT_EQ(0, stream_option(&o, "format", "jsonl", NULL, &why));
	EXPECT_EQ(FS_STREAM_JSONL, o.format);
	EXPECT_EQ(-ENODEV, streams_open(self->m.streams, &o, 0, RATE, &fd));
	EXPECT_EQ(-1, fd);
}

TEST_F(st, maximum)
{
	struct rd r[11];
	int i;

	for (i = 0; i < 10; i++)
		ASSERT_EQ(0, open_reader(&self->m, "left", "csv", 1, &r[i]));
	EXPECT_EQ(-EUSERS, open_reader(&self->m, "left", "csv", 1, &r[10]));
	close(r[0].fd);
	run_loop(self->m.event, 20);
	EXPECT_EQ(0, open_reader(&self->m, "left", "csv", 1, &r[10]));
	for (i = 1; i < 11; i++)
		close(r[i].fd);
}

/* Text formats: csv is recording v1 from its first line. */
TEST_F(st, csv_and_jsonl)
{
	static char buf[1 << 20];
	struct rd c, j;
	size_t len = 0;
	ssize_t n;
	char *line;
	unsigned int rows = 0;

	ASSERT_EQ(0, open_reader(&self->m, "both", "csv", 1, &c));
	ASSERT_EQ(0, open_reader(&self->m, "left", "jsonl", 1, &j));
	feed(self, 20);
	while ((n = recv(c.fd, buf + len, sizeof(buf) - len - 1, MSG_DONTWAIT)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	EXPECT_EQ(0, strncmp(buf, "# footsock recording v1\n# rate_hz=1000\n", 39));
	EXPECT_NE(NULL, strstr(buf, "\ntime_s,foot,p_hallux,"));
	EXPECT_NE(NULL, strstr(buf, "\n0.000,left,0.00,1.00,"));
	EXPECT_NE(NULL, strstr(buf, "\n0.019,right,"));
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		rows += line[0] != '#' && strncmp(line, "time_s", 6);
	EXPECT_EQ(40, rows);
	len = 0;
	while ((n = recv(j.fd, buf + len, sizeof(buf) - len - 1, MSG_DONTWAIT)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	EXPECT_EQ(0, strncmp(buf, "{\"foot\":\"left\",\"seq\":0,\"t_ns\":1000000000,\"time_s\":0.000,\"pressure_kpa\":{\"hallux\":0.00,", 84));
	EXPECT_NE(NULL, strstr(buf, "\"shoe\":30.00}}\n{\"foot\":\"left\",\"seq\":1,"));
	close(c.fd);
	close(j.fd);
}

TEST_F(st, unplug_ends_streams)
{
	struct rd both, left;

	ASSERT_EQ(0, open_reader(&self->m, "both", "binary", 1, &both));
	ASSERT_EQ(0, open_reader(&self->m, "left", "binary", 1, &left));
	feed(self, 50);
	/* The left device goes away. */
	close(self->d[0].wfd);
	self->d[0].wfd = -1;
	run_loop(self->m.event, 40);
	EXPECT_FALSE(self->d[0].s->connected);
	drain(&left);
	EXPECT_EQ(50, left.got[0]);
	EXPECT_EQ(1, left.ends);
	EXPECT_TRUE(left.eof);
	drain(&both);
	EXPECT_EQ(1, both.ends);
	EXPECT_FALSE(both.eof);		/* the right one goes on */
	EXPECT_EQ(1, streams_count(self->m.streams));
	close(self->d[1].wfd);
	self->d[1].wfd = -1;
	run_loop(self->m.event, 40);
	drain(&both);
	EXPECT_EQ(2, both.ends);
	EXPECT_TRUE(both.eof);
	EXPECT_EQ(0, streams_count(self->m.streams));
	close(both.fd);
	close(left.fd);
}

TEST_HARNESS_MAIN
