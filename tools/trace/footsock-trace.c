// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-trace: per sock and per interval, the frames, sequence gaps,
 * CRC and URB errors the footsock driver reports through its trace
 * events, and a log2 histogram of each frame's latency from its device
 * timestamp to its push into the IIO buffer. libbpf-tools style: the BPF
 * side is footsock-trace.bpf.c, loaded through the skeleton bpftool
 * generates at build time; this file checks what it needs, loads, attaches
 * and prints (report.c). docs/trace.md.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "footsock-trace.h"
#include "footsock-trace.skel.h"
#include "layout.h"
#include "probe.h"
#include "report.h"

#define EXIT_USAGE	64	/* EX_USAGE, as footsockctl */
#define FT_MAX_SOCKS	64	/* the BPF map's max_entries */
#define NSEC_PER_SEC	1000000000LL

struct options {
	double interval_s;
	double duration_s;	/* 0: until SIGINT/SIGTERM */
	bool json;
	bool verbose;
	bool daemon;
	const char *daemon_path;	/* NULL: the running footsockd's */
};

static bool verbose;

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: footsock-trace [OPTION]...\n"
		"Per footsock sock and interval: frames/s, sequence gaps, CRC and URB\n"
		"errors, and a log2 histogram of the latency from a frame's device\n"
		"timestamp to its push into the IIO buffer, from the footsock driver's\n"
		"trace events (eBPF). Runs until SIGINT/SIGTERM or --duration, then\n"
		"prints the last interval. Needs root (CAP_BPF and CAP_PERFMON) and\n"
		"the footsock module loaded.\n\n"
		"  -i, --interval S  print every S seconds (default 1)\n"
		"  -d, --duration S  stop after S seconds (default: until stopped)\n"
		"  -j, --json        one JSON object per interval, one a line\n"
		"  -D, --daemon[=PATH]  also time each frame to footsockd's state:\n"
		"                    from its device timestamp and from its push\n"
		"                    (a uprobe on footsockd's probe point; PATH:\n"
		"                    its binary, default the running footsockd's)\n"
		"  -v, --verbose     libbpf's debug messages on stderr\n"
		"  -h, --help        this help\n"
		"      --version     the version\n\n"
		"See footsock-trace(8) and docs/trace.md.\n");
}

