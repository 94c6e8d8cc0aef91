// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd's IIO source (daemon/sock.c) on a synthetic device: a sysfs
 * tree in a temporary directory as the driver lays it out, and a FIFO in
 * place of /dev/iio:deviceN. Checks the buffer setup written to sysfs, the
 * decoding of scans read on EPOLLIN, gap counting from the timestamps, and
 * the detach on hang-up.
 */
#include <dlfcn.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libudev.h>

#include "kselftest_harness.h"
#include "bus-names.h"
#include "config.h"
#include "manager.h"
#include "sock.h"
#include "textfile.h"
#include "proc-util.h"
#include "fake-iio.h"

static void get(const char *dir, const char *name, char *buf, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf[0] = '\0';
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

FIXTURE(dev)
{
	char top[64], usb[96], dir[128], fifo[128];
	struct manager m;
	int wfd;
};

void dev_setup(struct __test_metadata *_metadata, FIXTURE_DATA(dev) *self,
	       const FIXTURE_VARIANT(dev) *variant);
void dev_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(dev) *self,
		  const FIXTURE_VARIANT(dev) *variant);

FIXTURE_SETUP(dev)
{
	memset(&self->m, 0, sizeof(self->m));
	self->wfd = -1;
	/* As in sysfs: the USB device, its interface, the IIO device. */
	snprintf(self->top, sizeof(self->top), "/tmp/footsockd-sock-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->top));
	snprintf(self->usb, sizeof(self->usb), "%s/1-1", self->top);
	ASSERT_EQ(0, mkdir(self->usb, 0755));
	fake_iio_put(self->usb, "bcdDevice", "0100\n");
	snprintf(self->dir, sizeof(self->dir), "%s/1-1:1.0", self->usb);
	ASSERT_EQ(0, mkdir(self->dir, 0755));
	snprintf(self->dir, sizeof(self->dir), "%s/1-1:1.0/iio:device7", self->usb);
	ASSERT_EQ(0, mkdir(self->dir, 0755));
	ASSERT_EQ(0, fake_iio_mkdirs(self->dir));
	fake_iio_device(self->dir, "right\n", "FS-0042\n");
	fake_iio_put(self->dir, "current_timestamp_clock", "");
	fake_iio_put(self->dir, "buffer/enable", "");
	fake_iio_put(self->dir, "buffer/length", "");
	fake_iio_put(self->dir, "buffer/watermark", "");
	fake_iio_channels(self->dir, "0");
	snprintf(self->fifo, sizeof(self->fifo), "%s/dev-iio:device7", self->top);
	ASSERT_EQ(0, mkfifo(self->fifo, 0600));

	fs_config_default(&self->m.cfg);
	self->m.tick_usec = 500000;
	ASSERT_LE(0, sd_event_new(&self->m.event));
}

FIXTURE_TEARDOWN(dev)
{
	char cmd[128];

	if (self->wfd >= 0)
		close(self->wfd);
	sd_event_unref(self->m.event);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->top);
	if (system(cmd))
		TH_LOG("cannot remove %s", self->top);
}

/* Run the loop for 400 ms: longer than the read hold-off (100 ms). */
static void run_loop(sd_event *e)
{
	uint64_t end, now;

	sd_event_now(e, CLOCK_MONOTONIC, &now);
	end = now + 400000;
	while (now < end) {
		sd_event_run(e, end - now);
		sd_event_now(e, CLOCK_MONOTONIC, &now);
	}
}

