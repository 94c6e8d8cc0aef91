// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd against sysfs errors, one at a time, on every sysfs path it
 * touches. The device is a synthetic IIO sysfs tree in a temporary
 * directory (as footsock.ko lays it out) with a FIFO in place of
 * /dev/iio:deviceN, driven in process as tests/unit/test-daemon-sock.c
 * does.
 *
 * For each phase (attach, tare, sampling-frequency change, the tick,
 * detach; the tick must open none) a clean run first lists the paths the
 * daemon opens, from
 * inotify (IN_CLOSE_NOWRITE: read, IN_CLOSE_WRITE: written; the
 * scan_elements directory is listed too): the list is what the daemon
 * does, not what this test expects it to do. Then each path is broken in
 * a fresh tree, one at a time, with a real error from the kernel, no
 * interposition:
 *   ENOENT   the file removed
 *   EISDIR   a directory in its place (open for writing and read() fail)
 *   EIO      a symlink to /proc/self/mem: open succeeds, read() and
 *            write() at offset 0 fail with EIO, as a sysfs attribute
 *            whose USB transfer failed does
 *   EINVAL   garbage in a file the daemon reads
 * (the scan_elements directory: removed, or a file in its place).
 *
 * After each fault: the sock is detached (attach refused), or it keeps
 * streaming, i.e. connected with its buffer enabled and every scan
 * written to the FIFO decoded; the event loop is idle afterwards (no
 * spin: a bounded number of dispatches and of CPU time in a window
 * longer than the read hold-off); a tare or rate change that fails is
 * logged exactly once, naming the IIO device and the errno's text; an
 * attach that fails returns the errno for manager.c's "Cannot attach
 * SYSPATH: ERROR" and logs nothing itself. The figures are printed as
 * TAP diagnostics.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <dirent.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "config.h"
#include "manager.h"
#include "sock.h"
#include "check-msg.h"
#include "fake-iio.h"

#define SYSNAME "iio:device7"
#define NSCANS 20
#define LATENCY_MS 10		/* the read hold-off */
#define IDLE_USEC 30000		/* longer than the read hold-off */
#define IDLE_MAX_DISPATCH 10	/* the hold-off timer, the io: a few */
#define IDLE_MAX_CPU_MS 40.0
#define MAX_OPS 256
#define FIFO_NAME "dev-" SYSNAME

enum phase { PH_ATTACH, PH_TARE, PH_RATE, PH_TICK, PH_DETACH };
static const char *const phase_names[] = {
	"attach", "tare", "rate", "tick", "detach",
};

enum kind { K_ENOENT, K_EISDIR, K_EIO, K_GARBAGE, K_NKINDS };
static const char *const kind_names[] = { "ENOENT", "EISDIR", "EIO", "EINVAL" };

struct op {
	char name[96];
	bool read, written, dir;
};

/* A file's content in the clean tree, to put back after a fault. */
struct saved {
	char name[96];
	char value[64];
};

struct fake {
	char base[64], dir[96], fifo[128], log[128];
	struct saved saved[MAX_OPS];
	int nsaved;
	struct manager m;
	struct sock *s;
	int wfd;
	int64_t ts;
};

/*
 * The second pass, one operation at a time: the daemon's calls to open()
 * go through this wrapper (linked with -Wl,--wrap=open), which makes the
 * nth open of a path under the device directory fail with EIO. Two
 * operations on one path (buffer/enable: 0, then 1) are then failed one
 * without the other, which breaking the path cannot do. Only the
 * daemon's opens of that directory are counted (not opendir(), which the
 * first pass covers).
 */
int __real_open(const char *path, int flags, ...);
int __wrap_open(const char *path, int flags, ...);

static const char *nth_dir;	/* NULL: pass everything through */
static int nth_fail, nth_count;
#define MAX_NTH 512
static char nth_names[MAX_NTH][96];	/* what each open was, while counting */

int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (nth_dir && !strncmp(path, nth_dir, strlen(nth_dir)) &&
	    path[strlen(nth_dir)] == '/') {
		if (nth_count < MAX_NTH)
			snprintf(nth_names[nth_count], sizeof(nth_names[0]), "%s%s",
				 path + strlen(nth_dir) + 1,
				 (flags & O_ACCMODE) == O_RDONLY ? " (read)" :
				 " (write)");
		if (nth_count++ == nth_fail) {
			errno = EIO;
			return -1;
		}
	}
	return __real_open(path, flags, mode);
}

