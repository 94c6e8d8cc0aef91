/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: the objects of the daemon and the functions between its
 * files. The manager (manager.c) owns the event loop, the bus, the udev
 * monitor and the list of socks; a sock (sock.c) is one foot's data
 * source (an IIO device, or a replayed recording) and its analysis.
 */
#ifndef FOOTSOCKD_H
#define FOOTSOCKD_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "analysis.h"
#include "config.h"
#include "iio.h"
#include "util.h"

#define FS_BUS_NAME "org.footsock.Monitor1"
#define FS_BUS_PATH "/org/footsock/Monitor1"
#define FS_BUS_IFACE "org.footsock.Monitor1"
#define FS_BUS_SOCK_PREFIX "/org/footsock/Monitor1/sock"
#define FS_BUS_SOCK_IFACE "org.footsock.Monitor1.Sock"

struct manager;
struct recorder;
struct replay;

/* Journal rate limit: at most burst messages per interval. */
struct ratelimit {
	uint64_t begin_usec;
	unsigned int n, suppressed;
};

struct sock {
	struct manager *m;
	struct sock *next;
	char *path;			/* D-Bus object path */
	char serial[32];
	char sysname[32];		/* "iio:device0", "" when replayed */
	char *syspath;			/* sysfs dir, NULL when not attached */
	char firmware[16];
	enum fs_foot_side foot;
	bool connected, replayed;
	unsigned int rate_hz;

	/* IIO source */
	struct fs_iio_layout layout;
	int fd;
	sd_event_source *io;
	sd_event_source *holdoff;	/* io off for latency_ms after a read */
	uint8_t *buf;
	size_t buf_size;
	int64_t last_ts_ns;
	unsigned long long driver_gaps;	/* sequence_gaps at the last look */
	bool driver_gaps_known;

	/* analysis */
	struct fs_foot *analysis;
	struct fs_state st;		/* refreshed on each tick */
	struct fs_frame last;		/* newest frame */
	double t_offset;		/* added to source time after a reattach */
	double t_last;
	bool have_t;
	uint64_t frames, gaps;
	enum fs_level level;		/* last reported */
	int cause;			/* last reported top cause, -1 none */
	bool red_flag;
	bool dirty;			/* properties to announce */
	uint64_t forget_usec;		/* unplugged: freed then */

	struct ratelimit gap_rl;
};

/* The last EVENTS_MAX events, oldest first from first (events.c). */
#define EVENTS_MAX 1024

enum event_kind { EVENT_ATTACHED, EVENT_DETACHED, EVENT_LEVEL, EVENT_CAUSE,
		  EVENT_RED_FLAG, EVENT_NKINDS };

struct event {
	uint64_t realtime_usec;
	enum event_kind kind;
	enum fs_foot_side foot;
	char serial[32];
	enum fs_level level;		/* the sock's level at the event */
	int cause;			/* top cause then, -1 none */
};

struct event_ring {
	struct event e[EVENTS_MAX];
	unsigned int first, count;
};

struct manager {
	sd_event *event;
	sd_bus *bus;
	sd_bus_slot *slot_manager, *slot_sock, *slot_enum, *slot_objects;
	struct udev *udev;
	struct udev_monitor *monitor;
	sd_event_source *monitor_source;
	sd_event_source *tick;
	sd_event_source *retry;		/* attach retry timer */
	unsigned int retries_left;
	bool attach_failed;
	struct fs_config cfg;
	struct sock *socks;		/* on the bus, in attach order */
	struct sock *unplugged;		/* off the bus, analysis kept */
	struct replay *replay;
	struct recorder *recorder;
	uint64_t start_usec;
	uint64_t tick_usec;
	uint64_t props_usec;		/* next property refresh */
	uint64_t textfile_usec;
	bool socks_changed;
	bool journal_to_stderr;
	char status[256];
	struct ratelimit rl;		/* for messages of no sock */
	struct event_ring events;
};