TEST_F(dev, attach_read_gap_detach)
{
	struct sock *s = NULL;
	uint8_t buf[56 * 40];
	char v[64];
	unsigned int k, n = 0;
	int64_t ts = 1000000000;

	/* The reader must exist before a FIFO writer can open. */
	ASSERT_EQ(0, sock_new_iio(&self->m, self->dir, self->fifo, &s));
	self->wfd = open(self->fifo, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, self->wfd);

	EXPECT_EQ(FS_RIGHT, s->foot);
	EXPECT_STREQ("FS-0042", s->serial);
	EXPECT_STREQ("1.0", s->firmware);
	EXPECT_EQ(200, s->rate_hz);
	EXPECT_TRUE(s->connected);
	EXPECT_EQ(0, strncmp(s->path, FS_BUS_SOCK_PREFIX "/", strlen(FS_BUS_SOCK_PREFIX) + 1));
	get(self->dir, "buffer/enable", v, sizeof(v));
	EXPECT_STREQ("1", v);
	get(self->dir, "buffer/length", v, sizeof(v));
	EXPECT_STREQ("1024", v);
	/* 200 Hz x 100 ms */
	get(self->dir, "buffer/watermark", v, sizeof(v));
	EXPECT_STREQ("20", v);
	get(self->dir, "current_timestamp_clock", v, sizeof(v));
	EXPECT_STREQ("monotonic", v);
	get(self->dir, "scan_elements/in_temp5_en", v, sizeof(v));
	EXPECT_STREQ("1", v);
	get(self->dir, "scan_elements/in_timestamp_en", v, sizeof(v));
	EXPECT_STREQ("1", v);
	EXPECT_EQ(56, s->layout.scan_size);

	/* 40 scans 5 ms apart, but 3 missing after the 20th. */
	for (k = 0; k < 40; k++) {
		if (k == 20)
			ts += 3 * 5000000;
		fake_iio_scan(buf + 56 * n++, k, ts);
		ts += 5000000;
	}
	ASSERT_EQ((ssize_t)sizeof(buf), write(self->wfd, buf, sizeof(buf)));
	run_loop(self->m.event);
	EXPECT_EQ(40, s->frames);
	EXPECT_EQ(3, s->gaps);
	EXPECT_GT(1e-4, fabs((15.0 + 39 % 7 * 0.1) - s->last.p[15]));
	EXPECT_GT(1e-4, fabs((30.005) - s->last.temp[5]));

	/* A torn scan is not a frame: IIO reads return whole scans, so a
	 * read ending in part of one (a broken kernel; here a FIFO) takes
	 * the whole scans before it and drops the rest. */
	n = 0;
	fake_iio_scan(buf, 40, ts);
	fake_iio_scan(buf + 56, 41, ts + 5000000);
	ASSERT_EQ(56 + 28, write(self->wfd, buf, 56 + 28));
	run_loop(self->m.event);
	EXPECT_EQ(41, s->frames);
	EXPECT_EQ(3, s->gaps);

	/* The device goes away: the sock detaches and disables the buffer. */
	close(self->wfd);
	self->wfd = -1;
	run_loop(self->m.event);
	EXPECT_FALSE(s->connected);
	EXPECT_EQ(NULL, s->syspath);
	get(self->dir, "buffer/enable", v, sizeof(v));
	EXPECT_STREQ("0", v);

	/* It comes back (same serial, a new device): reattach, and time
	 * keeps going forward even though the new stream starts earlier. */
	ASSERT_EQ(0, sock_attach_iio(s, self->dir, self->fifo));
	self->wfd = open(self->fifo, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, self->wfd);
	EXPECT_TRUE(s->connected);
	n = 0;
	for (k = 0; k < 10; k++)
		fake_iio_scan(buf + 56 * n++, k, 5000000 * (int64_t)k);
	ASSERT_EQ(56 * 10, write(self->wfd, buf, 56 * 10));
	run_loop(self->m.event);
	EXPECT_EQ(51, s->frames);
	EXPECT_EQ(3, s->gaps);
	EXPECT_LE(1.2, s->t_last);
	sock_free(s);
}

TEST_F(dev, not_a_sock)
{
	struct sock *s = NULL;

	fake_iio_put(self->dir, "label", "middle\n");
	EXPECT_EQ(-EINVAL, sock_new_iio(&self->m, self->dir, self->fifo, &s));
	EXPECT_EQ(NULL, s);
}

/*
 * The firmware version comes from the USB device's bcdDevice (the driver
 * shows it in debugfs only): unknown, "", without one or with garbage.
 */
TEST_F(dev, firmware_from_bcd_device)
{
	static const struct { const char *bcd, *want; } cases[] = {
		{ "0112\n", "1.18" },	/* fw_version 0x0112, as the driver shows it */
		{ "01x0\n", "" },
		{ "100\n", "" },
		{ NULL, "" },
	};
	char path[160];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sock *s = NULL;

		if (cases[i].bcd) {
			fake_iio_put(self->usb, "bcdDevice", cases[i].bcd);
		} else {
			snprintf(path, sizeof(path), "%s/bcdDevice", self->usb);
			ASSERT_EQ(0, unlink(path));
		}
		ASSERT_EQ(0, sock_new_iio(&self->m, self->dir, self->fifo, &s));
		EXPECT_STREQ(cases[i].want, s->firmware) TH_LOG("%s", cases[i].bcd);
		EXPECT_STREQ("right", sock_foot_name(s));
		sock_free(s);
	}
}