static int parse_seconds(const char *opt, const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	/* at most a year: the nanoseconds below stay far inside int64 */
	if (errno || end == s || *end || !isfinite(v) || v < 0.01 ||
	    v > 366 * 86400.0) {
		fprintf(stderr, "footsock-trace: --%s %s: expected seconds, from 0.01\n",
			opt, s);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* 0, 1 when the program should exit 0 at once (--help), or -EINVAL. */
static int parse_args(int argc, char **argv, struct options *o)
{
	enum { O_VERSION = 256 };
	static const struct option longopts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "duration", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "daemon", optional_argument, NULL, 'D' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->interval_s = 1;
	while ((c = getopt_long(argc, argv, "i:d:jD::vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (parse_seconds("interval", optarg, &o->interval_s))
				return -EINVAL;
			break;
		case 'd':
			if (parse_seconds("duration", optarg, &o->duration_s))
				return -EINVAL;
			break;
		case 'j':
			o->json = true;
			break;
		case 'D':
			o->daemon = true;
			o->daemon_path = optarg;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 1;
		case O_VERSION:
			printf("footsock-trace %s\n", FOOTSOCK_VERSION);
			return 1;
		default:
			fprintf(stderr, "Try 'footsock-trace --help'.\n");
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "footsock-trace: unexpected argument '%s'\n",
			argv[optind]);
		return -EINVAL;
	}
	return 0;
}

/*
 * Loading tracing programs takes CAP_BPF and CAP_PERFMON, or
 * CAP_SYS_ADMIN, which implies both (the kernel's bpf_capable() and
 * perfmon_capable()). Asked before anything is loaded, so that a user
 * gets one clear line rather than libbpf's EPERM on the first map.
 */
static bool privileged(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	bool admin, bpf, perfmon;

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data))
		return false;
#define HAS(cap) (!!(data[(cap) / 32].effective & (1u << ((cap) % 32))))
	admin = HAS(CAP_SYS_ADMIN);
	bpf = HAS(CAP_BPF);
	perfmon = HAS(CAP_PERFMON);
#undef HAS
	return (admin || bpf) && (admin || perfmon);
}

/* Every event there, every record laid out as footsock-trace.h says. */
static int check_events(void)
{
	char events[256], err[512];
	size_t i;
	int r;

	if (ft_tracefs_events(events, sizeof(events))) {
		fprintf(stderr, "footsock-trace: tracefs is not mounted: mount -t tracefs tracefs /sys/kernel/tracing\n");
		return -ENOENT;
	}
	for (i = 0; i < ft_n_events; i++) {
		r = ft_check_event(events, &ft_events[i], err, sizeof(err));
		if (r == -ENOENT && i == 0) {
			fprintf(stderr, "footsock-trace: no footsock trace events in %s: the footsock driver (footsock.ko) is not loaded; plug in a sock or run 'modprobe footsock'\n",
				events);
			return r;
		}
		if (r == -ENOENT) {
			fprintf(stderr, "footsock-trace: the footsock driver has no trace event %s: it is older than this footsock-trace; install both from one footsock release\n",
				ft_events[i].name);
			return r;
		}
		if (r == -EPROTO) {
			fprintf(stderr, "footsock-trace: footsock:%s: %s.\nThe footsock driver and footsock-trace disagree on the record layout (kernel/footsock_trace.h, tools/trace/footsock-trace.h); install both from one footsock release\n",
				ft_events[i].name, err);
			return r;
		}
		if (r < 0) {
			fprintf(stderr, "footsock-trace: %s\n", err);
			return r;
		}
	}
	return 0;
}

/*
 * The running footsockd's binary, as /proc/PID/exe names it: the first
 * process whose comm is "footsockd". -ENOENT when none runs, -ESTALE when
 * its binary was replaced (the uprobe would miss the running one).
 */
static int find_footsockd(char *path, size_t len)
{
	char comm[32], link[64], *end;
	struct dirent *de;
	unsigned long pid;
	ssize_t n;
	DIR *proc;
	FILE *f;
	int r = -ENOENT;

	proc = opendir("/proc");
	if (!proc)
		return -errno;
	while (r == -ENOENT && (de = readdir(proc))) {
		pid = strtoul(de->d_name, &end, 10);
		if (!pid || *end)
			continue;	/* not a process */
		snprintf(link, sizeof(link), "/proc/%lu/comm", pid);
		f = fopen(link, "re");
		if (!f)
			continue;
		if (!fgets(comm, sizeof(comm), f))
			comm[0] = '\0';
		fclose(f);
		if (strcmp(comm, "footsockd\n"))
			continue;
		snprintf(link, sizeof(link), "/proc/%lu/exe", pid);
		n = readlink(link, path, len - 1);
		if (n < 0)
			continue;	/* gone meanwhile, or not ours to see */
		path[n] = '\0';
		r = strstr(path, " (deleted)") ? -ESTALE : 0;
	}
	closedir(proc);
	return r;
}

/* --daemon: the uprobe on footsockd's probe point (daemon/probe.h). */
static int attach_daemon(const struct options *o, struct footsock_trace *skel)
{
	struct bpf_uprobe_opts uo = {
		.sz = sizeof(uo),	/* what LIBBPF_OPTS() sets */
		.func_name = FOOTSOCKD_PROBE_SYMBOL,
	};
	char found[PATH_MAX];
	const char *path = o->daemon_path;
	struct bpf_link *link;
	int r;

	if (!path) {
		r = find_footsockd(found, sizeof(found));
		if (r == -ENOENT) {
			fprintf(stderr, "footsock-trace: --daemon: footsockd is not running; start it, or name its binary: --daemon=PATH\n");
			return r;
		}
		if (r == -ESTALE) {
			fprintf(stderr, "footsock-trace: --daemon: the running footsockd's binary was replaced (%s): restart footsockd\n",
				found);
			return r;
		}
		if (r < 0) {
			fprintf(stderr, "footsock-trace: --daemon: looking for footsockd: %s\n",
				strerror(-r));
			return r;
		}
		path = found;
	}
	/* Every process that runs PATH, footsockd restarted included. */
	link = bpf_program__attach_uprobe_opts(skel->progs.footsockd_batch, -1,
					       path, 0, &uo);
	if (!link) {
		r = -errno;
		fprintf(stderr, "footsock-trace: --daemon: cannot attach to %s in %s: %s (a footsockd older than this footsock-trace has no such probe point)\n",
			FOOTSOCKD_PROBE_SYMBOL, path, strerror(-r));
		return r;
	}
	skel->links.footsockd_batch = link;
	if (o->verbose)
		fprintf(stderr, "footsock-trace: --daemon: attached to %s in %s\n",
			FOOTSOCKD_PROBE_SYMBOL, path);
	return 0;
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt,
			va_list args)
{
	if (level == LIBBPF_DEBUG && !verbose)
		return 0;
	return vfprintf(stderr, fmt, args);
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/*
 * Waits until CLOCK_MONOTONIC reaches DEADLINE or a signal of SET (blocked)
 * comes: 0 at the deadline, 1 on the signal, -errno on failure. With the
 * signals blocked and taken by sigtimedwait() there is no window in which
 * one arrives unseen.
 */
static int wait_until(const sigset_t *set, int64_t deadline)
{
	struct timespec ts;
	int64_t left;

	for (;;) {
		left = deadline - mono_ns();
		if (left <= 0)
			return 0;
		ts.tv_sec = left / NSEC_PER_SEC;
		ts.tv_nsec = left % NSEC_PER_SEC;
		if (sigtimedwait(set, NULL, &ts) >= 0)
			return 1;
		if (errno != EAGAIN && errno != EINTR)
			return -errno;
	}
}

static struct ft_sock *find_sock(struct ft_sock *socks, size_t *n,
				 const struct ft_key *key)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!memcmp(&socks[i].key, key, sizeof(*key)))
			return &socks[i];
	if (*n == FT_MAX_SOCKS)
		return NULL;
	memset(&socks[*n], 0, sizeof(socks[*n]));
	socks[*n].key = *key;
	return &socks[(*n)++];
}

