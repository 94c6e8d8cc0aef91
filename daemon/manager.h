/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: the manager, the daemon's context. It owns the event loop,
 * the bus connection (bus.c), the udev monitor (udev.c) or the replay, the
 * list of socks, the recording and the periodic tick. Its socks report to
 * it (manager_sock_*()), and it fans each report out to the journal, the
 * event ring, the bus and the recorder: a sock needs to know none of them.
 */
#ifndef FOOTSOCKD_MANAGER_H
#define FOOTSOCKD_MANAGER_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "analysis.h"
#include "contrast.h"
#include "config.h"
#include "events.h"
#include "ratelimit.h"
#include "util.h"

struct busy_sock;
struct recorder;
struct fs_profile;
struct profile_run;
struct replay;
struct streams;
struct sock;
struct udev;
struct udev_monitor;

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
	struct busy_sock *busy;		/* read by another process, said */
	struct fs_config cfg;
	struct sock *socks;		/* on the bus, in attach order */
	struct sock *unplugged;		/* off the bus, analysis kept */
	struct replay *replay;
	struct recorder *recorder;
	struct profile_run *profile_run;	/* the recording's own analysis */
	struct fs_profile *profile;	/* the recording subject's, usable */
	struct streams *streams;	/* live stream readers */
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

struct manager_options {
	const char *replay;
	double replay_speed;
	const char *bus_address;	/* NULL: bus_user selects */
	bool bus_user;
};

int manager_new(struct manager **out, const struct fs_config *cfg,
		const struct manager_options *o);
struct manager *manager_free(struct manager *m);
/* 0 after SIGTERM/SIGINT, > 0 when the bus went away, < 0 on an error. */
int manager_run(struct manager *m);

/* The sock list. */
int manager_add_sock(struct manager *m, struct sock *s);
struct sock *manager_find_sock(struct manager *m, const char *path);
struct sock *manager_find_sock_by_syspath(struct manager *m,
					  const char *syspath);
int manager_attach_device(struct manager *m, const char *syspath,
			  const char *devnode);
void manager_forget_unplugged(struct manager *m, uint64_t now_usec);

/* What a sock reports. */
/*
 * Judge the socks against the recording subject's profile from now on
 * (NULL: the population's defaults). Takes pr.
 */
void manager_set_profile(struct manager *m, struct fs_profile *pr);
/*
 * Use the subject's profile when it has enough runs: 1 it is used, 0 there
 * is none yet or too few runs, < 0 it cannot be read (logged).
 */
int manager_load_profile(struct manager *m, const char *subject);
/* A foot's analysis parameters: the population's, fitted to the profile. */
void manager_sock_params(const struct manager *m, enum fs_foot_side foot,
			 struct fs_params *p);
/* "vs own normal over 6 runs" or "population default". */
void manager_baseline(const struct manager *m, char *buf, size_t len);

void manager_sock_attached(struct sock *s);
void manager_sock_detached(struct sock *s, const char *why);
void manager_sock_frame(struct sock *s, const struct fs_frame *fr);
void manager_sock_level_changed(struct sock *s, enum fs_level old);
void manager_sock_cause_changed(struct sock *s);
/*
 * Left against right for s's causes now: the other foot's sock on the bus
 * (connected, or its analysis kept once it ended), if any, gives the
 * contrast; else each cause of s is "unavailable".
 */
void manager_sock_contrast(const struct manager *m, const struct sock *s,
			   struct fs_contrast *ct);
void manager_sock_red_flag(struct sock *s);
void manager_sock_relief(struct sock *s, const struct fs_relief *r);
/* A sensor fault started: zone (else temperature site) index, FS_SF_*. */
void manager_sock_sensor_fault(struct sock *s, bool zone, int index,
			       int fault);
void manager_sock_gap(struct sock *s, uint64_t lost, const char *what);
void manager_sock_changed(struct sock *s);
void manager_sock_error(struct sock *s, int err, const char *what);

DEFINE_CLEANUP(struct manager, manager_free)

#endif
