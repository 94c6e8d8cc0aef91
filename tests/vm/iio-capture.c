// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The footsock IIO device as user space sees it, run inside the test VM
 * against footsock-emu (tests/vm/tests/2*-footsock-*). kselftest harness;
 * the shell tests choose the case with -t and configure it by environment:
 *
 *   FOOTSOCK_SERIAL   use the footsock device with this serialnumber
 *                     (default: the first footsock device)
 *   FOOTSOCK_FOOT     channels: expected `label` (left|right)
 *   FOOTSOCK_TARED    channels: 1 = the pressure offsets are 0 (after TARE)
 *   FOOTSOCK_RATE     capture: expected rate in Hz (default: the device's
 *                     sampling_frequency, which must then equal it)
 *   FOOTSOCK_SCANS    capture: scans to read (default 2 s worth)
 *   FOOTSOCK_FAULT    capture: the footsock-emu --fault the emulator runs
 *                     with (none, drop=N, dup=N, reorder=N, badcrc=N,
 *                     badversion=N, short=N, badlen=N, oversize=N, stall=N)
 *   FOOTSOCK_EMU_LOG  capture: the emulator's output; its "STOP:" line
 *                     (tools/emu/stream.h, struct stream_run) says what
 *                     the run put on the bus, which the counters must
 *                     then match exactly (the driver's counters and
 *                     firmware_version are read in debugfs,
 *                     /sys/kernel/debug/footsock/iio:deviceN, mounted
 *                     if it is not)
 *   FOOTSOCK_WATERMARK unplug: buffer/watermark (a blocking read waits for
 *                     that many scans)
 *
 * The emulator must run --scenario pattern: every value of a frame follows
 * from its sequence number (tools/emu/source.c, emu_pattern_sample()), so
 * the sequence is recovered from pressure[0..1] and each scan is checked
 * bit for bit. The expected calibration is the emulator's own table
 * (tools/emu/calib.c, linked in); the labels are the contract's
 * (docs/protocol.md section 4), written out here independently.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>
#include <linux/magic.h>

#include "kselftest_harness.h"
#include "footsock_proto.h"
#include "emu.h"

#define IIO_SYS "/sys/bus/iio/devices"
#define DEBUGFS "/sys/kernel/debug"

static const char *const pressure_label[FOOTSOCK_NUM_PRESSURE] = {
	"hallux", "toes", "met1", "met2", "met3_4", "met5", "arch",
	"midfoot_lat", "heel_med", "heel_lat", "dorsum", "toebox_top",
	"toebox_med", "toebox_lat", "tarsal_tunnel", "cuff",
};

static const char *const temp_label[FOOTSOCK_NUM_TEMP] = {
	"toe", "forefoot", "dorsum", "heel", "ankle", "shoe",
};

/* The scan with every channel enabled (docs/driver.md, "Frames"). */
struct scan {
	uint16_t pressure[FOOTSOCK_NUM_PRESSURE];
	int16_t temp[FOOTSOCK_NUM_TEMP];
	uint32_t pad;
	int64_t timestamp;
};

static_assert(sizeof(struct scan) == 56, "scan layout");

/* --- sysfs -------------------------------------------------------------- */

/* Reads attribute NAME of DIR without the newline; -errno on failure. */
static int attr_read(const char *dir, const char *name, char *buf, size_t len)
{
	char path[512];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return (int)n;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return 0;
}

/* Writes VAL to attribute NAME of DIR; -errno on failure. */
static int attr_write(const char *dir, const char *name, const char *val)
{
	char path[512];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	if (n < 0) {
		n = -errno;
		close(fd);
		return (int)n;
	}
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -EIO;
}

static long long attr_ll(const char *dir, const char *name)
{
	char buf[64];

	if (attr_read(dir, name, buf, sizeof(buf)))
		return LLONG_MIN;
	return strtoll(buf, NULL, 10);
}

/*
 * The driver's debugfs directory of IIO device NAME (iio:deviceN) into
 * BUF, debugfs mounted first if it is not: 0 or -errno. The driver makes
 * it right after the IIO device, so it may come a moment later: up to 5 s.
 */
static int debugfs_dir(const char *name, char *buf, size_t len)
{
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	struct statfs sf;
	int i;

	if (statfs(DEBUGFS, &sf))
		return -errno;
	if (sf.f_type != DEBUGFS_MAGIC &&
	    mount("debugfs", DEBUGFS, "debugfs", 0, NULL))
		return -errno;
	snprintf(buf, len, DEBUGFS "/footsock/%s", name);
	for (i = 0; i < 100 && access(buf, F_OK); i++)
		nanosleep(&tick, NULL);
	return access(buf, F_OK) ? -errno : 0;
}