/* manager.c */
struct manager_options {
	const char *replay;
	double replay_speed;
	const char *bus_address;	/* NULL: bus_user selects */
	bool bus_user;
};
int manager_new(struct manager **out, const struct fs_config *cfg,
		const struct manager_options *o);
struct manager *manager_free(struct manager *m);
int manager_run(struct manager *m);
int manager_add_sock(struct manager *m, struct sock *s);
struct sock *manager_find_sock(struct manager *m, const char *path);
int manager_attach_device(struct manager *m, const char *syspath,
			  const char *devnode);
void manager_sock_detached(struct sock *s);
void manager_forget_unplugged(struct manager *m, uint64_t now_usec);

/* sock.c */
int sock_new_iio(struct manager *m, const char *syspath, const char *devnode,
		 struct sock **out);
int sock_attach_iio(struct sock *s, const char *syspath, const char *devnode);
void sock_detach(struct sock *s, const char *why);
int sock_new_replay(struct manager *m, enum fs_foot_side foot,
		    unsigned int rate_hz, struct sock **out);
struct sock *sock_free(struct sock *s);
void sock_feed(struct sock *s, struct fs_frame *fr);
void sock_tick(struct sock *s);
int sock_tare(struct sock *s);
int sock_set_sampling_frequency(struct sock *s, unsigned int hz);
const char *sock_foot_name(const struct sock *s);

/* textfile.c: the Prometheus textfile, m->cfg.textfile */
int textfile_write(const struct manager *m);

/* replay.c */
int replay_new(struct manager *m, const char *path, double speed,
	       struct replay **out);
struct replay *replay_free(struct replay *r);

/* recorder.c; note may be NULL (none), at most RECORDER_NOTE_MAX bytes */
#define RECORDER_NOTE_MAX 1024
int recorder_new(const char *dir, const char *subject, const char *note,
		 unsigned int rate_hz, struct recorder **out);
struct recorder *recorder_free(struct recorder *r);
int recorder_add(struct recorder *r, enum fs_foot_side foot,
		 const struct fs_frame *fr);
int recorder_sync(struct recorder *r);
const char *recorder_path(const struct recorder *r);

/* recordings.c: the recordings directory */
struct recording {
	char *id;			/* file name without ".csv" */
	char subject[128], started[64];	/* metadata, "" when absent */
	uint64_t size;
	bool active;			/* the recorder writes it now */
};
bool recording_id_ok(const char *id);
/* Sorted by id; an absent directory is an empty list. */
int recordings_list(const char *dir, const char *active_path,
		    struct recording **out, size_t *n);
void recordings_free(struct recording *l, size_t n);
/* A read-only fd; -EINVAL for a bad id, -ENOENT if there is none. */
int recording_open(const char *dir, const char *id);

/* events.c */
extern const char *const event_kind_names[EVENT_NKINDS];
void events_record(struct sock *s, enum event_kind kind);
/* The i-th oldest event, NULL past the newest. */
const struct event *events_get(const struct event_ring *ring, unsigned int i);

/* bus-manager.c, bus-sock.c */
int bus_manager_register(struct manager *m);
void bus_manager_socks_changed(struct manager *m);
void bus_manager_recording_changed(struct manager *m);
int bus_sock_register(struct manager *m);
void bus_sock_properties_changed(struct sock *s);
void bus_sock_level_changed(struct sock *s);

/* journal.c */
void journal_ready(struct manager *m);
void journal_attached(struct sock *s);
void journal_detached(struct sock *s, const char *why);
void journal_level(struct sock *s, enum fs_level old);
void journal_cause(struct sock *s, int cause);
void journal_red_flag(struct sock *s);
void journal_gap(struct sock *s, uint64_t lost, const char *what);
void journal_error(struct manager *m, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool ratelimit_pass(struct ratelimit *rl, uint64_t now_usec,
		    uint64_t interval_usec, unsigned int burst);

DEFINE_CLEANUP(struct manager, manager_free)
DEFINE_CLEANUP(struct sock, sock_free)
DEFINE_CLEANUP(struct replay, replay_free)
DEFINE_CLEANUP(struct recorder, recorder_free)

#endif