/*
 * The device node is opened before anything is written: one that cannot
 * be opened (gone, or -EBUSY: another process reads it) leaves the
 * device's buffer and settings as they were.
 */
TEST_F(dev, missing_device_node)
{
	struct sock *s = NULL;
	char v[16];

	fake_iio_put(self->dir, "buffer/enable", "1");
	fake_iio_put(self->dir, "buffer/length", "4096");
	EXPECT_EQ(-ENOENT, sock_new_iio(&self->m, self->dir, "/nonexistent/iio:device9", &s));
	EXPECT_EQ(NULL, s);
	get(self->dir, "buffer/enable", v, sizeof(v));
	EXPECT_STREQ("1", v);
	get(self->dir, "buffer/length", v, sizeof(v));
	EXPECT_STREQ("4096", v);
}

TEST_F(dev, rate_and_tare)
{
	struct sock *s = NULL;
	char v[64];

	ASSERT_EQ(0, sock_new_iio(&self->m, self->dir, self->fifo, &s));
	EXPECT_EQ(-EINVAL, sock_set_sampling_frequency(s, 20));
	EXPECT_EQ(0, sock_set_sampling_frequency(s, 500));
	get(self->dir, "sampling_frequency", v, sizeof(v));
	EXPECT_STREQ("500", v);
	EXPECT_EQ(500, s->rate_hz);
	get(self->dir, "buffer/watermark", v, sizeof(v));
	EXPECT_STREQ("50", v);	/* 500 Hz x 100 ms */
	get(self->dir, "buffer/enable", v, sizeof(v));
	EXPECT_STREQ("1", v);
	fake_iio_put(self->dir, "tare", "");
	fake_iio_put(self->dir, "in_pressure3_offset", "-7\n");
	EXPECT_EQ(0, sock_tare(s));
	get(self->dir, "tare", v, sizeof(v));
	EXPECT_STREQ("1", v);
	EXPECT_EQ(-7.0, s->layout.ch[3].offset);
	sock_detach(s, "test");
	EXPECT_EQ(-ENODEV, sock_tare(s));
	sock_free(s);
}

/*
 * A tare whose re-read of the layout fails (here a scan element's type
 * turned unreadable) must not leave the sock connected with no scan
 * size: the old layout stays, the error is returned, and data keeps
 * flowing. Before the fix the next read spun forever at i += 0 (the
 * harness's timeout caught it).
 */
TEST_F_TIMEOUT(dev, tare_reread_fails, 10)
{
	struct sock *s = NULL;
	uint8_t buf[56 * 10];
	unsigned int k;

	ASSERT_EQ(0, sock_new_iio(&self->m, self->dir, self->fifo, &s));
	self->wfd = open(self->fifo, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, self->wfd);
	fake_iio_put(self->dir, "tare", "");
	fake_iio_put(self->dir, "scan_elements/in_pressure3_type", "garbage\n");
	fake_iio_put(self->dir, "in_pressure3_offset", "-7\n");
	EXPECT_EQ(-EINVAL, sock_tare(s));
	EXPECT_EQ(56, s->layout.scan_size);
	EXPECT_EQ(0.0, s->layout.ch[3].offset);	/* the old offsets */
	EXPECT_TRUE(s->connected);

	for (k = 0; k < 10; k++)
		fake_iio_scan(buf + 56 * k, k,
			      1000000000 + 5000000 * (int64_t)k);
	ASSERT_EQ((ssize_t)sizeof(buf), write(self->wfd, buf, sizeof(buf)));
	run_loop(self->m.event);
	EXPECT_EQ(10, s->frames);
	EXPECT_TRUE(s->connected);

	/* Whatever the layout, a read never loops on a zero scan size: a
	 * sock without one is detached instead. */
	s->layout.scan_size = 0;
	ASSERT_EQ((ssize_t)sizeof(buf), write(self->wfd, buf, sizeof(buf)));
	run_loop(self->m.event);
	EXPECT_FALSE(s->connected);
	EXPECT_EQ(10, s->frames);
	sock_free(s);
}

/*
 * The Prometheus textfile: label values are escaped as the text
 * exposition format says (backslash, double quote and newline), so that a
 * serial number with any of them cannot break the file.
 */