static long env_long(const char *name, long def)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 0) : def;
}

/* How the IIO core prints IIO_VAL_FRACTIONAL num/den (both positive). */
static void fractional(char *buf, size_t len, int32_t num, int32_t den)
{
	int64_t v = (int64_t)num * 1000000000LL / den;

	snprintf(buf, len, "%" PRId64 ".%09" PRId64, v / (int64_t)1000000000,
		 v % (int64_t)1000000000);
}

/* The value every channel of frame SEQ carries (emu_pattern_sample()). */
static bool pattern_ok(const struct scan *s, uint32_t seq)
{
	uint32_t i;

	for (i = 2; i < FOOTSOCK_NUM_PRESSURE; i++)
		if (s->pressure[i] != (uint16_t)((seq * 31u + i * 977u) & 0xffff))
			return false;
	for (i = 0; i < FOOTSOCK_NUM_TEMP; i++)
		if (s->temp[i] != (int16_t)(uint16_t)(seq * 7u + i * 1001u - 3000u))
			return false;
	return true;
}

static uint32_t scan_seq(const struct scan *s)
{
	return s->pressure[0] | (uint32_t)s->pressure[1] << 16;
}

/* --- the faults footsock-emu injects ------------------------------------ */

enum fault { F_NONE, F_DROP, F_DUP, F_REORDER, F_BADCRC, F_BADVERSION,
	     F_SHORT, F_BADLEN, F_OVERSIZE, F_STALL };

static const char *const fault_names[] = {
	[F_NONE] = "none", [F_DROP] = "drop", [F_DUP] = "dup",
	[F_REORDER] = "reorder", [F_BADCRC] = "badcrc",
	[F_BADVERSION] = "badversion", [F_SHORT] = "short",
	[F_BADLEN] = "badlen", [F_OVERSIZE] = "oversize", [F_STALL] = "stall",
};

/* The emulator's account of a run, from its "STOP:" line. */
struct emu_run {
	unsigned long long frames, transfers, shorts, short_frames,
		short_trailing, oversize, padding, zlps, zlp_unconfirmed,
		cut_frames, cut_padding;
};

/* The last "footsock-emu: STOP: ..." line of the log at PATH. */
static int emu_run_read(const char *path, struct emu_run *r)
{
	static const char key[] = "footsock-emu: STOP: ";
	char line[512], last[512] = "";
	FILE *f = fopen(path, "r");

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, sizeof(key) - 1))
			memcpy(last, line, sizeof(last));
	fclose(f);
	if (sscanf(last, "footsock-emu: STOP: %llu frames in %llu transfers; "
		   "short %llu (%llu frames, %llu after the last whole "
		   "transfer), oversize %llu (%llu padding frames), zlp %llu "
		   "(+%llu unconfirmed), cut oversize %llu+%llu", &r->frames,
		   &r->transfers, &r->shorts, &r->short_frames,
		   &r->short_trailing, &r->oversize, &r->padding, &r->zlps,
		   &r->zlp_unconfirmed, &r->cut_frames, &r->cut_padding) != 11)
		return -EPROTO;
	return 0;
}

static int fault_parse(const char *spec, enum fault *kind, unsigned long *n)
{
	size_t i, l;

	*kind = F_NONE;
	*n = 0;
	if (!spec || !*spec || !strcmp(spec, "none"))
		return 0;
	for (i = 1; i < sizeof(fault_names) / sizeof(fault_names[0]); i++) {
		l = strlen(fault_names[i]);
		if (!strncmp(spec, fault_names[i], l) && spec[l] == '=') {
			*kind = (enum fault)i;
			*n = strtoul(spec + l + 1, NULL, 10);
			return *n ? 0 : -1;
		}
	}
	return -1;
}

/*
 * Per-frame faults hit the frames whose (seq + 1) is a multiple of N
 * (tools/emu/stream.c, emit_frame()): seq restarts at 0 at START.
 */
static bool frame_hit(unsigned long n, uint32_t seq)
{
	return n && ((uint64_t)seq + 1) % n == 0;
}

/* --- the fixture: one footsock IIO device -------------------------------- */

FIXTURE(footsock) {
	char dir[64];		/* /sys/bus/iio/devices/iio:deviceN */
	char node[32];		/* /dev/iio:deviceN */
	char dbg[96];		/* /sys/kernel/debug/footsock/iio:deviceN */
};

void footsock_setup(struct __test_metadata *_metadata,
		    FIXTURE_DATA(footsock) *self,
		    const FIXTURE_VARIANT(footsock) *variant);