static void stats_sub(struct ft_stats *d, const struct ft_stats *a,
		      const struct ft_stats *b)
{
	int i;

	d->frames = a->frames - b->frames;
	d->gaps = a->gaps - b->gaps;
	d->crc_errors = a->crc_errors - b->crc_errors;
	d->urb_errors = a->urb_errors - b->urb_errors;
	d->lat_negative = a->lat_negative - b->lat_negative;
	for (i = 0; i < FT_SLOTS; i++)
		d->lat_slots[i] = a->lat_slots[i] - b->lat_slots[i];
	d->iio_id = a->iio_id;
	d->daemon_frames = a->daemon_frames - b->daemon_frames;
	d->daemon_unpushed = a->daemon_unpushed - b->daemon_unpushed;
	d->daemon_unread = a->daemon_unread - b->daemon_unread;
	d->daemon_negative = a->daemon_negative - b->daemon_negative;
	for (i = 0; i < FT_SLOTS; i++) {
		d->device_slots[i] = a->device_slots[i] - b->device_slots[i];
		d->push_slots[i] = a->push_slots[i] - b->push_slots[i];
	}
}

/*
 * Reads the map: each sock's totals now, and what they gained since the
 * last read. Socks stay in SOCKS once seen (the map never drops them).
 */
static int collect(int map_fd, struct ft_sock *socks, size_t *n)
{
	struct ft_key key, next, *prev = NULL;
	struct ft_stats now;
	struct ft_sock *s;

	while (bpf_map_get_next_key(map_fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(map_fd, &key, &now))
			continue;	/* cannot happen: nothing deletes */
		s = find_sock(socks, n, &key);
		if (!s)
			continue;
		stats_sub(&s->delta, &now, &s->total);
		s->total = now;
	}
	return errno == ENOENT ? 0 : -errno;
}

