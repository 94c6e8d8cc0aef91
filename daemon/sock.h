/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: a sock, one foot's data source (an IIO device, or a replayed
 * recording) and its analysis. A sock knows its manager and reports to it
 * alone (manager_sock_*() in manager.h); what becomes of a report (the
 * journal, the events, the bus, the recording) is the manager's business.
 */
#ifndef FOOTSOCKD_SOCK_H
#define FOOTSOCKD_SOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-event.h>

#include "analysis.h"
#include "iio.h"
#include "ratelimit.h"
#include "util.h"

struct manager;

struct sock {
	struct manager *m;
	struct sock *next;
	char *path;			/* D-Bus object path */
	char serial[32];
	char sysname[32];		/* "iio:device0", "" when replayed */
	char *syspath;			/* sysfs dir, NULL when not attached */
	char firmware[16];		/* "MAJOR.MINOR", "" when unknown */
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
	unsigned int nrelief;	/* relief records told */
	unsigned char zone_fault[FS_NZONES];	/* sensor faults reported */
	unsigned char temp_fault[FS_NTEMPS];
	bool dirty;			/* properties to announce */
	uint64_t forget_usec;		/* unplugged: freed then */

	struct ratelimit gap_rl;	/* the journal's, for its gaps */
};

int sock_new_iio(struct manager *m, const char *syspath, const char *devnode,
		 struct sock **out);
int sock_attach_iio(struct sock *s, const char *syspath, const char *devnode);
void sock_detach(struct sock *s, const char *why);
int sock_new_replay(struct manager *m, enum fs_foot_side foot,
		    unsigned int rate_hz, struct sock **out);
struct sock *sock_free(struct sock *s);
void sock_feed(struct sock *s, struct fs_frame *fr);
void sock_tick(struct sock *s);
/* The manager's parameters for this foot changed (manager_sock_params()). */
void sock_refit(struct sock *s);
int sock_tare(struct sock *s);
int sock_set_sampling_frequency(struct sock *s, unsigned int hz);
const char *sock_foot_name(const struct sock *s);

DEFINE_CLEANUP(struct sock, sock_free)

#endif