/* A regular file's first line, or "" (and false) when it is none. */
static bool get(const char *dir, const char *name, char *buf, size_t len)
{
	char path[512];
	struct stat st;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf[0] = '\0';
	if (lstat(path, &st) || !S_ISREG(st.st_mode))
		return false;
	f = fopen(path, "r");
	if (!f)
		return false;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return true;
}

/* Open fds but the event loop's own (epoll, timerfd: anon inodes). */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	char path[64], link[256];
	struct dirent *de;
	ssize_t n;
	int count = 0;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || atoi(de->d_name) == dirfd(d))
			continue;
		if (snprintf(path, sizeof(path), "/proc/self/fd/%s", de->d_name) >=
		    (int)sizeof(path))
			continue;
		n = readlink(path, link, sizeof(link) - 1);
		if (n < 0)
			continue;
		link[n] = '\0';
		count += !!strncmp(link, "anon_inode:", 11);
	}
	closedir(d);
	return count;
}

/* The tree footsock.ko makes, the tare attribute included. */
static int fake_new(struct fake *f)
{
	int r;

	memset(f, 0, sizeof(*f));
	f->wfd = -1;
	f->ts = 1000000000;
	snprintf(f->base, sizeof(f->base), "/tmp/footsockd-faults-XXXXXX");
	if (!mkdtemp(f->base))
		return -errno;
	/* The device directory has the IIO device's name, as in sysfs. */
	snprintf(f->dir, sizeof(f->dir), "%s/" SYSNAME, f->base);
	if (mkdir(f->dir, 0755))
		return -errno;
	r = fake_iio_mkdirs(f->dir);
	if (r)
		return r;
	fake_iio_device(f->dir, "left\n", "FS-0007\n");
	fake_iio_put(f->dir, "current_timestamp_clock", "realtime\n");
	fake_iio_put(f->dir, "tare", "");
	fake_iio_put(f->dir, "buffer/enable", "0\n");
	fake_iio_put(f->dir, "buffer/length", "1024\n");
	fake_iio_put(f->dir, "buffer/watermark", "1\n");
	fake_iio_channels(f->dir, "0\n");
	snprintf(f->fifo, sizeof(f->fifo), "%s/" FIFO_NAME, f->base);
	if (mkfifo(f->fifo, 0600))
		return -errno;
	snprintf(f->log, sizeof(f->log), "%s/journal", f->base);

	fs_config_default(&f->m.cfg);
	/* Attach writes the rate too: one more path. */
	f->m.cfg.sampling_frequency = 200;
	f->m.cfg.latency_ms = LATENCY_MS;
	f->m.tick_usec = 500000;
	f->m.journal_to_stderr = true;
	return sd_event_new(&f->m.event);
}

/* Back to no sock: what a fault left is freed. */
static void fake_reset(struct fake *f)
{
	struct sock *s;

	if (f->wfd >= 0)
		close(f->wfd);
	f->wfd = -1;
	while ((s = f->m.socks)) {
		f->m.socks = s->next;
		sock_free(s);
	}
	while ((s = f->m.unplugged)) {
		f->m.unplugged = s->next;
		sock_free(s);
	}
	f->s = NULL;
	/* A fresh journal rate limit for each fault. */
	memset(&f->m.rl, 0, sizeof(f->m.rl));
}

static void fake_free(struct fake *f)
{
	char cmd[256];

	fake_reset(f);
	f->m.event = sd_event_unref(f->m.event);
	if (f->base[0] &&
	    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->base) < (int)sizeof(cmd) &&
	    system(cmd))
		fprintf(stderr, "cannot remove %s\n", f->base);
}

/* Remember the clean content of every file of the tree. */
static void snapshot_dir(struct fake *f, const char *sub)
{
	char path[256], name[96], v[62];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", f->dir, sub);
	d = opendir(path);
	if (!d)
		abort();
	while ((de = readdir(d)) && f->nsaved < MAX_OPS) {
		if (snprintf(name, sizeof(name), "%s%s", sub, de->d_name) >=
		    (int)sizeof(name))
			abort();
		if (!get(f->dir, name, v, sizeof(v)))
			continue;	/* a directory, the FIFO */
		memcpy(f->saved[f->nsaved].name, name, sizeof(name));
		if (snprintf(f->saved[f->nsaved].value, sizeof(v), "%s\n", v) >=
		    (int)sizeof(v))
			abort();
		f->nsaved++;
	}
	closedir(d);
}

