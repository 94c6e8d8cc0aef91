// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl's D-Bus client against a footsockd of an older API: a child
 * process serves org.footsock.Monitor1 on a private dbus-daemon with the
 * first API's properties only (no Firmware, no trends), one property of
 * an unexpected type, a listed sock object that does not exist and a
 * method the bus refuses. The snapshot must still succeed, with the
 * missing values unknown; the errors must become the documented
 * sentences. Needs dbus-daemon (SKIP otherwise).
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

#include "kselftest_harness.h"
#include "proc-util.h"
#include "check-msg.h"
#include "client.h"

#define MSG_DENIED "permission denied: sock data is readable by root and " \
	"group footsock; add the user to the group"

#define LEFT_PATH "/org/footsock/Monitor1/sock/FS_2d0001"
#define RIGHT_PATH "/org/footsock/Monitor1/sock/FS_2d0002"
#define GHOST_PATH "/org/footsock/Monitor1/sock/gone"

static int get_socks(sd_bus *bus, const char *path, const char *iface,
		     const char *prop, sd_bus_message *reply, void *data,
		     sd_bus_error *e)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)e;
	/* Right first: the client sorts. The ghost was unplugged. */
	return sd_bus_message_append(reply, "ao", 3, RIGHT_PATH, GHOST_PATH,
				     LEFT_PATH);
}

static int get_version(sd_bus *bus, const char *path, const char *iface,
		       const char *prop, sd_bus_message *reply, void *data,
		       sd_bus_error *e)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)e;
	return sd_bus_message_append(reply, "s", "0.0.9");
}

static int get_uptime(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *e)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)e;
	return sd_bus_message_append(reply, "d", 12.5);
}

static int denied(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)m, (void)data;
	return sd_bus_error_set(e, SD_BUS_ERROR_ACCESS_DENIED, "Rejected send message");
}

static const sd_bus_vtable manager_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Version", "s", get_version, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Socks", "ao", get_socks, 0, 0),
	SD_BUS_PROPERTY("Uptime", "d", get_uptime, 0, 0),
	SD_BUS_METHOD("StartRecording", "s", "s", denied, 0),
	SD_BUS_VTABLE_END
};

/* The sock's properties: which one is told by the object path. */
static int get_sock(sd_bus *bus, const char *path, const char *iface,
		    const char *prop, sd_bus_message *reply, void *data,
		    sd_bus_error *e)
{
	bool left = !strcmp(path, LEFT_PATH);

	(void)bus, (void)iface, (void)data, (void)e;
	if (!strcmp(prop, "Foot"))
		return sd_bus_message_append(reply, "s", left ? "left" : "right");
	if (!strcmp(prop, "Serial"))
		return sd_bus_message_append(reply, "s", left ? "FS-0001" : "FS-0002");
	if (!strcmp(prop, "Connected"))
		return sd_bus_message_append(reply, "b", 1);
	if (!strcmp(prop, "Level"))
		return sd_bus_message_append(reply, "s", left ? "warning" : "ok");
	if (!strcmp(prop, "NumbnessRisk"))
		return sd_bus_message_append(reply, "i", left ? 63 : 12);
	if (!strcmp(prop, "RateHz"))	/* of an unexpected type */
		return sd_bus_message_append(reply, "s", "200 Hz");
	if (!strcmp(prop, "Cadence"))	/* 0.0 is a value, not "unknown" */
		return sd_bus_message_append(reply, "d", left ? 171.0 : 0.0);
	if (!strcmp(prop, "SwingTime"))	/* NaN: not known yet */
		return sd_bus_message_append(reply, "d", left ? NAN : 0.46);
	if (!strcmp(prop, "Frames"))
		return sd_bus_message_append(reply, "t", (uint64_t)162400);
	if (!strcmp(prop, "Causes"))
		return sd_bus_message_append(reply, "a(sd)", left ? 2 : 0,
					     "tight_laces", 0.82, "tight_sock", 0.4);
	if (!strcmp(prop, "Pressures"))
		return sd_bus_message_append(reply, "a{sd}", 3, "hallux", 1.5,
					     "cuff", 4.25, "no_such_zone", 9.0);
	return sd_bus_message_append(reply, "a{sd}", 1, "toe", 29.75);
}