void footsock_teardown(struct __test_metadata *_metadata,
		       FIXTURE_DATA(footsock) *self,
		       const FIXTURE_VARIANT(footsock) *variant);

FIXTURE_SETUP(footsock)
{
	const char *serial = getenv("FOOTSOCK_SERIAL");
	char path[64], buf[64];
	struct dirent *de;
	DIR *d;
	int ret;

	self->dir[0] = '\0';
	d = opendir(IIO_SYS);
	ASSERT_NE(NULL, d) TH_LOG("no %s", IIO_SYS);
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "iio:device", 10))
			continue;
		snprintf(path, sizeof(path), IIO_SYS "/%.32s", de->d_name);
		if (attr_read(path, "name", buf, sizeof(buf)) ||
		    strcmp(buf, "footsock"))
			continue;
		if (serial && *serial &&
		    (attr_read(path, "serialnumber", buf, sizeof(buf)) ||
		     strcmp(buf, serial)))
			continue;
		memcpy(self->dir, path, sizeof(self->dir));
		snprintf(self->node, sizeof(self->node), "/dev/%.20s",
			 de->d_name);
		break;
	}
	closedir(d);
	ASSERT_NE('\0', self->dir[0])
		TH_LOG("no footsock IIO device (serial %s)", serial ?: "any");
	TH_LOG("device %s", self->dir);
	ret = debugfs_dir(strrchr(self->dir, '/') + 1, self->dbg,
			  sizeof(self->dbg));
	ASSERT_EQ(0, ret) TH_LOG("%s: %s", self->dbg, strerror(-ret));
}

FIXTURE_TEARDOWN(footsock)
{
	/* A failed capture leaves the buffer on; later cases need it off. */
	if (self->dir[0])
		attr_write(self->dir, "buffer/enable", "0");
}

/*
 * Channels, scan elements, labels, scale and offset exactly as GET_INFO
 * reported them, and the device attributes.
 */
TEST_F(footsock, channels)
{
	const char *foot = getenv("FOOTSOCK_FOOT");
	bool tared = env_long("FOOTSOCK_TARED", 0) == 1;
	char name[96], buf[128], want[64];
	struct emu_calib calib;
	int en = 0, ch;
	struct dirent *de;
	DIR *d;

	emu_calib_init(&calib);

	/* 22 data channels and the timestamp, nothing else. */
	snprintf(buf, sizeof(buf), "%s/scan_elements", self->dir);
	d = opendir(buf);
	ASSERT_NE(NULL, d);
	while ((de = readdir(d)))
		if (strlen(de->d_name) > 3 &&
		    !strcmp(de->d_name + strlen(de->d_name) - 3, "_en"))
			en++;
	closedir(d);
	EXPECT_EQ(FOOTSOCK_NUM_CHANNELS + 1, en);

	for (ch = 0; ch < FOOTSOCK_NUM_CHANNELS; ch++) {
		bool p = ch < FOOTSOCK_NUM_PRESSURE;
		int i = p ? ch : ch - FOOTSOCK_NUM_PRESSURE;
		const char *kind = p ? "pressure" : "temp";

		snprintf(name, sizeof(name), "scan_elements/in_%s%d_index", kind, i);
		EXPECT_EQ(ch, attr_ll(self->dir, name)) TH_LOG("%s", name);
		snprintf(name, sizeof(name), "scan_elements/in_%s%d_type", kind, i);
		ASSERT_EQ(0, attr_read(self->dir, name, buf, sizeof(buf)));
		EXPECT_STREQ(p ? "le:u16/16>>0" : "le:s16/16>>0", buf);

		snprintf(name, sizeof(name), "in_%s%d_label", kind, i);
		ASSERT_EQ(0, attr_read(self->dir, name, buf, sizeof(buf)))
			TH_LOG("%s", name);
		EXPECT_STREQ(p ? pressure_label[i] : temp_label[i], buf)
			TH_LOG("%s", name);

		snprintf(name, sizeof(name), "in_%s%d_scale", kind, i);
		ASSERT_EQ(0, attr_read(self->dir, name, buf, sizeof(buf)));
		fractional(want, sizeof(want), calib.num[ch], calib.den[ch]);
		EXPECT_STREQ(want, buf) TH_LOG("%s", name);

		snprintf(name, sizeof(name), "in_%s%d_offset", kind, i);
		EXPECT_EQ(p && tared ? 0 : calib.offset[ch],
			  attr_ll(self->dir, name)) TH_LOG("%s", name);
	}
	snprintf(name, sizeof(name), "scan_elements/in_timestamp_index");
	EXPECT_EQ(FOOTSOCK_NUM_CHANNELS, attr_ll(self->dir, name));
	ASSERT_EQ(0, attr_read(self->dir, "scan_elements/in_timestamp_type",
			       buf, sizeof(buf)));
	EXPECT_STREQ("le:s64/64>>0", buf);
	/* No channel beyond the contract's. */
	snprintf(name, sizeof(name), "%s/in_pressure16_label", self->dir);
	EXPECT_NE(0, access(name, F_OK));
	snprintf(name, sizeof(name), "%s/in_temp6_label", self->dir);
	EXPECT_NE(0, access(name, F_OK));

	ASSERT_EQ(0, attr_read(self->dir, "sampling_frequency_available",
			       buf, sizeof(buf)));
	EXPECT_STREQ("[50 1 1000]", buf);
	ASSERT_EQ(0, attr_read(self->dbg, "firmware_version", buf, sizeof(buf)));
	EXPECT_STREQ("1.0", buf);
	ASSERT_EQ(0, attr_read(self->dir, "label", buf, sizeof(buf)));
	EXPECT_STREQ(foot && *foot ? foot : "left", buf);
	if (getenv("FOOTSOCK_SERIAL")) {
		ASSERT_EQ(0, attr_read(self->dir, "serialnumber", buf,
				       sizeof(buf)));
		EXPECT_STREQ(getenv("FOOTSOCK_SERIAL"), buf);
	}
	if (getenv("FOOTSOCK_RATE"))
		EXPECT_EQ(env_long("FOOTSOCK_RATE", 0),
			  attr_ll(self->dir, "sampling_frequency"));
}