static void snapshot(struct fake *f)
{
	f->nsaved = 0;
	snapshot_dir(f, "");
	snapshot_dir(f, "scan_elements/");
	snapshot_dir(f, "buffer/");
}

/* Put back what a fault and the daemon changed: each path of ops that
 * was written or broken, as a clean file again. */
static void restore(struct fake *f, const struct op *ops, int n,
		    const char *broken)
{
	char path[256];
	int i, j;

	/* A broken directory first: scan_elements and all it held. */
	if (broken && !strcmp(broken, "scan_elements")) {
		snprintf(path, sizeof(path), "%s/scan_elements", f->dir);
		unlink(path);
		if (mkdir(path, 0755) && errno != EEXIST)
			abort();
		for (i = 0; i < f->nsaved; i++)
			if (!strncmp(f->saved[i].name, "scan_elements/", 14))
				fake_iio_put(f->dir, f->saved[i].name,
					     f->saved[i].value);
	}
	for (i = 0; i < f->nsaved; i++) {
		const char *name = f->saved[i].name;
		bool dirty = broken && !strcmp(name, broken);

		for (j = 0; j < n && !dirty; j++)
			dirty = ops[j].written && !strcmp(ops[j].name, name);
		if (!dirty)
			continue;
		snprintf(path, sizeof(path), "%s/%s", f->dir, name);
		if (unlink(path) && errno == EISDIR)
			rmdir(path);
		fake_iio_put(f->dir, name, f->saved[i].value);
	}
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/*
 * Run the loop for usec, or until s has frames (when s): the number of
 * iterations that dispatched something.
 */
static unsigned int run_loop(struct fake *f, uint64_t usec, struct sock *s,
			     uint64_t frames)
{
	unsigned int dispatched = 0;
	uint64_t end, now;
	int r;

	sd_event_now(f->m.event, CLOCK_MONOTONIC, &now);
	end = now + usec;
	while (now < end) {
		if (s && s->frames >= frames)
			break;
		r = sd_event_run(f->m.event, end - now);
		if (r < 0)
			break;
		dispatched += r > 0;
		sd_event_now(f->m.event, CLOCK_MONOTONIC, &now);
	}
	return dispatched;
}

/* A sock attached and streaming, and a writer on its FIFO. */
static int fake_attach(struct fake *f)
{
	int r = manager_attach_device(&f->m, f->dir, f->fifo);

	if (r < 0)
		return r;
	f->s = f->m.socks;
	f->wfd = open(f->fifo, O_WRONLY | O_CLOEXEC);
	return f->wfd < 0 ? -errno : 0;
}

/* The phase's action: what a udev add event, Tare(), SetRate() or the
 * tick call. */
static int act(struct fake *f, enum phase ph)
{
	switch (ph) {
	case PH_ATTACH:
		return fake_attach(f);
	case PH_TARE:
		return sock_tare(f->s);
	case PH_RATE:
		return sock_set_sampling_frequency(f->s, 500);
	case PH_TICK:
		sock_tick(f->s);
		return 0;
	case PH_DETACH:
		sock_detach(f->s, "test");
		return 0;
	}
	return -EINVAL;
}

/* --- which paths a phase opens: inotify on the tree -------------------- */

static int find_op(struct op *ops, int *n, const char *name)
{
	int i;

	for (i = 0; i < *n; i++)
		if (!strcmp(ops[i].name, name))
			return i;
	if (*n == MAX_OPS)
		return -1;
	memset(&ops[*n], 0, sizeof(ops[0]));
	snprintf(ops[*n].name, sizeof(ops[0].name), "%s", name);
	return (*n)++;
}

static int list_ops(struct fake *f, enum phase ph, struct op *ops, int *n)
{
	static const char *const subs[] = { "", "scan_elements/", "buffer/" };
	char buf[65536] __attribute__((aligned(8))), path[160];
	int wd[3], fd, i, r;
	ssize_t len;

	*n = 0;
	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, subs[i]);
		wd[i] = inotify_add_watch(fd, path, IN_OPEN | IN_CLOSE);
		if (wd[i] < 0) {
			close(fd);
			return -errno;
		}
	}
	r = act(f, ph);
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		char *p = buf;

		while (p < buf + len) {
			struct inotify_event *ev = (struct inotify_event *)p;
			char name[96];
			int k;

			p += sizeof(*ev) + ev->len;
			if (!ev->len)
				continue;	/* a watched directory itself */
			for (i = 0; i < 3 && wd[i] != ev->wd; i++)
				;
			if (i == 3)
				continue;
			snprintf(name, sizeof(name), "%s%s", subs[i], ev->name);
			if (!strcmp(name, SYSNAME))
				continue;	/* the device node, not sysfs */
			k = find_op(ops, n, name);
			if (k < 0) {
				close(fd);
				return -E2BIG;
			}
			ops[k].dir |= !!(ev->mask & IN_ISDIR);
			ops[k].read |= !!(ev->mask & IN_CLOSE_NOWRITE);
			ops[k].written |= !!(ev->mask & IN_CLOSE_WRITE);
		}
	}
	close(fd);
	return r;
}

