// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: one sock. Its data comes from an IIO device (configured and
 * read here) or from a replayed recording (replay.c calls sock_feed());
 * either way the frames go through sock_feed() into the analysis. What
 * happens to it (attached, detached, a new level or cause, frames lost)
 * it reports to its manager, which tells the journal, the bus and the
 * recorder.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

#include "bus-names.h"
#include "manager.h"
#include "probe.h"
#include "sock.h"
#include "util.h"

#define READ_SCANS 256

const char *sock_foot_name(const struct sock *s)
{
	return s->foot == FS_LEFT ? "left" : "right";
}

static int sock_alloc(struct manager *m, enum fs_foot_side foot,
		      const char *serial, struct sock **out)
{
	_cleanup_(sock_freep) struct sock *s = NULL;
	struct fs_params p;
	int r;

	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->m = m;
	s->fd = -1;
	s->foot = foot;
	s->cause = -1;
	s->level = FS_LEVEL_OK;
	snprintf(s->serial, sizeof(s->serial), "%s", serial);
	fs_frame_clear(&s->last);
	manager_sock_params(m, foot, &p);
	r = fs_foot_new(&p, &s->analysis);
	if (r < 0)
		return r;
	fs_foot_state(s->analysis, &s->st);
	/* Named from the start, by serial: unplugged and back, a sock keeps
	 * its object. */
	r = sd_bus_path_encode(FS_BUS_SOCK_PREFIX, serial, &s->path);
	if (r < 0)
		return r;
	*out = TAKE_PTR(s);
	return 0;
}

struct sock *sock_free(struct sock *s)
{
	if (!s)
		return NULL;
	s->io = sd_event_source_disable_unref(s->io);
	s->holdoff = sd_event_source_disable_unref(s->holdoff);
	if (s->fd >= 0)
		close(s->fd);
	if (s->syspath)
		sysfs_write(s->syspath, "buffer/enable", "0");
	free(s->syspath);
	free(s->buf);
	fs_foot_free(s->analysis);
	free(s->path);
	free(s);
	return NULL;
}

void sock_refit(struct sock *s)
{
	struct fs_params p;

	manager_sock_params(s->m, s->foot, &p);
	/* only thresholds differ, which fs_foot_set_params() takes */
	if (fs_foot_set_params(s->analysis, &p) < 0)
		manager_sock_error(s, -EINVAL, "cannot apply the subject's profile");
	s->dirty = true;
}

/* The IIO device's label: the foot the sock is for. */
static int read_foot(const char *syspath, enum fs_foot_side *foot)
{
	char buf[16];
	int r;

	r = sysfs_read(syspath, "label", buf, sizeof(buf));
	if (r < 0)
		return r;
	if (!strcmp(buf, "left"))
		*foot = FS_LEFT;
	else if (!strcmp(buf, "right"))
		*foot = FS_RIGHT;
	else
		return -EINVAL;
	return 0;
}

/*
 * The firmware version, "MAJOR.MINOR" as the driver shows GET_INFO's
 * fw_version. The driver keeps it in debugfs, which footsockd (not root)
 * cannot read; the sock's device descriptor carries the same number as
 * bcdDevice (docs/protocol.md), in the USB device's sysfs directory: the
 * IIO device's parent is the USB interface, whose parent is the device.
 * "" when neither has a bcdDevice of four hex digits.
 */
static void read_firmware(const char *syspath, char *buf, size_t len)
{
	_cleanup_free_ char *dir = NULL;
	unsigned int v;
	char bcd[16];
	int i;

	buf[0] = '\0';
	dir = realpath(syspath, NULL);
	if (!dir)
		return;
	for (i = 0; i < 2; i++) {
		char *slash = strrchr(dir, '/');

		if (!slash || slash == dir)
			return;
		*slash = '\0';
		if (sysfs_read(dir, "bcdDevice", bcd, sizeof(bcd)) < 0)
			continue;
		if (strlen(bcd) != 4 || strspn(bcd, "0123456789abcdefABCDEF") != 4)
			return;
		v = (unsigned int)strtoul(bcd, NULL, 16) & 0xffff;
		snprintf(buf, len, "%u.%u", v >> 8, v & 0xff);
		return;
	}
}

