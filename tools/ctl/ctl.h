/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockctl: one command table and one option parser (main.c), one
 * file per command. main.c parses the whole command line once (options
 * anywhere, GNU style), finds the command in the table, checks its
 * number of arguments and the options it takes, calls its check()
 * (arguments and option values: usage errors, before any connection),
 * connects to footsockd or reads its snapshot when the table says so,
 * then calls its run() with everything in struct ctl; the bus and the
 * snapshot are released after.
 */
#ifndef FOOTSOCKCTL_CTL_H
#define FOOTSOCKCTL_CTL_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-bus.h>

#include "client.h"

/*
 * Exit statuses (CONTRACT): 64 (EX_USAGE of sysexits.h) for a usage
 * error of any command, so that a script can tell a typo from a stopped
 * service; check has its own 0/1/2.
 */
enum {
	CTL_EXIT_OK = 0,
	CTL_EXIT_FAILURE = 1,		/* check: a sock above the level */
	CTL_EXIT_UNAVAILABLE = 2,	/* check: no daemon or no sock */
	CTL_EXIT_USAGE = 64,
};

/* The options a command may take besides the global ones. */
enum {
	CTL_OPT_MAX_LEVEL = 1 << 0,	/* --max-level */
	CTL_OPT_SINCE = 1 << 1,		/* --since */
	CTL_OPT_SUBJECT = 1 << 2,	/* --subject */
	CTL_OPT_NOTE = 1 << 3,		/* --note */
	CTL_OPT_FORMAT = 1 << 4,	/* -f, --format */
	CTL_OPT_OUTPUT = 1 << 5,	/* -o, --output */
	CTL_OPT_INTERVAL = 1 << 6,	/* --interval-ms */
	CTL_OPT_COUNT = 1 << 7,		/* --count */
	CTL_OPT_DURATION = 1 << 8,	/* --duration */
	CTL_OPT_PROFILE = 1 << 9,	/* --profile */
};

/* What a command needs before it runs. */
enum {
	CTL_NEEDS_BUS = 1 << 0,		/* c->bus connected to footsockd */
	CTL_NEEDS_SNAPSHOT = 1 << 1,	/* c->bus and c->daemon read */
};

/* One run of footsockctl: the command line, parsed, and what it opened. */
struct ctl {
	/* global options */
	const char *bus_address;	/* --bus-address, NULL: system bus */
	bool json;			/* --json */
	bool color;			/* stdout is a TTY and NO_COLOR unset */
	/* command options as given, NULL when not */
	const char *max_level, *since, *subject, *note, *format, *output;
	const char *interval_ms, *count, *duration, *profile;
	/* the arguments after the command's name */
	char **args;
	int n_args;
	/* set by the command's check() */
	const char *foot;		/* "left", "right" or NULL: every sock */
	int level;			/* check: --max-level */
	uint64_t since_usec;		/* events: --since */
	unsigned long number;		/* rate: HZ; watch: --interval-ms */
	unsigned long updates;		/* watch: --count, 0: no end */
	int fmt;			/* analyze: enum fs_format; report: html 0, svg 1 */
	/* opened by main.c when the command's table entry asks */
	sd_bus *bus;
	struct ctl_daemon daemon;
};

/* Print "footsockctl: msg" on stderr; returns CTL_EXIT_FAILURE. */
int ctl_fail(const char *msg);
/* "footsockctl: CMD: msg" on stderr; returns CTL_EXIT_USAGE. */
int ctl_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Flush stdout; CTL_EXIT_FAILURE with a message when that fails. */
int ctl_flush_stdout(void);
/* fs_level_names[] index of a level name, -1 if none. */
int ctl_level_index(const char *name);
/* The ANSI colour of a level's name ("" for an unknown level). */
const char *ctl_level_color(const char *level);
/* args[i] as an optional foot into c->foot: 0, or a usage error. */
int ctl_check_foot(struct ctl *c, const char *cmd, int i);

/* The commands: check() for their arguments, run() for the work. */
int status_check(struct ctl *c);
int status_run(struct ctl *c);
int check_check(struct ctl *c);
int check_run(struct ctl *c);
int list_run(struct ctl *c);
int events_check(struct ctl *c);
int events_run(struct ctl *c);
int record_start_check(struct ctl *c);
int record_start_run(struct ctl *c);
int record_stop_run(struct ctl *c);
int record_list_run(struct ctl *c);
int export_check(struct ctl *c);
int export_run(struct ctl *c);
int tare_check(struct ctl *c);
int tare_run(struct ctl *c);
int rate_check(struct ctl *c);
int rate_run(struct ctl *c);
int analyze_check(struct ctl *c);
int analyze_run(struct ctl *c);
int report_check(struct ctl *c);
int report_run(struct ctl *c);
int watch_check(struct ctl *c);
int watch_run(struct ctl *c);
int stream_check(struct ctl *c);
int stream_run(struct ctl *c);
int profile_list_run(struct ctl *c);
int profile_show_check(struct ctl *c);
int profile_show_run(struct ctl *c);
int profile_reset_run(struct ctl *c);

#endif