TEST_F(dev, textfile_escapes_labels)
{
	char line[512];
	bool found = false;
	FILE *f;

	fake_iio_put(self->dir, "serialnumber", "FS-\"q\\x\ny\n");
	ASSERT_EQ(0, manager_attach_device(&self->m, self->dir, self->fifo));
	ASSERT_NE(NULL, self->m.socks);
	EXPECT_STREQ("FS-\"q\\x\ny", self->m.socks->serial);
	snprintf(self->m.cfg.textfile, sizeof(self->m.cfg.textfile),
		 "%s/footsock.prom", self->dir);
	ASSERT_EQ(0, textfile_write(&self->m));
	f = fopen(self->m.cfg.textfile, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		/* Every sample line whole: NAME{LABELS} VALUE. */
		EXPECT_EQ(0, strncmp(line, "footsock_", 9)) TH_LOG("line: %s", line);
		found |= !strcmp(line, "footsock_level{foot=\"right\",serial=\"FS-\\\"q\\\\x\\ny\"} 0\n");
	}
	fclose(f);
	EXPECT_TRUE(found);
	sock_free(self->m.socks);
	self->m.socks = NULL;
}

/*
 * The textfile is for node_exporter, which runs as another user (Debian:
 * prometheus, not in group footsock): 0644 under the unit's UMask=0027,
 * and under a stricter one.
 */
TEST_F(dev, textfile_readable_by_the_exporter)
{
	mode_t old = umask(077);
	struct stat st;

	ASSERT_EQ(0, manager_attach_device(&self->m, self->dir, self->fifo));
	snprintf(self->m.cfg.textfile, sizeof(self->m.cfg.textfile),
		 "%s/footsock.prom", self->dir);
	EXPECT_EQ(0, textfile_write(&self->m));
	umask(old);
	ASSERT_EQ(0, stat(self->m.cfg.textfile, &st));
	EXPECT_EQ(0644, st.st_mode & 07777);
	sock_free(self->m.socks);
	self->m.socks = NULL;
}

/* The sample names (before '{') of a textfile, each between spaces. */
static void sample_names(const char *path, char *names, size_t len)
{
	char line[512];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	names[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		size_t k = strcspn(line, "{ ");

		if (line[0] == '#' || n + k + 3 > len)
			continue;
		n += (size_t)snprintf(names + n, len - n, " %.*s ", (int)k, line);
	}
	fclose(f);
}

/*
 * A label name the series carry: footsockd's foot and serial, Prometheus'
 * instance and job.
 */
static bool label_known(const char *p, size_t k)
{
	static const char *const known[] = { "foot", "serial", "instance", "job" };
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i]) == k && !strncmp(p, known[i], k))
			return true;
	return false;
}

#define LABEL_CHARS "abcdefghijklmnopqrstuvwxyz_"

/*
 * The label names of a selector {a=\"x\",b=~\"y\"} (JSON-escaped quotes)
 * at p; the first unknown one in bad.
 */
static bool selector_labels_known(const char *p, char *bad, size_t len)
{
	while (*p == '{' || *p == ',') {
		size_t k = strspn(++p, LABEL_CHARS);

		if (!label_known(p, k)) {
			snprintf(bad, len, "%.*s", (int)k, p);
			return false;
		}
		/* past the value: \"...\" */
		p = strstr(p, "\\\"");
		p = p ? strstr(p + 2, "\\\"") : NULL;
		if (!p)
			return false;
		p += 2;
	}
	return *p == '}';
}

/* The label names of a grouping (a, b) at p; the first unknown in bad. */
static bool grouping_labels_known(const char *p, char *bad, size_t len)
{
	while (*p == '(' || *p == ',') {
		size_t k;

		p += 1 + strspn(p + 1, " ");
		k = strspn(p, LABEL_CHARS);
		if (!label_known(p, k)) {
			snprintf(bad, len, "%.*s", (int)k, p);
			return false;
		}
		p += k;
	}
	return *p == ')';
}

/* Every grouping after the keyword kw ("on (", "by (") in text. */
static bool groupings_known(const char *text, const char *kw, char *bad, size_t len)
{
	const char *p;

	for (p = strstr(text, kw); p; p = strstr(p + 1, kw))
		if (!grouping_labels_known(p + strlen(kw) - 1, bad, len))
			return false;
	return true;
}