/* Every scan element on, monotonic timestamps, a large buffer. */
static int buffer_setup(const char *dir, long watermark)
{
	char name[96], buf[32];
	int ch, ret = 0;

	for (ch = 0; ch < FOOTSOCK_NUM_CHANNELS; ch++) {
		snprintf(name, sizeof(name), "scan_elements/in_%s%d_en",
			 ch < FOOTSOCK_NUM_PRESSURE ? "pressure" : "temp",
			 ch < FOOTSOCK_NUM_PRESSURE ? ch :
						      ch - FOOTSOCK_NUM_PRESSURE);
		ret = ret ?: attr_write(dir, name, "1");
	}
	ret = ret ?: attr_write(dir, "scan_elements/in_timestamp_en", "1");
	ret = ret ?: attr_write(dir, "current_timestamp_clock", "monotonic");
	ret = ret ?: attr_write(dir, "buffer/length", "16384");
	snprintf(buf, sizeof(buf), "%ld", watermark);
	ret = ret ?: attr_write(dir, "buffer/watermark", buf);
	return ret;
}

struct counters {
	long long frames, gaps, crc, shorts;
};

/* The driver's counters, from its debugfs directory DBG. */
static void counters_read(const char *dbg, struct counters *c)
{
	c->frames = attr_ll(dbg, "frames");
	c->gaps = attr_ll(dbg, "sequence_gaps");
	c->crc = attr_ll(dbg, "crc_errors");
	c->shorts = attr_ll(dbg, "short_transfers");
}

/* What a capture saw. */
struct capture {
	struct scan *scans;
	size_t n, cap;
	size_t bad_pattern;	/* scans whose values do not match their seq */
	size_t not_increasing;	/* seq not above the previous one */
	size_t ts_not_increasing;
	uint64_t holes;		/* sequence numbers missing in the data */
	size_t wrong_holes;	/* missing though not hit by the fault, or
				 * present though it should not be */
	uint64_t hit;		/* frames 0..last the per-frame fault hit */
	/* timestamp spacing over consecutive scans, per sequence step */
	size_t pairs, pairs_off5, pairs_below_half;
	double mean_ratio, min_ratio, max_ratio;
};

static int capture_add(struct capture *c, const struct scan *s, size_t n)
{
	if (c->n + n > c->cap) {
		size_t cap = (c->n + n) * 2;
		struct scan *p = realloc(c->scans, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		c->scans = p;
		c->cap = cap;
	}
	memcpy(c->scans + c->n, s, n * sizeof(*s));
	c->n += n;
	return 0;
}

/*
 * Reads until WANT scans (0: until an error) or a 5 s silence, at most
 * CHUNK scans per read() (a blocking read waits for min(CHUNK, watermark)).
 */
static int capture_read(int fd, struct capture *c, size_t want, bool nonblock,
			size_t chunk)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct scan *buf = calloc(chunk, sizeof(*buf));
	int ret = 0;
	ssize_t r;
	size_t n;

	if (!buf)
		return -ENOMEM;
	while (!want || c->n < want) {
		if (nonblock) {
			r = poll(&pfd, 1, 5000);
			if (r <= 0) {
				ret = r ? -errno : -ETIMEDOUT;
				break;
			}
		}
		n = chunk;
		if (want && want - c->n < n)
			n = want - c->n;
		r = read(fd, buf, n * sizeof(buf[0]));
		if (r < 0) {
			if (errno == EAGAIN)
				continue;
			ret = -errno;
			break;
		}
		if (r % sizeof(buf[0])) {
			ret = -EPROTO;
			break;
		}
		if (capture_add(c, buf, r / sizeof(buf[0]))) {
			ret = -ENOMEM;
			break;
		}
	}
	free(buf);
	return ret;
}