/* --- one fault ---------------------------------------------------------- */

static bool applies(const struct op *op, enum kind k)
{
	if (op->dir)
		return k == K_ENOENT || k == K_EISDIR;
	return k != K_GARBAGE || op->read;
}

static int inject(struct fake *f, const struct op *op, enum kind k)
{
	char path[256], cmd[300];

	if (snprintf(path, sizeof(path), "%s/%s", f->dir, op->name) >=
	    (int)sizeof(path) ||
	    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path) >= (int)sizeof(cmd))
		return -ENAMETOOLONG;
	if (k == K_GARBAGE) {
		fake_iio_put(f->dir, op->name, "\x01garbage\n");
		return 0;
	}
	if (op->dir ? system(cmd) != 0 : unlink(path) != 0)
		return -EIO;
	switch (k) {
	case K_ENOENT:
		return 0;
	case K_EISDIR:
		if (op->dir) {		/* a file in place of the directory */
			fake_iio_put(f->dir, op->name, "");
			return 0;
		}
		return mkdir(path, 0755) ? -errno : 0;
	case K_EIO:
		return symlink("/proc/self/mem", path) ? -errno : 0;
	default:
		return -EINVAL;
	}
}

/*
 * A spin inside one of the daemon's callbacks never returns to the loop:
 * the watchdog names the fault on stdout (stderr is captured) and ends
 * the test instead of waiting for the harness's timeout.
 */
#define WATCHDOG_S 10
static char current[256];
static size_t current_len;

static void watchdog(int sig)
{
	static const char head[] = "# SPIN: the daemon did not return within 10 s: ";

	(void)sig;
	if (write(1, head, sizeof(head) - 1) < 0 ||
	    write(1, current, current_len) < 0)
		_exit(2);
	_exit(1);
}

static void watchdog_arm(enum phase ph, const struct op *op, enum kind k)
{
	current_len = (size_t)snprintf(current, sizeof(current), "%s %s %s\n",
				       phase_names[ph], op->name, kind_names[k]);
	if (current_len >= sizeof(current))
		current_len = sizeof(current) - 1;
	signal(SIGALRM, watchdog);
	alarm(WATCHDOG_S);
}

static int capture_start(const char *log)
{
	int saved, fd;

	fflush(stderr);
	saved = dup(2);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (saved < 0 || fd < 0)
		abort();
	dup2(fd, 2);
	close(fd);
	return saved;
}

static void capture_end(int saved)
{
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
}

struct tally {
	unsigned int paths, read, written, injections;
	unsigned int refused, detached, streaming_err, streaming_ok;
	unsigned int errnos[200];
	unsigned int logged, max_dispatch;
	double max_cpu_ms;
};

struct outcome {
	int r;
	bool connected, enabled;
	uint64_t frames, expected;
	unsigned int dispatched, errors, errors_naming, detached_lines;
	double cpu;
	char first_error[256];
	int fds_before, fds_after;
};

