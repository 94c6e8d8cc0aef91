/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the end-to-end host tests share: a monotonic clock in seconds, a
 * shell command's exit status, and a private dbus-daemon for footsockd.
 */
#ifndef FOOTSOCK_TESTS_PROC_UTIL_H
#define FOOTSOCK_TESTS_PROC_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

static inline double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* system(cmd)'s exit status, -1 when it did not exit. */
static inline int run(const char *cmd)
{
	int r = system(cmd);

	return WIFEXITED(r) ? WEXITSTATUS(r) : -1;
}

/*
 * Start a dbus-daemon of the session kind (anyone may own any name) and
 * put its address in address[len]; its pid, or -1.
 */
static inline pid_t private_bus_start(char *address, size_t len)
{
	char line[64];
	pid_t pid = -1;
	FILE *p;

	p = popen("dbus-daemon --session --fork --print-address=1 --print-pid=1", "r");
	if (!p)
		return -1;
	if (fgets(address, (int)len, p) && fgets(line, sizeof(line), p)) {
		address[strcspn(address, "\n")] = '\0';
		pid = atoi(line);
	}
	pclose(p);
	return pid > 0 ? pid : -1;
}

#endif