/* Whatever is left in the (disabled) buffer: read until EAGAIN. */
static int capture_drain(int fd, struct capture *c)
{
	struct scan buf[256];
	ssize_t r;

	for (;;) {
		r = read(fd, buf, sizeof(buf));
		if (r < 0)
			return errno == EAGAIN ? 0 : -errno;
		if (r == 0)
			return 0;
		if (capture_add(c, buf, r / sizeof(buf[0])))
			return -ENOMEM;
	}
}

static void capture_analyse(struct capture *c, enum fault kind,
			    unsigned long nth, double rate)
{
	double period = 1e9 / rate, sum = 0;
	bool per_frame = kind == F_DROP || kind == F_REORDER ||
			 kind == F_BADCRC || kind == F_BADVERSION;
	bool holes_allowed = kind == F_SHORT;
	uint32_t prev = 0, s, q;
	size_t i;

	c->min_ratio = 1e9;
	c->max_ratio = 0;
	for (i = 0; i < c->n; i++) {
		s = scan_seq(&c->scans[i]);
		if (!pattern_ok(&c->scans[i], s))
			c->bad_pattern++;
		/* the sequence numbers before this scan that are missing */
		for (q = i ? prev + 1 : 0; q < s; q++) {
			c->holes++;
			if (!holes_allowed && !(per_frame && frame_hit(nth, q)))
				c->wrong_holes++;
		}
		if (i && s <= prev) {
			c->not_increasing++;
			continue;
		}
		if (i) {
			int64_t dt = c->scans[i].timestamp -
				     c->scans[i - 1].timestamp;
			double ratio = (double)dt / ((double)(s - prev) * period);

			if (dt <= 0)
				c->ts_not_increasing++;
			c->pairs++;
			sum += ratio;
			if (ratio < c->min_ratio)
				c->min_ratio = ratio;
			if (ratio > c->max_ratio)
				c->max_ratio = ratio;
			if (ratio < 0.95 || ratio > 1.05)
				c->pairs_off5++;
			if (ratio < 0.5)
				c->pairs_below_half++;
		}
		/* a frame the per-frame fault removes must not be there */
		if (per_frame && frame_hit(nth, s))
			c->wrong_holes++;
		prev = s;
	}
	if (c->n) {
		for (q = 0; q <= prev; q++)
			if (frame_hit(nth, q))
				c->hit++;
	}
	c->mean_ratio = c->pairs ? sum / c->pairs : 0;
}

static void capture_log(struct __test_metadata *_metadata,
			const struct capture *c, double rate)
{
	TH_LOG("%zu scans, seq %u..%u, %" PRIu64 " missing (%zu unexpected), "
	       "%zu bad values, %zu out of order, %zu timestamps not increasing",
	       c->n, c->n ? scan_seq(&c->scans[0]) : 0,
	       c->n ? scan_seq(&c->scans[c->n - 1]) : 0, c->holes,
	       c->wrong_holes, c->bad_pattern, c->not_increasing,
	       c->ts_not_increasing);
	TH_LOG("timestamp step / (seq step * 1/%.0f s): mean %.4f min %.3f "
	       "max %.3f, %zu of %zu pairs off by > 5 %%, %zu below 0.5",
	       rate, c->mean_ratio, c->min_ratio, c->max_ratio, c->pairs_off5,
	       c->pairs, c->pairs_below_half);
}

/*
 * Checks the timestamps: strictly increasing, never closer than half a
 * period (docs/protocol.md section 9), spaced 1/rate within 5 % per
 * sequence step over the whole capture and for at least 95 % of the
 * consecutive scans (the clock mapping may move by up to half a period
 * when a transfer with less latency than any before arrives).
 */