static void sock_read_ts(struct sock *s, const uint8_t *scan)
{
	struct fs_frame fr;
	int64_t ts;

	fs_iio_decode(&s->layout, scan, &fr, &ts);
	if (ts < 0) {
		/* No timestamp channel: the sampling period. */
		ts = s->last_ts_ns >= 0 ?
		     s->last_ts_ns + (int64_t)(1e9 / (s->rate_hz ? s->rate_hz : 200)) : 0;
	} else if (s->last_ts_ns >= 0 && s->rate_hz) {
		double dt = (double)(ts - s->last_ts_ns) * 1e-9;
		double lost = round(dt * s->rate_hz) - 1.0;

		/* More than half a period late: frames went missing (a
		 * sequence gap, or a buffer overrun that dropped scans). */
		if (dt > 1.5 / s->rate_hz && lost >= 1.0) {
			s->gaps += (uint64_t)lost;
			manager_sock_gap(s, (uint64_t)lost, "timestamp spacing");
		}
	}
	s->last_ts_ns = ts;
	fr.t = (double)ts * 1e-9;
	sock_feed(s, &fr);
}

/*
 * IIO wakes a poller on every scan pushed (the watermark only decides
 * what poll() then reports), so a sock read on EPOLLIN alone would wake
 * the daemon at the sampling rate. After each read the fd leaves the
 * epoll set for latency_ms, during which the watermark's worth of scans
 * collects: about 1000 / latency_ms wake-ups a second per sock, and data
 * at most about latency_ms old.
 */
static int sock_holdoff_end(sd_event_source *es, uint64_t usec, void *data)
{
	struct sock *s = data;

	(void)es, (void)usec;
	if (s->io)
		(void)sd_event_source_set_enabled(s->io, SD_EVENT_ON);
	return 0;
}

static void sock_holdoff(struct sock *s)
{
	uint64_t usec = (uint64_t)s->m->cfg.latency_ms * 1000, now = 0;
	int r;

	if (sd_event_now(s->m->event, CLOCK_MONOTONIC, &now) < 0)
		return;
	if (!s->holdoff) {
		r = sd_event_add_time(s->m->event, &s->holdoff, CLOCK_MONOTONIC,
				      now + usec, usec / 10, sock_holdoff_end, s);
		if (r < 0)
			return;		/* stay on EPOLLIN: more wake-ups */
		(void)sd_event_source_set_description(s->holdoff, "sock-holdoff");
	} else if (sd_event_source_set_time(s->holdoff, now + usec) < 0 ||
		   sd_event_source_set_enabled(s->holdoff, SD_EVENT_ONESHOT) < 0) {
		return;
	}
	(void)sd_event_source_set_enabled(s->io, SD_EVENT_OFF);
}

/*
 * Tells footsock-trace --daemon (probe.h) that the N scans at the start of
 * the read buffer are analysed. Only a little-endian s64 timestamp
 * channel, as the driver has, can be read by the probe.
 */
static void sock_probe(const struct sock *s, size_t n)
{
	const struct fs_iio_channel *ts;
	struct footsockd_probe_batch b;

	if (s->layout.timestamp < 0 || !n)
		return;
	ts = &s->layout.ch[s->layout.timestamp];
	if (ts->be || ts->storage_bits != 64)
		return;
	b = (struct footsockd_probe_batch) {
		.version = FOOTSOCKD_PROBE_VERSION,
		.foot = (__u32)s->foot,
		.serial = (__u64)(uintptr_t)s->serial,
		.scans = (__u64)(uintptr_t)s->buf,
		.scan_size = (__u32)s->layout.scan_size,
		.ts_offset = (__u32)ts->location,
		.n = (__u32)n,
	};
	footsockd_probe_scans_analyzed(&b);
}

/*
 * Reads what the buffer holds, bounded so that one sock cannot starve the
 * loop (level-triggered epoll brings us back for the rest). polled: woken
 * by EPOLLIN, where a read of nothing means the buffer is gone. Returns
 * whether scans were read.
 */