/*
 * docs/grafana/footsock.json is valid JSON (jq) and every footsock_*
 * metric it queries is one the textfile writer writes, with label names
 * the series have: a renamed metric or label breaks the dashboard, and
 * this test.
 */
TEST_F(dev, grafana_dashboard_queries_written_metrics)
{
	static const char dashboard[] = "docs/grafana/footsock.json";
	char names[2048], want[80], bad[64] = "";
	char *json = NULL;
	size_t used = 0, len = 0;
	const char *p;
	FILE *f;

	ASSERT_EQ(0, system("jq -e .panels >/dev/null < docs/grafana/footsock.json"));
	ASSERT_EQ(0, manager_attach_device(&self->m, self->dir, self->fifo));
	snprintf(self->m.cfg.textfile, sizeof(self->m.cfg.textfile),
		 "%s/footsock.prom", self->dir);
	ASSERT_EQ(0, textfile_write(&self->m));
	sample_names(self->m.cfg.textfile, names, sizeof(names));
	TH_LOG("written:%s", names);

	f = fopen(dashboard, "r");
	ASSERT_NE(NULL, f);
	ASSERT_LT(0, getdelim(&json, &len, '\0', f));
	fclose(f);
	for (p = strstr(json, "footsock_"); p; p = strstr(p, "footsock_")) {
		size_t k = strspn(p, "abcdefghijklmnopqrstuvwxyz_");

		/* "footsock-lab" and the like are not metric names */
		snprintf(want, sizeof(want), " %.*s ", (int)k, p);
		EXPECT_NE(NULL, strstr(names, want)) TH_LOG("%s: not written:%s", dashboard, want);
		if (p[k] == '{')
			EXPECT_TRUE(selector_labels_known(p + k, bad, sizeof(bad)))
				TH_LOG("%s: %.*s: label %s", dashboard, (int)k, p, bad);
		used++;
		p += k;
	}
	/* the level, both indices, frames, gaps and faults at least */
	EXPECT_LE(6, used);
	/* on (...) and by (...) name labels too */
	EXPECT_TRUE(groupings_known(json, "on (", bad, sizeof(bad)))
		TH_LOG("%s: on (...): label %s", dashboard, bad);
	EXPECT_TRUE(groupings_known(json, "by (", bad, sizeof(bad)))
		TH_LOG("%s: by (...): label %s", dashboard, bad);
	free(json);
	sock_free(self->m.socks);
	self->m.socks = NULL;
}

/* Write n scans from time ts_ns on, 5 ms apart. */
static void write_scans(int fd, unsigned int n, int64_t ts_ns)
{
	uint8_t buf[56];
	unsigned int k;

	for (k = 0; k < n; k++) {
		fake_iio_scan(buf, k, ts_ns + 5000000 * (int64_t)k);
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			abort();
	}
}

/*
 * Unplugged, a sock leaves the manager's list (the bus) at once but keeps
 * its analysis for forget_after_s: replugged within it, the same object
 * continues; after it, it is freed and a replug starts afresh under the
 * same path. A replayed sock stays in the list when its stream ends.
 */