static const sd_bus_vtable sock_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Foot", "s", get_sock, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Serial", "s", get_sock, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Connected", "b", get_sock, 0, 0),
	SD_BUS_PROPERTY("Level", "s", get_sock, 0, 0),
	SD_BUS_PROPERTY("NumbnessRisk", "i", get_sock, 0, 0),
	SD_BUS_PROPERTY("RateHz", "s", get_sock, 0, 0),
	SD_BUS_PROPERTY("Cadence", "d", get_sock, 0, 0),
	SD_BUS_PROPERTY("SwingTime", "d", get_sock, 0, 0),
	SD_BUS_PROPERTY("Frames", "t", get_sock, 0, 0),
	SD_BUS_PROPERTY("Causes", "a(sd)", get_sock, 0, 0),
	SD_BUS_PROPERTY("Pressures", "a{sd}", get_sock, 0, 0),
	SD_BUS_PROPERTY("Temperatures", "a{sd}", get_sock, 0, 0),
	SD_BUS_VTABLE_END
};

/* The child: serve until killed. */
static void serve(const char *address)
{
	sd_bus *bus = NULL;

	if (sd_bus_new(&bus) < 0 || sd_bus_set_address(bus, address) < 0 ||
	    sd_bus_set_bus_client(bus, 1) < 0 || sd_bus_start(bus) < 0 ||
	    sd_bus_add_object_vtable(bus, NULL, "/org/footsock/Monitor1",
				     "org.footsock.Monitor1", manager_vtable,
				     NULL) < 0 ||
	    sd_bus_add_object_vtable(bus, NULL, LEFT_PATH,
				     "org.footsock.Monitor1.Sock", sock_vtable,
				     NULL) < 0 ||
	    sd_bus_add_object_vtable(bus, NULL, RIGHT_PATH,
				     "org.footsock.Monitor1.Sock", sock_vtable,
				     NULL) < 0 ||
	    sd_bus_request_name(bus, "org.footsock.Monitor1", 0) < 0)
		_exit(1);
	for (;;) {
		int r = sd_bus_process(bus, NULL);

		if (r < 0)
			_exit(1);
		if (r == 0 && sd_bus_wait(bus, UINT64_MAX) < 0)
			_exit(1);
	}
}

FIXTURE(old_daemon)
{
	char address[512];
	pid_t bus_pid, server_pid;
	sd_bus *bus;
};

void old_daemon_setup(struct __test_metadata *_metadata,
		      FIXTURE_DATA(old_daemon) *self,
		      const FIXTURE_VARIANT(old_daemon) *variant);
void old_daemon_teardown(struct __test_metadata *_metadata,
			 FIXTURE_DATA(old_daemon) *self,
			 const FIXTURE_VARIANT(old_daemon) *variant);

FIXTURE_SETUP(old_daemon)
{
	char msg[CTL_MSG_MAX];
	int i, r = -1;

	self->bus_pid = self->server_pid = 0;
	self->bus = NULL;
	if (access("/usr/bin/dbus-daemon", X_OK))
		SKIP(return, "dbus-daemon not installed");
	self->bus_pid = private_bus_start(self->address, sizeof(self->address));
	ASSERT_LT(0, self->bus_pid);

	/* Before the server: the name has no owner. */
	EXPECT_EQ(-EHOSTDOWN, ctl_connect(self->address, &self->bus, msg));
	EXPECT_STREQ("footsockd is not running (systemctl start footsockd)", msg);
	EXPECT_EQ(NULL, self->bus);

	self->server_pid = fork();
	ASSERT_LE(0, self->server_pid);
	if (self->server_pid == 0)
		serve(self->address);
	for (i = 0; i < 100 && r < 0; i++) {
		r = ctl_connect(self->address, &self->bus, msg);
		if (r < 0)
			usleep(50000);
	}
	ASSERT_MSG(r == 0, "ctl_connect: %s", msg);
}

FIXTURE_TEARDOWN(old_daemon)
{
	sd_bus_flush_close_unref(self->bus);
	if (self->server_pid > 0) {
		kill(self->server_pid, SIGKILL);
		waitpid(self->server_pid, NULL, 0);
	}
	if (self->bus_pid > 0)
		kill(self->bus_pid, SIGTERM);
}