static bool sock_drain(struct sock *s, bool polled)
{
	size_t scan = s->layout.scan_size;
	bool got = false;

	for (int round = 0; round < 8; round++) {
		ssize_t n = read(s->fd, s->buf, s->buf_size);
		size_t i;

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			sock_detach(s, strerror(errno));
			return false;
		}
		if (n == 0) {
			/* Readable but nothing to read: the buffer is gone;
			 * stop watching rather than spin. */
			if (polled)
				sock_detach(s, "end of stream");
			break;
		}
		for (i = 0; i + scan <= (size_t)n; i += scan)
			sock_read_ts(s, s->buf + i);
		sock_probe(s, i / scan);
		got = true;
		if ((size_t)n < s->buf_size)
			break;
	}
	return got;
}

static int sock_io(sd_event_source *es, int fd, uint32_t revents, void *data)
{
	struct sock *s = data;

	(void)es, (void)fd;
	if ((revents & EPOLLIN) && !s->layout.scan_size) {
		/* No layout to decode with: never loop on a zero step. */
		sock_detach(s, "no scan layout");
		return 0;
	}
	if (revents & EPOLLIN) {
		sock_drain(s, true);
		if (s->io)	/* still attached */
			sock_holdoff(s);
		return 0;
	}
	if (revents & (EPOLLHUP | EPOLLERR))
		sock_detach(s, "device hung up");
	return 0;
}

/* Wake up once per latency_ms of data: few wakeups, bounded delay. The
 * buffer must be disabled. */
static int set_watermark(const char *syspath, unsigned int rate_hz,
			 const struct fs_config *cfg)
{
	unsigned int wm = rate_hz * cfg->latency_ms / 1000;
	char buf[32];
	int r;

	if (wm < 1)
		wm = 1;
	if (wm > cfg->buffer_length / 2)
		wm = cfg->buffer_length / 2;
	snprintf(buf, sizeof(buf), "%u", wm);
	r = sysfs_write(syspath, "buffer/watermark", buf);
	return r == -ENOENT ? 0 : r;	/* kernels without watermarks */
}