static void scan_log(const char *log, int r, struct outcome *o)
{
	char line[1024];
	FILE *f = fopen(log, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, " detached: "))
			o->detached_lines++;
		if (strncmp(line, "<3>", 3))
			continue;
		if (!o->errors++)
			memccpy(o->first_error, line, '\0', sizeof(o->first_error) - 1);
		if (r < 0 && strstr(line, SYSNAME) && strstr(line, strerror(-r)))
			o->errors_naming++;
	}
	fclose(f);
}

/*
 * The fault op/k in phase ph; what happened in o. The tree is clean and
 * has no sock before, and is so again after. Returns < 0 when the
 * fixture itself failed.
 */
static int one_fault(struct fake *f, enum phase ph, const struct op *ops,
		     int n, const struct op *op, enum kind k, int nth,
		     struct outcome *o)
{
	uint8_t buf[56 * NSCANS];
	char v[64];
	uint64_t before;
	double cpu0;
	unsigned int i;
	int saved, r = 0;

	memset(o, 0, sizeof(*o));
	o->fds_before = count_fds();
	/* The attach of the other phases is no part of the figures. */
	if (ph != PH_ATTACH) {
		saved = capture_start(f->log);
		r = fake_attach(f);
		capture_end(saved);
		if (r < 0)
			goto out;
	}
	if (nth < 0)
		r = inject(f, op, k);
	if (r < 0)
		goto out;

	watchdog_arm(ph, op, k);
	saved = capture_start(f->log);
	if (nth >= 0) {
		nth_fail = nth;
		nth_count = 0;
		nth_dir = f->dir;
	}
	o->r = act(f, ph);
	nth_dir = NULL;
	o->connected = f->s && f->s->connected;
	/*
	 * Streaming: the buffer enabled, as far as the tree can say (a
	 * broken buffer/enable keeps the state it had: enabled, except
	 * before an attach), and the scans read.
	 */
	if (get(f->dir, "buffer/enable", v, sizeof(v)))
		o->enabled = !strcmp(v, "1");
	else
		o->enabled = ph != PH_ATTACH;
	before = f->s ? f->s->frames : 0;
	if (o->connected) {
		/* Data comes whatever the daemon made of its layout. */
		for (i = 0; i < NSCANS; i++) {
			fake_iio_scan(buf + 56 * i, i, f->ts);
			f->ts += 5000000;
		}
		o->expected = f->s->layout.scan_size ?
			      sizeof(buf) / f->s->layout.scan_size : 0;
		if (write(f->wfd, buf, sizeof(buf)) == (ssize_t)sizeof(buf))
			run_loop(f, 1000000, f->s, before + o->expected);
		o->frames = f->s->frames - before;
	}
	/* Then idle: nothing may fire but the hold-off's end. */
	cpu0 = cpu_ms();
	o->dispatched = run_loop(f, IDLE_USEC, NULL, 0);
	o->cpu = cpu_ms() - cpu0;
	if (f->s)
		o->connected = f->s->connected;
	capture_end(saved);
	alarm(0);
	scan_log(f->log, o->r, o);
out:
	fake_reset(f);
	restore(f, ops, n, nth < 0 ? op->name : NULL);
	o->fds_after = count_fds();
	return r;
}

