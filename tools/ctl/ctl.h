/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockctl: one file per command. Each command's main gets its own
 * argv (argv[0] is the command's name), parses its options with
 * getopt_long (every command takes --help; those that print state take
 * --json) and returns the process's exit status.
 */
#ifndef FOOTSOCKCTL_CTL_H
#define FOOTSOCKCTL_CTL_H

#include <stdbool.h>

/* Options given before the command. */
struct ctl_opts {
	const char *bus_address;	/* --bus-address, NULL: system bus */
	bool json;			/* --json before the command */
	bool color;			/* stdout is a TTY and NO_COLOR unset */
};

/* Exit statuses shared by the commands (check adds 1 = above the level). */
enum {
	CTL_EXIT_OK = 0,
	CTL_EXIT_FAILURE = 1,
	CTL_EXIT_USAGE = 2,		/* also: check with no daemon/sock */
};

/* Print "footsockctl: msg" on stderr; returns CTL_EXIT_FAILURE. */
int ctl_fail(const char *msg);
/* Flush stdout; CTL_EXIT_FAILURE with a message when that fails. */
int ctl_flush_stdout(void);
/* fs_level_names[] index of a level name, -1 if none. */
int ctl_level_index(const char *name);
/* The ANSI colour of a level's name ("" for an unknown level). */
const char *ctl_level_color(const char *level);

int analyze_main(int argc, char **argv);
int status_main(int argc, char **argv, const struct ctl_opts *o);
int check_main(int argc, char **argv, const struct ctl_opts *o);
int watch_main(int argc, char **argv, const struct ctl_opts *o);
int list_main(int argc, char **argv, const struct ctl_opts *o);
int record_main(int argc, char **argv, const struct ctl_opts *o);
int export_main(int argc, char **argv, const struct ctl_opts *o);
int tare_main(int argc, char **argv, const struct ctl_opts *o);
int rate_main(int argc, char **argv, const struct ctl_opts *o);
int events_main(int argc, char **argv, const struct ctl_opts *o);

#endif