TEST_F(old_daemon, snapshot_tolerates_missing_and_odd_properties)
{
	struct ctl_daemon d;
	const struct ctl_sock *l, *r;
	char msg[CTL_MSG_MAX] = "";
	int i;

	ASSERT_MSG(ctl_snapshot(self->bus, &d, msg) == 0, "ctl_snapshot: %s", msg);
	EXPECT_STREQ("0.0.9", d.version);
	EXPECT_EQ(12.5, d.uptime_s);
	EXPECT_STREQ("", d.status);
	EXPECT_STREQ("", d.recording);
	/* The ghost is left out; left before right. */
	ASSERT_EQ(2, d.n_socks);
	EXPECT_STREQ("left", d.socks[0].foot);
	EXPECT_STREQ("right", d.socks[1].foot);
	l = ctl_find_foot(&d, "left");
	r = ctl_find_foot(&d, "right");
	ASSERT_NE(NULL, l);
	ASSERT_NE(NULL, r);
	EXPECT_EQ(NULL, ctl_find_foot(&d, "middle"));

	EXPECT_STREQ("FS-0001", l->serial);
	EXPECT_STREQ(LEFT_PATH, l->path);
	EXPECT_TRUE(l->connected);
	EXPECT_STREQ("warning", l->level);
	EXPECT_EQ(63, l->numbness_risk);
	EXPECT_EQ(162400, l->frames);
	/* Missing in this API: unknown, not a failure. */
	EXPECT_STREQ("", l->firmware);
	EXPECT_STREQ("", l->numbness_trend);
	EXPECT_STREQ("", l->circulation_trend);
	EXPECT_STREQ("", l->level_max);
	EXPECT_EQ(-1, l->numbness_risk_max);
	EXPECT_EQ(-1, l->circulation_restriction);
	EXPECT_TRUE(isnan(l->stance_s));
	/* Of another type: skipped. */
	EXPECT_EQ(0, l->rate_hz);
	/* What the daemon says, not guessed: NaN is unknown, 0 is 0. */
	EXPECT_EQ(171.0, l->cadence_spm);
	EXPECT_EQ(0.0, r->cadence_spm);
	EXPECT_TRUE(isnan(l->swing_s));
	EXPECT_EQ(0.46, r->swing_s);

	ASSERT_EQ(2, l->n_causes);
	EXPECT_STREQ("tight_laces", l->causes[0].name);
	EXPECT_EQ(0.82, l->causes[0].score);
	EXPECT_STREQ("tight_sock", l->causes[1].name);
	EXPECT_EQ(0, r->n_causes);

	/* Zones by name; missing ones NAN, unknown names ignored. */
	EXPECT_EQ(1.5, l->pressure_kpa[0]);
	EXPECT_EQ(4.25, l->pressure_kpa[FS_NZONES - 1]);
	for (i = 1; i < FS_NZONES - 1; i++)
		EXPECT_MSG(isnan(l->pressure_kpa[i]), "zone %d: %g", i,
			   l->pressure_kpa[i]);
	EXPECT_EQ(29.75, l->temperature_c[0]);
	EXPECT_TRUE(isnan(l->temperature_c[1]));
	/* Not served by this daemon: unknown. */
	EXPECT_TRUE(isnan(d.stance_asymmetry_s));
	ctl_daemon_clear(&d);
	EXPECT_EQ(NULL, d.socks);
	EXPECT_EQ(0, d.n_socks);
}

TEST_F(old_daemon, errors_become_sentences)
{
	struct ctl_event dummy, *ev = &dummy;
	char msg[CTL_MSG_MAX] = "", path[64];
	size_t n = 7;

	/* A method this daemon does not have. */
	EXPECT_GT(0, ctl_events(self->bus, 0, &ev, &n, msg));
	EXPECT_EQ(NULL, ev);
	EXPECT_EQ(0, n);
	EXPECT_MSG(!strncmp(msg, "this footsockd does not support the request", 43),
		   "%s", msg);
	EXPECT_NE(NULL, strstr(msg, "update footsockd"));

	/* AccessDenied, as the bus policy says it. */
	EXPECT_GT(0, ctl_start_recording(self->bus, "S01", NULL, path,
					 sizeof(path), msg));
	EXPECT_STREQ(MSG_DENIED, msg);

	/* Once the daemon is gone. */
	kill(self->server_pid, SIGKILL);
	waitpid(self->server_pid, NULL, 0);
	self->server_pid = 0;
	usleep(100000);
	{
		struct ctl_daemon d;

		EXPECT_GT(0, ctl_snapshot(self->bus, &d, msg));
		EXPECT_STREQ("footsockd is not running (systemctl start footsockd)",
			     msg);
		ctl_daemon_clear(&d);
	}
}

TEST(error_mapping)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	char msg[CTL_MSG_MAX];

	sd_bus_error_set(&e, SD_BUS_ERROR_NAME_HAS_NO_OWNER, "x");
	ctl_error(-ENXIO, &e, msg);
	EXPECT_STREQ("footsockd is not running (systemctl start footsockd)", msg);
	sd_bus_error_free(&e);
	sd_bus_error_set(&e, "org.footsock.Monitor1.Error.NotConnected",
			 "The sock is not connected");
	ctl_error(-ENODEV, &e, msg);
	EXPECT_STREQ("The sock is not connected", msg);
	sd_bus_error_free(&e);
	ctl_error(-EACCES, &e, msg);
	EXPECT_STREQ(MSG_DENIED, msg);
	ctl_error(-ETIMEDOUT, NULL, msg);
	EXPECT_EQ(0, strncmp(msg, "D-Bus: ", 7));
}

TEST_HARNESS_MAIN