static void check_outcome(struct __test_metadata *_metadata, struct tally *t,
			  enum phase ph, const char *name, const char *kind,
			  const struct outcome *o_)
{
	struct outcome o = *o_;

	t->injections++;
	if (o.r < 0 && -o.r < (int)ARRAY_SIZE(t->errnos))
		t->errnos[-o.r]++;
	if (o.dispatched > t->max_dispatch)
		t->max_dispatch = o.dispatched;
	if (o.cpu > t->max_cpu_ms)
		t->max_cpu_ms = o.cpu;
	t->logged += o.errors;

	/* Nothing leaks: no fd left open, the FIFO's reader closed. */
	EXPECT_MSG(o.fds_before == o.fds_after,
		   "%s %s %s: %d fds before, %d after",
		   phase_names[ph], name, kind,
		   o.fds_before, o.fds_after);
	/* Never a spin. */
	EXPECT_MSG(o.dispatched <= IDLE_MAX_DISPATCH &&
		   o.cpu <= IDLE_MAX_CPU_MS,
		   "%s %s %s: the loop did not go idle: %u dispatches, %.1f ms CPU in %d ms",
		   phase_names[ph], name, kind,
		   o.dispatched, o.cpu, IDLE_USEC / 1000);
	if (o.connected) {
		/* Keeps streaming. */
		EXPECT_MSG(o.enabled && o.expected &&
			   o.frames == o.expected,
			   "%s %s %s: connected but not streaming (r=%d, buffer %s, %llu of %llu scans)",
			   phase_names[ph], name, kind,
			   o.r, o.enabled ? "enabled" : "disabled",
			   (unsigned long long)o.frames,
			   (unsigned long long)o.expected);
		if (o.r < 0)
			t->streaming_err++;
		else
			t->streaming_ok++;
	} else if (ph == PH_ATTACH) {
		EXPECT_MSG(o.r < 0, "%s %s %s: not attached, no error",
			   phase_names[ph], name, kind);
		t->refused++;
	} else {
		/* Detached, and said so once. */
		EXPECT_MSG(o.detached_lines == 1,
			   "%s %s %s: detached, %u detach messages",
			   phase_names[ph], name, kind,
			   o.detached_lines);
		t->detached++;
	}
	if (ph == PH_ATTACH || ph == PH_TICK || ph == PH_DETACH) {
		/*
		 * A failed attach is logged by its caller
		 * (manager.c: "Cannot attach SYSPATH: ERROR",
		 * from the errno returned): nothing here. The
		 * tick and detach go on quietly.
		 */
		EXPECT_MSG(o.errors == 0,
			   "%s %s %s: logged %s", phase_names[ph],
			   name, kind, o.first_error);
	} else if (o.r < 0) {
		EXPECT_MSG(o.errors == 1 && o.errors_naming == 1,
			   "%s %s %s: r=%d (%s): %u error lines, %u naming %s and the errno; first: %s",
			   phase_names[ph], name, kind,
			   o.r, strerror(-o.r), o.errors,
			   o.errors_naming, SYSNAME, o.first_error);
	} else {
		EXPECT_MSG(o.errors == 0, "%s %s %s: no error but logged %s",
			   phase_names[ph], name, kind,
			   o.first_error);
	}
}

static void print_tally(enum phase ph, const char *label,
			const struct tally *t)
{
	char errs[1024] = "";
	size_t len = 0;
	int i;

	for (i = 0; i < (int)ARRAY_SIZE(t->errnos); i++)
		if (t->errnos[i])
			len += (size_t)snprintf(errs + len, len < sizeof(errs) ?
						sizeof(errs) - len : 0, " %s:%u",
						strerrorname_np(i) ? strerrorname_np(i) : "?",
						t->errnos[i]);
	ksft_print_msg("%s%s: %u sysfs %s (%u read, %u written), %u faults injected\n",
		       phase_names[ph], label, t->paths, *label ? "opens" : "paths",
		       t->read, t->written, t->injections);
	ksft_print_msg("%s%s: %u refused at attach, %u detached, %u streaming with the error returned, %u streaming (fault tolerated)\n",
		       phase_names[ph], label, t->refused, t->detached, t->streaming_err,
		       t->streaming_ok);
	ksft_print_msg("%s%s: errors returned:%s\n", phase_names[ph], label,
		       len ? errs : " none");
	ksft_print_msg("%s%s: %u error lines logged; idle after the fault: at most %u dispatches and %.1f ms CPU in %d ms\n",
		       phase_names[ph], label, t->logged, t->max_dispatch, t->max_cpu_ms,
		       IDLE_USEC / 1000);
}