static void check_timestamps(struct __test_metadata *_metadata,
			     const struct capture *c, double rate)
{
	const struct scan *a = &c->scans[0], *b = &c->scans[c->n - 1];
	double span;

	EXPECT_EQ(0, c->ts_not_increasing);
	EXPECT_EQ(0, c->pairs_below_half);
	ASSERT_LT(1, c->n);
	span = (double)(b->timestamp - a->timestamp) /
	       ((double)(scan_seq(b) - scan_seq(a)) * 1e9 / rate);
	EXPECT_TRUE(span > 0.95 && span < 1.05)
		TH_LOG("first-to-last spacing %.4f of 1/rate", span);
	EXPECT_GE(c->pairs / 20, c->pairs_off5);
}

/*
 * A buffered capture: every frame sent arrives, bit for bit, in order,
 * with device-clock timestamps; the counters move exactly as the fault
 * the emulator injects requires.
 */
TEST_F_TIMEOUT(footsock, capture, 120)
{
	double rate = (double)env_long("FOOTSOCK_RATE", 0);
	long dev_rate = attr_ll(self->dir, "sampling_frequency");
	struct capture c = { 0 };
	struct counters before, after;
	unsigned long nth;
	enum fault kind;
	size_t want;
	int fd, ret;

	ASSERT_EQ(0, fault_parse(getenv("FOOTSOCK_FAULT"), &kind, &nth))
		TH_LOG("bad FOOTSOCK_FAULT %s", getenv("FOOTSOCK_FAULT"));
	if (rate == 0)
		rate = (double)dev_rate;
	EXPECT_EQ((long)rate, dev_rate);
	want = (size_t)env_long("FOOTSOCK_SCANS", (long)(2 * rate));

	ASSERT_EQ(0, buffer_setup(self->dir, 1));
	fd = open(self->node, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd) TH_LOG("open %s: %s", self->node, strerror(errno));
	counters_read(self->dbg, &before);
	ASSERT_EQ(0, attr_write(self->dir, "buffer/enable", "1"));
	ret = capture_read(fd, &c, want, true, 256);
	EXPECT_EQ(0, ret) TH_LOG("read: %s after %zu scans", strerror(-ret), c.n);
	ASSERT_EQ(0, attr_write(self->dir, "buffer/enable", "0"));
	/* the stream has stopped: the counters are final */
	counters_read(self->dbg, &after);
	EXPECT_EQ(0, capture_drain(fd, &c));
	close(fd);

	capture_analyse(&c, kind, nth, rate);
	capture_log(_metadata, &c, rate);
	TH_LOG("counters: frames +%lld, sequence_gaps +%lld, crc_errors +%lld, "
	       "short_transfers +%lld", after.frames - before.frames,
	       after.gaps - before.gaps, after.crc - before.crc,
	       after.shorts - before.shorts);

	ASSERT_LE(want, c.n);
	/* the data: a stream from seq 0, every value exact */
	EXPECT_EQ(0, scan_seq(&c.scans[0]));
	EXPECT_EQ(0, c.bad_pattern);
	EXPECT_EQ(0, c.not_increasing);
	EXPECT_EQ(0, c.wrong_holes);
	check_timestamps(_metadata, &c, rate);

	/* every accepted frame was pushed, and only those */
	EXPECT_EQ((long long)c.n, after.frames - before.frames);

	switch (kind) {
	case F_NONE:
	case F_BADLEN:		/* an empty transfer, then the real one */
	case F_STALL:		/* the halt is cleared, nothing is lost */
		EXPECT_EQ(0, c.holes);
		EXPECT_EQ(0, after.gaps - before.gaps);
		break;
	case F_DROP:
		EXPECT_EQ(c.hit, c.holes);
		EXPECT_EQ((long long)c.holes, after.gaps - before.gaps);
		break;
	case F_BADCRC:
	case F_BADVERSION:
		EXPECT_EQ(c.hit, c.holes);
		EXPECT_EQ((long long)c.holes, after.crc - before.crc);
		EXPECT_EQ((long long)c.holes, after.gaps - before.gaps);
		break;
	case F_DUP:
		/* each duplicate costs 1; the last may have been discarded */
		EXPECT_EQ(0, c.holes);
		EXPECT_LE((long long)c.hit - 1, after.gaps - before.gaps);
		EXPECT_GE((long long)c.hit, after.gaps - before.gaps);
		EXPECT_LT(0, c.hit);
		break;
	case F_REORDER:
		/* a swap: one number skipped, one late frame dropped */
		EXPECT_EQ(c.hit, c.holes);
		EXPECT_LE(2 * (long long)c.holes - 1, after.gaps - before.gaps);
		EXPECT_GE(2 * (long long)c.holes, after.gaps - before.gaps);
		break;
	case F_SHORT:
		/* whole transfers lost: their frames are sequence gaps */
		EXPECT_EQ((long long)c.holes, after.gaps - before.gaps);
		break;
	case F_OVERSIZE:
		/*
		 * The UDC sends maxpacket + 64 bytes as two packets: the
		 * real frames and zero padding fill one URB, 64 zero bytes
		 * the next. Zero frames fail the CRC; no real frame is lost.
		 */
		EXPECT_EQ(0, c.holes);
		EXPECT_EQ(0, after.gaps - before.gaps);
		break;
	}
	if (kind != F_BADCRC && kind != F_BADVERSION && kind != F_OVERSIZE)
		EXPECT_EQ(0, after.crc - before.crc);
	if (kind != F_SHORT && kind != F_BADLEN)
		EXPECT_EQ(0, after.shorts - before.shorts);
	if (kind != F_NONE && kind != F_SHORT && kind != F_BADLEN &&
	    kind != F_OVERSIZE && kind != F_STALL)
		EXPECT_LT(0, c.hit) TH_LOG("the fault never hit: capture longer");

	/*
	 * What the emulator put on the bus in this run (every write the
	 * host's URBs took, up to STOP) against what the driver counted.
	 */
	if (kind == F_SHORT || kind == F_OVERSIZE || kind == F_BADLEN)
		ASSERT_NE(NULL, getenv("FOOTSOCK_EMU_LOG"))
			TH_LOG("%s needs FOOTSOCK_EMU_LOG", fault_names[kind]);
	if (getenv("FOOTSOCK_EMU_LOG")) {
		struct emu_run r;

		ret = emu_run_read(getenv("FOOTSOCK_EMU_LOG"), &r);
		ASSERT_EQ(0, ret) TH_LOG("no STOP line in %s: %s",
					 getenv("FOOTSOCK_EMU_LOG"), strerror(-ret));
		TH_LOG("emulator: %llu frames in %llu transfers; short %llu "
		       "(%llu frames, %llu trailing), oversize %llu (%llu "
		       "padding), zlp %llu (+%llu), cut %llu+%llu", r.frames,
		       r.transfers, r.shorts, r.short_frames, r.short_trailing,
		       r.oversize, r.padding, r.zlps, r.zlp_unconfirmed,
		       r.cut_frames, r.cut_padding);
		switch (kind) {
		case F_NONE:
		case F_DROP:
		case F_STALL:
			/* every frame on the bus was pushed */
			EXPECT_EQ((long long)r.frames, after.frames - before.frames);
			break;
		case F_SHORT:
			/* one count per cut transfer; its frames are the holes,
			 * except those after the last whole transfer, which no
			 * later frame revealed as missing */
			EXPECT_LT(0, r.shorts);
			EXPECT_EQ((long long)r.shorts, after.shorts - before.shorts);
			EXPECT_EQ(r.short_frames - r.short_trailing, c.holes);
			EXPECT_EQ((long long)(r.frames - r.short_frames),
				  after.frames - before.frames);
			break;
		case F_OVERSIZE: {
			/* every 64-byte block of padding is one bad frame; if
			 * STOP split the last oversize transfer, the host has
			 * its first packet or nothing of it */
			long long df = after.frames - before.frames;
			long long dc = after.crc - before.crc;
			bool whole = df == (long long)r.frames &&
				     dc == (long long)r.padding;
			bool split = r.cut_frames &&
				     df == (long long)(r.frames + r.cut_frames) &&
				     dc == (long long)(r.padding + r.cut_padding);

			EXPECT_LT(0, r.oversize);
			EXPECT_TRUE(whole || split)
				TH_LOG("frames +%lld, crc_errors +%lld", df, dc);
			break;
		}
		case F_BADLEN:
			/* one count per zero-length transfer the host took */
			EXPECT_LT(0, r.zlps);
			EXPECT_LE((long long)r.zlps, after.shorts - before.shorts);
			EXPECT_GE((long long)(r.zlps + r.zlp_unconfirmed),
				  after.shorts - before.shorts);
			EXPECT_EQ((long long)r.frames, after.frames - before.frames);
			break;
		default:
			break;
		}
	}
	free(c.scans);
}