int sock_attach_iio(struct sock *s, const char *syspath, const char *devnode)
{
	const struct fs_config *cfg = &s->m->cfg;
	struct fs_iio_layout layout;
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *sp = NULL;
	unsigned long long v;
	char buf[32];
	const char *sysname;
	int r;

	/* The character device is exclusive (-EBUSY while another reader,
	 * iio_readdev or a lab's script, has it): open it first, and leave
	 * that reader's buffer and settings alone if it is taken. */
	fd = open(devnode, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* Reconfigure from a known state: the buffer may be left enabled by
	 * a previous instance killed with SIGKILL. */
	sysfs_write(syspath, "buffer/enable", "0");
	/* Comparable across socks and never stepping; failure is harmless
	 * (sock_feed keeps the time non-decreasing). */
	sysfs_write(syspath, "current_timestamp_clock", "monotonic");
	if (cfg->sampling_frequency) {
		snprintf(buf, sizeof(buf), "%u", cfg->sampling_frequency);
		r = sysfs_write(syspath, "sampling_frequency", buf);
		if (r < 0)
			return r;
	}
	r = sysfs_read_u64(syspath, "sampling_frequency", &v);
	s->rate_hz = r < 0 || !v || v > 100000 ? 200 : (unsigned int)v;
	read_firmware(syspath, s->firmware, sizeof(s->firmware));

	r = fs_iio_enable_channels(syspath);
	if (r < 0)
		return r;
	r = fs_iio_read_layout(syspath, &layout);
	if (r < 0)
		return r;
	if (!layout.npressure || !layout.scan_size)
		return -ENODATA;
	snprintf(buf, sizeof(buf), "%u", cfg->buffer_length);
	r = sysfs_write(syspath, "buffer/length", buf);
	if (r < 0)
		return r;
	r = set_watermark(syspath, s->rate_hz, cfg);
	if (r < 0)
		return r;

	free(s->buf);
	s->buf_size = layout.scan_size * READ_SCANS;
	s->buf = malloc(s->buf_size);
	if (!s->buf)
		return -ENOMEM;
	s->layout = layout;

	sp = strdup(syspath);
	if (!sp)
		return -ENOMEM;
	r = sysfs_write(syspath, "buffer/enable", "1");
	if (r < 0)
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return r;
	r = sd_event_add_io(s->m->event, &s->io, fd, EPOLLIN, sock_io, s);
	if (r < 0) {
		sysfs_write(syspath, "buffer/enable", "0");
		/* cppcheck-suppress memleak ; freed by _cleanup_ */
		return r;
	}
	(void)sd_event_source_set_description(s->io, "sock-io");
	s->fd = TAKE_FD(fd);
	free(s->syspath);
	s->syspath = TAKE_PTR(sp);
	sysname = strrchr(syspath, '/');
	snprintf(s->sysname, sizeof(s->sysname), "%s", sysname ? sysname + 1 : syspath);
	s->last_ts_ns = -1;
	s->have_t = false;
	s->connected = true;
	s->dirty = true;
	manager_sock_attached(s);
	return 0;
}

int sock_new_iio(struct manager *m, const char *syspath, const char *devnode,
		 struct sock **out)
{
	_cleanup_(sock_freep) struct sock *s = NULL;
	enum fs_foot_side foot;
	char serial[32];
	int r;

	r = read_foot(syspath, &foot);
	if (r < 0)
		return r;
	r = sysfs_read(syspath, "serialnumber", serial, sizeof(serial));
	if (r <= 0)
		return r < 0 ? r : -EINVAL;
	r = sock_alloc(m, foot, serial, &s);
	if (r < 0)
		return r;
	r = sock_attach_iio(s, syspath, devnode);
	if (r < 0)
		return r;
	*out = TAKE_PTR(s);
	return 0;
}

int sock_new_replay(struct manager *m, enum fs_foot_side foot,
		    unsigned int rate_hz, struct sock **out)
{
	struct sock *s;
	int r;

	r = sock_alloc(m, foot, foot == FS_LEFT ? "replay-left" : "replay-right",
		       &s);
	if (r < 0)
		return r;
	s->replayed = true;
	s->rate_hz = rate_hz;
	s->connected = true;
	s->dirty = true;
	*out = s;
	manager_sock_attached(s);
	return 0;
}

void sock_detach(struct sock *s, const char *why)
{
	if (!s->connected)
		return;
	s->io = sd_event_source_disable_unref(s->io);
	s->holdoff = sd_event_source_disable_unref(s->holdoff);
	if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
	if (s->syspath) {
		/* Best effort: fails if the device is gone already. */
		sysfs_write(s->syspath, "buffer/enable", "0");
		free(s->syspath);
		s->syspath = NULL;
	}
	s->sysname[0] = '\0';
	s->connected = false;
	s->dirty = true;
	manager_sock_detached(s, why);
}

/* A sensor fault started (reported once) or ended (the property). */
static void sock_sensor_faults(struct sock *s)
{
	int i;

	fs_foot_state(s->analysis, &s->st);
	for (i = 0; i < FS_NZONES + FS_NTEMPS; i++) {
		bool zone = i < FS_NZONES;
		int k = zone ? i : i - FS_NZONES;
		unsigned char *was = zone ? &s->zone_fault[k] : &s->temp_fault[k];
		unsigned char now = zone ? s->st.zone_fault[k] : s->st.temp_fault[k];

		if (now == *was)
			continue;
		*was = now;
		if (now != FS_SF_NONE)
			manager_sock_sensor_fault(s, zone, k, now);
	}
	s->dirty = true;
}

/* Reliefs and escalations not told yet (one frame may bring two). */
static void sock_reliefs(struct sock *s)
{
	fs_foot_state(s->analysis, &s->st);
	if (s->st.nrelief - s->nrelief > FS_RELIEF_MAX)
		s->nrelief = s->st.nrelief - FS_RELIEF_MAX;
	for (; s->nrelief < s->st.nrelief; s->nrelief++)
		manager_sock_relief(s, &s->st.relief[s->nrelief % FS_RELIEF_MAX]);
	s->dirty = true;
}

void sock_feed(struct sock *s, struct fs_frame *fr)
{
	enum fs_level old = s->level;
	int r;

	/* Keep the analysis time non-decreasing over reattaches and clock
	 * changes: a source that restarts behind continues where we were. */
	if (!s->have_t) {
		if (s->frames && fr->t + s->t_offset < s->t_last)
			s->t_offset = s->t_last - fr->t;
		s->have_t = true;
	}
	fr->t += s->t_offset;
	if (fr->t < s->t_last)
		fr->t = s->t_last;
	s->t_last = fr->t;

	r = fs_foot_feed(s->analysis, fr);
	if (r < 0)
		return;
	s->last = *fr;
	s->frames++;
	s->dirty = true;
	manager_sock_frame(s, fr);
	if (r & (FS_EV_LEVEL | FS_EV_RED_FLAG))
		fs_foot_state(s->analysis, &s->st);
	if ((r & FS_EV_LEVEL) && s->st.level != old) {
		s->level = s->st.level;
		manager_sock_level_changed(s, old);
	}
	if ((r & FS_EV_RED_FLAG) && s->st.red_flag && !s->red_flag)
		manager_sock_red_flag(s);
	if (r & FS_EV_RED_FLAG)
		s->red_flag = s->st.red_flag;
	if (r & FS_EV_SENSOR)
		sock_sensor_faults(s);
	if (r & (FS_EV_RELIEVED | FS_EV_NOT_RELIEVED))
		sock_reliefs(s);
}

void sock_tick(struct sock *s)
{
	int cause;

	/*
	 * poll() reports a buffer readable only once it holds a watermark
	 * of scans: the last scans of a stream that stops (a sock that
	 * stalls, the end of a replay, the moments before an unplug) would
	 * wait there for good. A read of what is there, once a tick, takes
	 * them (at most one watermark, latency_ms of frames, a tick late).
	 */
	if (s->io && s->fd >= 0 && s->layout.scan_size)
		sock_drain(s, false);
	fs_foot_state(s->analysis, &s->st);
	cause = fs_state_top_cause(&s->st, &s->m->cfg.params);
	if (cause != s->cause) {
		s->cause = cause;
		s->dirty = true;
		manager_sock_cause_changed(s);
	}
	if (s->dirty) {
		s->dirty = false;
		manager_sock_changed(s);
	}
}

int sock_tare(struct sock *s)
{
	struct fs_iio_layout layout;
	int r;

	if (s->replayed)
		return -EOPNOTSUPP;
	if (!s->connected || !s->syspath)
		return -ENODEV;
	r = sysfs_write(s->syspath, "tare", "1");
	if (r < 0) {
		manager_sock_error(s, r, "tare failed");
		return r;
	}
	/*
	 * The offsets changed: decode with the new ones. Read aside, so that
	 * a failure keeps the layout the buffer streams with (the scan size
	 * cannot change while it is enabled); only the offsets are stale then.
	 */
	r = fs_iio_read_layout(s->syspath, &layout);
	if (r >= 0 && layout.scan_size != s->layout.scan_size)
		r = -EIO;
	if (r < 0) {
		manager_sock_error(s, r, "tare: cannot re-read the scan layout, keeping the old offsets");
		return r;
	}
	s->layout = layout;
	return 0;
}

int sock_set_sampling_frequency(struct sock *s, unsigned int hz)
{
	unsigned long long v;
	char buf[16];
	int r, r2;

	if (hz < 50 || hz > 1000)
		return -EINVAL;
	if (s->replayed)
		return -EOPNOTSUPP;
	if (!s->connected || !s->syspath)
		return -ENODEV;
	r = sysfs_write(s->syspath, "buffer/enable", "0");
	if (r < 0) {
		manager_sock_error(s, r, "sampling frequency: cannot stop the buffer, rate unchanged");
		return r;
	}
	snprintf(buf, sizeof(buf), "%u", hz);
	r = sysfs_write(s->syspath, "sampling_frequency", buf);
	if (sysfs_read_u64(s->syspath, "sampling_frequency", &v) >= 0 && v)
		s->rate_hz = (unsigned int)v;
	(void)set_watermark(s->syspath, s->rate_hz, &s->m->cfg);
	s->last_ts_ns = -1;
	r2 = sysfs_write(s->syspath, "buffer/enable", "1");
	s->dirty = true;
	if (r2 < 0) {
		/* Connected but silent is worse than detached: say so. */
		manager_sock_error(s, r2, "sampling frequency: cannot restart the buffer");
		sock_detach(s, "buffer not restarted");
		return r2;
	}
	if (r < 0)
		manager_sock_error(s, r, "sampling frequency: cannot set it");
	return r;
}