static void run_phase(struct __test_metadata *_metadata, enum phase ph)
{
	struct op attach_ops[MAX_OPS], ops[MAX_OPS], dirty[2 * MAX_OPS];
	struct tally t, tn;
	struct fake f;
	int n = 0, na = 0, nd, nth, i, r, saved;
	double t0 = now_ms();

	memset(&t, 0, sizeof(t));
	memset(&tn, 0, sizeof(tn));
	ASSERT_EQ(0, fake_new(&f));
	snapshot(&f);
	/* What attach writes, then what the phase does. */
	r = list_ops(&f, PH_ATTACH, attach_ops, &na);
	ASSERT_EQ(0, r);
	if (ph == PH_ATTACH) {
		memcpy(ops, attach_ops, sizeof(ops[0]) * (size_t)na);
		n = na;
	} else {
		r = list_ops(&f, ph, ops, &n);
	}
	ASSERT_LE(0, r);
	if (ph == PH_TICK) {
		/*
		 * The tick touches no sysfs path: the driver's counters are
		 * in debugfs, which footsockd does not read. Nothing to
		 * break; what it would open is listed all the same.
		 */
		EXPECT_EQ(0, n) TH_LOG("the tick opens %s", ops[0].name);
		ksft_print_msg("tick: 0 sysfs paths\n");
		fake_free(&f);
		return;
	}
	ASSERT_LT(0, n);
	/* The paths to put back after each fault: written by either. */
	memcpy(dirty, attach_ops, sizeof(ops[0]) * (size_t)na);
	memcpy(dirty + na, ops, sizeof(ops[0]) * (size_t)n);
	nd = na + n;
	fake_reset(&f);
	restore(&f, dirty, nd, NULL);

	for (i = 0; i < n; i++) {
		const struct op *op = &ops[i];
		enum kind k;

		t.paths++;
		t.read += op->read;
		t.written += op->written;
		for (k = 0; k < K_NKINDS; k++) {
			struct outcome o;

			if (!applies(op, k))
				continue;
			r = one_fault(&f, ph, dirty, nd, op, k, -1, &o);
			ASSERT_MSG(r == 0, "%s: cannot inject %s: %s", op->name,
				   kind_names[k], strerror(-r));
			check_outcome(_metadata, &t, ph, op->name, kind_names[k],
				      &o);
		}
	}

	/* The second pass: each open of the phase failed alone. */
	saved = capture_start(f.log);
	if (ph != PH_ATTACH)
		ASSERT_EQ(0, fake_attach(&f));
	nth_fail = -1;
	nth_count = 0;
	nth_dir = f.dir;
	r = act(&f, ph);
	nth_dir = NULL;
	capture_end(saved);
	ASSERT_LE(0, r);
	nth = nth_count < MAX_NTH ? nth_count : MAX_NTH;
	fake_reset(&f);
	restore(&f, dirty, nd, NULL);
	for (i = 0; i < nth; i++) {
		struct outcome o;
		struct op none = { .read = false };

		memcpy(none.name, nth_names[i], sizeof(none.name));
		tn.paths++;
		tn.read += strstr(nth_names[i], " (read)") != NULL;
		tn.written += strstr(nth_names[i], " (write)") != NULL;
		r = one_fault(&f, ph, dirty, nd, &none, K_EIO, i, &o);
		ASSERT_MSG(r == 0, "open #%d: %s", i, strerror(-r));
		check_outcome(_metadata, &tn, ph, nth_names[i], "EIO at open", &o);
	}

	print_tally(ph, "", &t);
	print_tally(ph, " per operation (each open failed alone with EIO)", &tn);
	ksft_print_msg("%s: %.1f s\n", phase_names[ph], (now_ms() - t0) / 1e3);
	fake_free(&f);
}

/* The harness's timeouts are per fixture test: an empty fixture. */
FIXTURE(faults)
{
	int unused;
};

void faults_setup(struct __test_metadata *_metadata,
		  FIXTURE_DATA(faults) *self,
		  const FIXTURE_VARIANT(faults) *variant);
void faults_teardown(struct __test_metadata *_metadata,
		     FIXTURE_DATA(faults) *self,
		     const FIXTURE_VARIANT(faults) *variant);

FIXTURE_SETUP(faults)
{
	self->unused = 0;
}

FIXTURE_TEARDOWN(faults)
{
}

TEST_F_TIMEOUT(faults, attach, 300)
{
	run_phase(_metadata, PH_ATTACH);
}

TEST_F_TIMEOUT(faults, tare, 300)
{
	run_phase(_metadata, PH_TARE);
}

TEST_F_TIMEOUT(faults, rate, 120)
{
	run_phase(_metadata, PH_RATE);
}

TEST_F_TIMEOUT(faults, tick, 60)
{
	run_phase(_metadata, PH_TICK);
}

TEST_F_TIMEOUT(faults, detach, 60)
{
	run_phase(_metadata, PH_DETACH);
}

TEST_HARNESS_MAIN
