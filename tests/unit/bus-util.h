/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the end-to-end tests of footsockd on a private bus share: the
 * bus, a connection to it and the notify socket, the daemon spawned with
 * a log, its READY=1 awaited, property reads and a logger of the
 * manager's PropertiesChanged, the scratch directory removed. Include
 * after proc-util.h.
 */
#ifndef FOOTSOCK_TESTS_BUS_UTIL_H
#define FOOTSOCK_TESTS_BUS_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

#define BUS_NAME "org.footsock.Monitor1"
#define MGR_PATH "/org/footsock/Monitor1"
#define MGR_IFACE "org.footsock.Monitor1"

/*
 * Fork and exec argv with NOTIFY_SOCKET=notify and stdout and stderr to
 * log, opened with log_flags (O_TRUNC or O_APPEND); the child's pid.
 */
static inline pid_t spawn(const char *notify, const char *log, int log_flags,
			  const char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_CLOEXEC | log_flags,
			      0644);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		setenv("NOTIFY_SOCKET", notify, 1);
		unsetenv("JOURNAL_STREAM");
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	return pid;
}

/* A datagram socket bound to path, for sd_notify(): the fd or -errno. */
static inline int notify_socket(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int r = -errno;

		close(fd);
		return r;
	}
	return fd;
}

/*
 * A private bus (its address in address[len]), the notify socket at
 * notify and a client connection to the bus: 0 or a negative errno, with
 * what was made in *bus_pid, *notify_fd and *bus for bus_env_close().
 */
static inline int bus_env_open(char *address, size_t len, const char *notify,
			       pid_t *bus_pid, int *notify_fd, sd_bus **bus)
{
	int r;

	*bus_pid = private_bus_start(address, len);
	if (*bus_pid <= 0)
		return -ECHILD;
	*notify_fd = notify_socket(notify);
	if (*notify_fd < 0)
		return *notify_fd;
	r = sd_bus_new(bus);
	if (r < 0)
		return r;
	r = sd_bus_set_address(*bus, address);
	if (r >= 0)
		r = sd_bus_set_bus_client(*bus, 1);
	if (r >= 0)
		r = sd_bus_start(*bus);
	return r < 0 ? r : 0;
}

/*
 * The daemon killed (SIGKILL) and reaped when there is one; the
 * connection, the private bus and the notify socket closed.
 */
static inline void bus_env_close(pid_t daemon_pid, sd_bus *bus, pid_t bus_pid,
				 int notify_fd)
{
	if (daemon_pid > 0) {
		kill(daemon_pid, SIGKILL);
		waitpid(daemon_pid, NULL, 0);
	}
	sd_bus_flush_close_unref(bus);
	if (bus_pid > 0)
		kill(bus_pid, SIGTERM);
	if (notify_fd >= 0)
		close(notify_fd);
}

/* rm -rf dir, the test's scratch directory: 0 or non-zero. */
static inline int remove_tree(const char *dir)
{
	char cmd[160];

	if (snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir) >= (int)sizeof(cmd))
		return -ENAMETOOLONG;
	return system(cmd);
}

/*
 * Collect notify messages until one holds want or timeout_s passes; each
 * is appended to all[len] as a line, when all is not NULL.
 */
static inline bool wait_notify(int fd, const char *want, double timeout_s,
			       char *all, size_t len)
{
	double end = now_s() + timeout_s;
	size_t n = all ? strlen(all) : 0;

	while (now_s() < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		char buf[1024];
		ssize_t k;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		k = recv(fd, buf, sizeof(buf) - 1, 0);
		if (k <= 0)
			continue;
		buf[k] = '\0';
		if (all)
			n += (size_t)snprintf(all + n, n < len ? len - n : 0,
					      "%s\n", buf);
		if (strstr(buf, want))
			return true;
	}
	return false;
}

/* A string property into out[len]: 0 or a negative errno. */
static inline int get_string(sd_bus *bus, const char *path, const char *iface,
			     const char *prop, char *out, size_t len)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	char *s = NULL;
	int r;

	r = sd_bus_get_property_string(bus, BUS_NAME, path, iface, prop, &e, &s);
	sd_bus_error_free(&e);
	if (r < 0)
		return r;
	snprintf(out, len, "%s", s);
	free(s);
	return 0;
}

/* Dispatch the bus's messages for seconds. */
static inline void process_for(sd_bus *bus, double seconds)
{
	double end = now_s() + seconds;

	while (now_s() < end) {
		if (sd_bus_process(bus, NULL) > 0)
			continue;
		sd_bus_wait(bus, 50000);
	}
}

/*
 * The manager's PropertiesChanged signals, as "Name=value" lines for its
 * string properties ("Name" alone when only invalidated), in order; with
 * only set, for that property alone and its values only.
 */
struct mgr_changes {
	const char *only;
	char log[8192];
	size_t len;
};

static inline int on_mgr_changed(sd_bus_message *m, void *data,
				 sd_bus_error *e)
{
	struct mgr_changes *c = data;
	const char *iface, *name, *contents, *v;
	char type;

	(void)e;
	if (sd_bus_message_read(m, "s", &iface) <= 0 || strcmp(iface, MGR_IFACE))
		return 0;
	if (sd_bus_message_enter_container(m, 'a', "{sv}") <= 0)
		return 0;
	while (sd_bus_message_enter_container(m, 'e', "sv") > 0) {
		if (sd_bus_message_read(m, "s", &name) <= 0)
			return 0;
		if ((!c->only || !strcmp(name, c->only)) &&
		    sd_bus_message_peek_type(m, &type, &contents) > 0 &&
		    !strcmp(contents, "s") &&
		    sd_bus_message_read(m, "v", "s", &v) > 0)
			c->len += (size_t)snprintf(c->log + c->len,
				c->len < sizeof(c->log) ? sizeof(c->log) - c->len : 0,
				"%s=%s\n", name, v);
		else
			sd_bus_message_skip(m, "v");
		sd_bus_message_exit_container(m);
	}
	if (c->only)
		return 0;
	sd_bus_message_exit_container(m);
	if (sd_bus_message_enter_container(m, 'a', "s") <= 0)
		return 0;
	while (sd_bus_message_read(m, "s", &name) > 0)
		c->len += (size_t)snprintf(c->log + c->len,
			c->len < sizeof(c->log) ? sizeof(c->log) - c->len : 0,
			"%s\n", name);
	return 0;
}

#endif