/*
 * The sysfs controls: sampling_frequency refuses out-of-range values and
 * changes while the buffer runs; tare refuses anything but 1, works while
 * streaming, and leaves the pressure offsets at 0.
 */
TEST_F(footsock, controls)
{
	struct capture c = { 0 };
	char name[64];
	int fd, ch;

	EXPECT_EQ(-EINVAL, attr_write(self->dir, "sampling_frequency", "49"));
	EXPECT_EQ(-EINVAL, attr_write(self->dir, "sampling_frequency", "1001"));
	EXPECT_EQ(-EINVAL, attr_write(self->dir, "sampling_frequency", "0"));
	EXPECT_EQ(-EINVAL, attr_write(self->dir, "tare", "0"));
	EXPECT_EQ(-EINVAL, attr_write(self->dir, "tare", "2"));
	EXPECT_EQ(0, attr_write(self->dir, "sampling_frequency", "50"));
	EXPECT_EQ(50, attr_ll(self->dir, "sampling_frequency"));
	EXPECT_EQ(0, attr_write(self->dir, "sampling_frequency", "1000"));
	EXPECT_EQ(1000, attr_ll(self->dir, "sampling_frequency"));

	ASSERT_EQ(0, buffer_setup(self->dir, 1));
	fd = open(self->node, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, attr_write(self->dir, "buffer/enable", "1"));
	EXPECT_EQ(0, capture_read(fd, &c, 100, true, 256));
	EXPECT_EQ(-EBUSY, attr_write(self->dir, "sampling_frequency", "500"));
	EXPECT_EQ(1000, attr_ll(self->dir, "sampling_frequency"));
	/* TARE while streaming; the stream goes on */
	EXPECT_EQ(0, attr_write(self->dir, "tare", "1"));
	EXPECT_EQ(0, capture_read(fd, &c, 300, true, 256));
	EXPECT_EQ(0, attr_write(self->dir, "buffer/enable", "0"));
	close(fd);
	capture_analyse(&c, F_NONE, 0, 1000);
	EXPECT_EQ(0, c.bad_pattern);
	EXPECT_EQ(0, c.holes);
	EXPECT_EQ(0, c.not_increasing);

	for (ch = 0; ch < FOOTSOCK_NUM_PRESSURE; ch++) {
		snprintf(name, sizeof(name), "in_pressure%d_offset", ch);
		EXPECT_EQ(0, attr_ll(self->dir, name)) TH_LOG("%s", name);
	}
	for (ch = 0; ch < FOOTSOCK_NUM_TEMP; ch++) {
		snprintf(name, sizeof(name), "in_temp%d_offset", ch);
		EXPECT_EQ(0, attr_ll(self->dir, name)) TH_LOG("%s", name);
	}
	free(c.scans);
}