TEST_F(dev, unplug_keeps_then_forgets)
{
	struct sock *s, *r = NULL;
	char path[128];
	uint64_t now = 0;

	self->m.cfg.forget_after_s = 600;
	ASSERT_EQ(0, manager_attach_device(&self->m, self->dir, self->fifo));
	s = self->m.socks;
	ASSERT_NE(NULL, s);
	snprintf(path, sizeof(path), "%s", s->path);
	self->wfd = open(self->fifo, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, self->wfd);
	write_scans(self->wfd, 10, 1000000000);
	run_loop(self->m.event);
	EXPECT_EQ(10, s->frames);
	/* Attached already: a second add event changes nothing. */
	EXPECT_EQ(0, manager_attach_device(&self->m, self->dir, self->fifo));
	EXPECT_EQ(s, self->m.socks);
	EXPECT_EQ(NULL, s->next);

	close(self->wfd);
	self->wfd = -1;
	run_loop(self->m.event);
	EXPECT_FALSE(s->connected);
	EXPECT_EQ(NULL, self->m.socks);
	EXPECT_EQ(NULL, manager_find_sock(&self->m, path));
	ASSERT_EQ(s, self->m.unplugged);
	sd_event_now(self->m.event, CLOCK_MONOTONIC, &now);
	EXPECT_LE(now + 599000000ULL, s->forget_usec);
	manager_forget_unplugged(&self->m, now);
	ASSERT_EQ(s, self->m.unplugged);

	/* Back within the time: the same object, the analysis goes on. */
	ASSERT_EQ(0, manager_attach_device(&self->m, self->dir, self->fifo));
	EXPECT_EQ(s, self->m.socks);
	EXPECT_EQ(NULL, self->m.unplugged);
	EXPECT_EQ(s, manager_find_sock(&self->m, path));
	EXPECT_TRUE(s->connected);
	self->wfd = open(self->fifo, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, self->wfd);
	write_scans(self->wfd, 10, 2000000000);
	run_loop(self->m.event);
	EXPECT_EQ(20, s->frames);

	/* Unplugged longer than forget_after_s: freed. */
	close(self->wfd);
	self->wfd = -1;
	run_loop(self->m.event);
	ASSERT_EQ(s, self->m.unplugged);
	manager_forget_unplugged(&self->m, s->forget_usec - 1);
	ASSERT_EQ(s, self->m.unplugged);
	manager_forget_unplugged(&self->m, s->forget_usec);
	EXPECT_EQ(NULL, self->m.unplugged);

	/* A replug then is a new sock, at the same path. */
	ASSERT_EQ(0, manager_attach_device(&self->m, self->dir, self->fifo));
	s = self->m.socks;
	ASSERT_NE(NULL, s);
	EXPECT_STREQ(path, s->path);
	EXPECT_EQ(0, s->frames);

	/* A replay's end: the sock stays, disconnected. */
	ASSERT_EQ(0, sock_new_replay(&self->m, FS_LEFT, 200, &r));
	ASSERT_EQ(0, manager_add_sock(&self->m, r));
	sock_detach(r, "end of recording");
	EXPECT_FALSE(r->connected);
	EXPECT_EQ(r, manager_find_sock(&self->m, r->path));
	EXPECT_EQ(NULL, self->m.unplugged);

	while ((s = self->m.socks)) {
		self->m.socks = s->next;
		sock_free(s);
	}
}

/*
 * libudev's enumeration, watched: these definitions take the place of
 * libudev's for the daemon's code linked into this test, note what the
 * enumeration asked for, and call the real functions.
 */
static struct udev_enumerate *enumerate_initialized;
static unsigned int scans, scans_initialized;

int udev_enumerate_add_match_is_initialized(struct udev_enumerate *e)
{
	int (*real)(struct udev_enumerate *) = (int (*)(struct udev_enumerate *))
		dlsym(RTLD_NEXT, "udev_enumerate_add_match_is_initialized");

	enumerate_initialized = e;
	return real ? real(e) : -ENOSYS;
}

int udev_enumerate_scan_devices(struct udev_enumerate *e)
{
	int (*real)(struct udev_enumerate *) = (int (*)(struct udev_enumerate *))
		dlsym(RTLD_NEXT, "udev_enumerate_scan_devices");

	scans++;
	scans_initialized += e == enumerate_initialized;
	return real ? real(e) : -ENOSYS;
}

/*
 * The start-up enumeration takes only devices udev has initialized (its
 * rules have run: group, mode and the writable attributes in place), as
 * the monitor does with its "udev" source; an uninitialized one comes
 * later as an "add" event.
 */
TEST(enumerate_only_initialized)
{
	struct manager_options o = { .replay_speed = 1.0 };
	struct manager *m = NULL;
	struct fs_config cfg;
	char address[512];
	sigset_t mask;
	pid_t bus;
	int r;

	if (access("/usr/bin/dbus-daemon", X_OK))
		SKIP(return, "dbus-daemon not installed");
	bus = private_bus_start(address, sizeof(address));
	ASSERT_LT(0, bus);
	fs_config_default(&cfg);
	o.bus_address = address;
	/* As footsockd's main: the loop takes these signals. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	r = manager_new(&m, &cfg, &o);
	kill(bus, SIGTERM);
	if (r == -EPERM || r == -EACCES || r == -EPROTONOSUPPORT)
		SKIP(return, "no udev monitor here: %s", strerror(-r));
	ASSERT_EQ(0, r);
	manager_free(m);
	EXPECT_LE(1, scans);
	EXPECT_EQ(scans, scans_initialized);
}

TEST_HARNESS_MAIN