/* Sorted by foot, then serial: left before right, the same every time. */
static int sock_cmp(const void *a, const void *b)
{
	const struct ft_sock *x = a, *y = b;

	if (x->key.foot != y->key.foot)
		return x->key.foot < y->key.foot ? -1 : 1;
	return strcmp(x->key.serial, y->key.serial);
}

static int run(const struct options *o, struct footsock_trace *skel,
	       const sigset_t *set)
{
	static struct ft_sock socks[FT_MAX_SOCKS];
	int64_t interval = (int64_t)(o->interval_s * NSEC_PER_SEC);
	int64_t start, last, now, wake, end = 0;
	int map_fd = bpf_map__fd(skel->maps.socks);
	struct timespec wall;
	size_t n = 0;
	int r, sig;

	fprintf(stderr, "Tracing footsock events: every %g s%s. Ctrl-C to end.\n",
		o->interval_s, o->duration_s ? "" : ", until stopped");
	start = last = mono_ns();
	wake = start + interval;
	if (o->duration_s) {
		end = start + (int64_t)(o->duration_s * NSEC_PER_SEC);
		if (wake > end)
			wake = end;
	}
	for (;;) {
		sig = wait_until(set, wake);
		if (sig < 0) {
			fprintf(stderr, "footsock-trace: waiting: %s\n",
				strerror(-sig));
			return sig;
		}
		now = mono_ns();
		r = collect(map_fd, socks, &n);
		if (r < 0) {
			fprintf(stderr, "footsock-trace: reading the counters: %s\n",
				strerror(-r));
			return r;
		}
		qsort(socks, n, sizeof(socks[0]), sock_cmp);
		clock_gettime(CLOCK_REALTIME, &wall);
		ft_report(stdout, o->json, o->daemon, &wall,
			  (double)(now - last) / NSEC_PER_SEC, socks, n);
		last = now;
		if (sig || (end && now >= end))
			return 0;
		while (wake <= now)
			wake += interval;
		if (end && wake > end)
			wake = end;
	}
}

int main(int argc, char **argv)
{
	struct footsock_trace *skel = NULL;
	struct options o = { 0 };
	sigset_t set;
	int r;

	r = parse_args(argc, argv, &o);
	if (r)
		return r > 0 ? 0 : EXIT_USAGE;
	verbose = o.verbose;

	if (!privileged()) {
		fprintf(stderr, "footsock-trace: needs root (or CAP_BPF and CAP_PERFMON) to load its BPF programs\n");
		return 1;
	}
	if (check_events())
		return 1;

	/*
	 * Blocked from here on and taken by sigtimedwait(): a Ctrl-C during
	 * the load ends the run after its first (short) interval. An ignored
	 * signal is discarded even while blocked, and a shell starts
	 * background commands with SIGINT ignored: the default first, so
	 * that `footsock-trace & ... kill -INT` stops it as Ctrl-C does.
	 */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL)) {
		fprintf(stderr, "footsock-trace: sigprocmask: %s\n", strerror(errno));
		return 1;
	}

	libbpf_set_print(libbpf_print);
	skel = footsock_trace__open();
	if (!skel) {
		fprintf(stderr, "footsock-trace: cannot open the BPF programs: %s\n",
			strerror(errno));
		return 1;
	}
	/* The uprobe has no target the skeleton knows: attach_daemon(). */
	skel->rodata->trace_daemon = o.daemon;
	bpf_program__set_autoload(skel->progs.footsockd_batch, o.daemon);
	bpf_program__set_autoattach(skel->progs.footsockd_batch, false);
	r = footsock_trace__load(skel);
	if (r) {
		fprintf(stderr, "footsock-trace: cannot load the BPF programs: %s\n",
			strerror(-r));
		footsock_trace__destroy(skel);
		return 1;
	}
	r = footsock_trace__attach(skel);
	if (r) {
		fprintf(stderr, "footsock-trace: cannot attach to the footsock trace events: %s\n",
			strerror(-r));
		footsock_trace__destroy(skel);
		return 1;
	}
	if (o.daemon && attach_daemon(&o, skel)) {
		footsock_trace__destroy(skel);
		return 1;
	}

	r = run(&o, skel, &set);
	footsock_trace__destroy(skel);
	return r ? 1 : 0;
}