/*
 * A reader streams until the sock goes away (the shell test unplugs it):
 * its read fails with ENODEV instead of hanging, the data up to then is
 * contiguous and exact, and the device node and sysfs directory go away.
 * With FOOTSOCK_WATERMARK above 256 the reader sits in its first blocking
 * read() waiting for that many scans when the unplug comes.
 */
TEST_F_TIMEOUT(footsock, read_until_unplug, 90)
{
	long watermark = env_long("FOOTSOCK_WATERMARK", 1);
	struct capture c = { 0 };
	struct stat st;
	int fd, ret, i;

	ASSERT_EQ(0, buffer_setup(self->dir, watermark));
	fd = open(self->node, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, attr_write(self->dir, "buffer/enable", "1"));
	/* say we are streaming: the shell waits for this before unplugging */
	printf("# reader: streaming\n");
	fflush(stdout);
	ret = capture_read(fd, &c, 0, false,
			   watermark > 256 ? (size_t)watermark : 256);
	EXPECT_EQ(-ENODEV, ret) TH_LOG("read: %s", strerror(-ret));
	/* a closed device stays closed */
	EXPECT_EQ(-1, read(fd, &i, sizeof(i)));
	close(fd);

	capture_analyse(&c, F_NONE, 0, 1);
	TH_LOG("%zu scans before the unplug", c.n);
	EXPECT_EQ(0, c.bad_pattern);
	EXPECT_EQ(0, c.holes);
	EXPECT_EQ(0, c.not_increasing);
	EXPECT_EQ(0, c.ts_not_increasing);
	/*
	 * With a watermark above what arrived, the read waits until the
	 * unplug; what it gets then depends on who runs first: the
	 * unregister disables the buffer and wakes the reader (so that it
	 * can drain what is buffered) just before it marks the device gone.
	 * A reader that runs in between drains the scans, exact as checked
	 * above; one that runs after gets ENODEV at once. Both are the
	 * IIO core's contract; a hang or a wrong scan are not.
	 */
	if (watermark <= 256)
		EXPECT_LT(0, c.n);

	for (i = 0; i < 50 && !stat(self->node, &st); i++)
		usleep(100000);
	EXPECT_NE(0, stat(self->node, &st)) TH_LOG("%s still there", self->node);
	EXPECT_NE(0, stat(self->dir, &st)) TH_LOG("%s still there", self->dir);
	free(c.scans);
}

TEST_HARNESS_MAIN
