// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd end to end, without IIO devices: a private dbus-daemon, the
 * emulator's tight_laces recording replayed fast, and the D-Bus API, the
 * sd_notify protocol, the recordings (also after SIGKILL) and the exit on
 * a bad configuration checked from outside. Needs dbus-daemon,
 * build/bin/footsockd and build/bin/footsock-emu (SKIP otherwise); run
 * from the top of the tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

#include "kselftest_harness.h"
#include "proc-util.h"
#include "check-msg.h"
#include "bus-util.h"
#include "import.h"

#define DAEMON "build/bin/footsockd"
#define EMU "build/bin/footsock-emu"
#define CTL "build/bin/footsockctl"
#define SOCK_PATH "/org/footsock/Monitor1/sock/replay_2dleft"
#define SOCK_IFACE "org.footsock.Monitor1.Sock"

FIXTURE(e2e)
{
	char dir[64];
	char csv[128], conf[128], notify[128], log[128];
	char address[512];
	pid_t bus_pid, daemon_pid;
	int notify_fd;
	sd_bus *bus;
};

void e2e_setup(struct __test_metadata *_metadata, FIXTURE_DATA(e2e) *self,
	       const FIXTURE_VARIANT(e2e) *variant);
void e2e_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(e2e) *self,
		  const FIXTURE_VARIANT(e2e) *variant);

FIXTURE_SETUP(e2e)
{
	char cmd[512];
	FILE *f;

	self->bus_pid = self->daemon_pid = 0;
	self->notify_fd = -1;
	self->bus = NULL;
	if (access(DAEMON, X_OK) || access(EMU, X_OK))
		SKIP(return, "%s or %s not built", DAEMON, EMU);
	if (access("/usr/bin/dbus-daemon", X_OK))
		SKIP(return, "dbus-daemon not installed");
	snprintf(self->dir, sizeof(self->dir), "/tmp/footsockd-e2e-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->csv, sizeof(self->csv), "%s/tight_laces.csv", self->dir);
	snprintf(self->conf, sizeof(self->conf), "%s/footsockd.conf", self->dir);
	snprintf(self->notify, sizeof(self->notify), "%s/notify", self->dir);
	snprintf(self->log, sizeof(self->log), "%s/footsockd.log", self->dir);

	snprintf(cmd, sizeof(cmd), EMU " --csv %s --scenario tight_laces "
		 "--foot left --duration 600 --onset 60", self->csv);
	ASSERT_EQ(0, run(cmd));

	f = fopen(self->conf, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "# test configuration\n[recording]\ndirectory = %s/rec\n"
		"[daemon]\ntextfile = %s/footsock.prom\n", self->dir, self->dir);
	fclose(f);

	ASSERT_EQ(0, bus_env_open(self->address, sizeof(self->address),
				  self->notify, &self->bus_pid,
				  &self->notify_fd, &self->bus));
}

FIXTURE_TEARDOWN(e2e)
{
	bus_env_close(self->daemon_pid, self->bus, self->bus_pid,
		      self->notify_fd);
	if (self->dir[0] && remove_tree(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

static pid_t start_daemon(FIXTURE_DATA(e2e) *self, const char *speed)
{
	const char *argv[] = { DAEMON, "--config", self->conf, "--replay",
			       self->csv, "--replay-speed", speed,
			       "--bus-address", self->address, NULL };

	self->daemon_pid = spawn(self->notify, self->log, O_TRUNC, argv);
	return self->daemon_pid;
}

static int get_trivial(sd_bus *bus, const char *path, const char *prop,
		       char type, void *out)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	int r;

	r = sd_bus_get_property_trivial(bus, "org.footsock.Monitor1", path,
					SOCK_IFACE, prop, &e, type, out);
	sd_bus_error_free(&e);
	return r;
}

/* Wait until the replay is over: the sock reports Connected=false. */
static bool wait_replay_end(sd_bus *bus, double timeout_s)
{
	double end = now_s() + timeout_s;

	while (now_s() < end) {
		int connected = 1;

		if (get_trivial(bus, SOCK_PATH, "Connected", 'b', &connected) >= 0 &&
		    !connected)
			return true;
		usleep(100000);
	}
	return false;
}

struct event {
	uint64_t t;
	char kind[16], foot[8], serial[32], level[16], cause[32];
};

/* GetEvents(since) into ev; the number of events, or a negative errno. */
static int get_events(sd_bus *bus, uint64_t since, struct event *ev, int max)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *kind, *foot, *serial, *level, *cause;
	uint64_t t;
	int r, n = 0;

	r = sd_bus_call_method(bus, "org.footsock.Monitor1", MGR_PATH, MGR_IFACE,
			       "GetEvents", &e, &reply, "t", since);
	sd_bus_error_free(&e);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(reply, 'a', "(tsssss)");
	while (r >= 0 && n < max &&
	       (r = sd_bus_message_read(reply, "(tsssss)", &t, &kind, &foot,
					&serial, &level, &cause)) > 0) {
		ev[n].t = t;
		snprintf(ev[n].kind, sizeof(ev[n].kind), "%s", kind);
		snprintf(ev[n].foot, sizeof(ev[n].foot), "%s", foot);
		snprintf(ev[n].serial, sizeof(ev[n].serial), "%s", serial);
		snprintf(ev[n].level, sizeof(ev[n].level), "%s", level);
		snprintf(ev[n].cause, sizeof(ev[n].cause), "%s", cause);
		n++;
	}
	sd_bus_message_unref(reply);
	return r < 0 ? r : n;
}

static int level_rank(const char *level)
{
	static const char *const names[] = { "ok", "watch", "warning", "stop" };
	int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(level, names[i]))
			return i;
	return -1;
}

struct added {
	unsigned int n;		/* InterfacesAdded of the sock path */
	bool sock_iface;	/* with the sock interface */
};

static int on_added(sd_bus_message *m, void *data, sd_bus_error *e)
{
	struct added *a = data;
	const char *path, *iface;

	(void)e;
	if (sd_bus_message_read(m, "o", &path) <= 0 || strcmp(path, SOCK_PATH))
		return 0;
	a->n++;
	if (sd_bus_message_enter_container(m, 'a', "{sa{sv}}") <= 0)
		return 0;
	while (sd_bus_message_enter_container(m, 'e', "sa{sv}") > 0) {
		if (sd_bus_message_read(m, "s", &iface) > 0 &&
		    !strcmp(iface, SOCK_IFACE))
			a->sock_iface = true;
		sd_bus_message_skip(m, "a{sv}");
		sd_bus_message_exit_container(m);
	}
	return 0;
}

/* GetManagedObjects: 1 if path is there with iface, 0 if not, < 0 error. */
static int managed_object(sd_bus *bus, const char *path, const char *iface)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *p, *i;
	int r, found = 0;

	r = sd_bus_call_method(bus, "org.footsock.Monitor1", MGR_PATH,
			       "org.freedesktop.DBus.ObjectManager",
			       "GetManagedObjects", &e, &reply, "");
	sd_bus_error_free(&e);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}");
	while (r >= 0 &&
	       (r = sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}")) > 0) {
		r = sd_bus_message_read(reply, "o", &p);
		if (r >= 0)
			r = sd_bus_message_enter_container(reply, 'a', "{sa{sv}}");
		while (r >= 0 &&
		       (r = sd_bus_message_enter_container(reply, 'e', "sa{sv}")) > 0) {
			r = sd_bus_message_read(reply, "s", &i);
			if (r > 0 && !strcmp(p, path) && !strcmp(i, iface))
				found = 1;
			if (r >= 0)
				r = sd_bus_message_skip(reply, "a{sv}");
			if (r >= 0)
				r = sd_bus_message_exit_container(reply);
		}
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
	}
	sd_bus_message_unref(reply);
	return r < 0 ? r : found;
}

static void dump_log(struct __test_metadata *_metadata, const char *log)
{
	char line[512];
	FILE *f = fopen(log, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		TH_LOG("footsockd: %s", line);
	fclose(f);
}

/*
 * A test that waits for a paced replay to end gets a harness timeout above
 * the sum of its own waits: the harness's default 30 s would otherwise kill
 * a sanitized run on a loaded machine before those waits run out and say
 * what was missing (CI saw replay_judged_by_profile killed that way).
 */
TEST_F_TIMEOUT(e2e, replay_tight_laces, 120)
{
	char notes[4096] = "", s[256];
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	sd_bus_slot *slot = NULL;
	struct added added = { 0 };
	const char *cause = NULL, *obj = NULL;
	double score = 0.0;
	int risk = -1;
	uint64_t frames = 0;
	FILE *f;

	/* The sender is ours alone on this private bus. */
	ASSERT_LE(0, sd_bus_match_signal(self->bus, &slot, NULL, MGR_PATH,
					 "org.freedesktop.DBus.ObjectManager",
					 "InterfacesAdded", on_added, &added));
	ASSERT_LT(0, start_daemon(self, "200"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);
	EXPECT_NE(NULL, strstr(notes, "STATUS="));

	ASSERT_TRUE(wait_replay_end(self->bus, 60.0))
		dump_log(_metadata, self->log);

	/* The sock came with InterfacesAdded, and stays after the replay. */
	while (sd_bus_process(self->bus, NULL) > 0)
		;
	sd_bus_slot_unref(slot);
	EXPECT_EQ(1, added.n);
	EXPECT_TRUE(added.sock_iface);
	EXPECT_EQ(1, managed_object(self->bus, SOCK_PATH, SOCK_IFACE));
	EXPECT_EQ(0, managed_object(self->bus, SOCK_PATH "x", SOCK_IFACE));

	ASSERT_EQ(0, get_string(self->bus, SOCK_PATH, SOCK_IFACE, "Foot", s,
				sizeof(s)));
	EXPECT_STREQ("left", s);
	ASSERT_EQ(0, get_string(self->bus, SOCK_PATH, SOCK_IFACE, "Level", s,
				sizeof(s)));
	EXPECT_STREQ("warning", s);
	ASSERT_LE(0, get_trivial(self->bus, SOCK_PATH, "NumbnessRisk", 'i', &risk));
	EXPECT_LE(50, risk);
	ASSERT_LE(0, get_trivial(self->bus, SOCK_PATH, "Frames", 't', &frames));
	EXPECT_EQ(120000, frames);

	/* Ten minutes of data: a whole trend window, so a known trend. */
	ASSERT_EQ(0, get_string(self->bus, SOCK_PATH, SOCK_IFACE,
				"NumbnessRiskTrend", s, sizeof(s)));
	EXPECT_MSG(!strcmp(s, "rising") || !strcmp(s, "steady") ||
		   !strcmp(s, "falling"), "NumbnessRiskTrend \"%s\"", s);
	ASSERT_EQ(0, get_string(self->bus, SOCK_PATH, SOCK_IFACE,
				"CirculationRestrictionTrend", s, sizeof(s)));
	EXPECT_MSG(!strcmp(s, "rising") || !strcmp(s, "steady") ||
		   !strcmp(s, "falling"), "CirculationRestrictionTrend \"%s\"",
		   s);
	/*
	 * The events: attached first, then the level rising to warning (at
	 * once: the laces are past the no-flow pressure, docs/analysis.md,
	 * or through watch), the cause, and detached at the end of the replay; in time
	 * order, and since_usec keeps exactly the events from then on.
	 */
	{
		struct event ev[64], later[64];
		int n, k, i, j, levels = 0, first_level = -1, prev = 0;

		n = get_events(self->bus, 0, ev, 64);
		ASSERT_LE(3, n);
		EXPECT_STREQ("attached", ev[0].kind);
		EXPECT_STREQ("left", ev[0].foot);
		EXPECT_STREQ("replay-left", ev[0].serial);
		EXPECT_STREQ("ok", ev[0].level);
		EXPECT_STREQ("detached", ev[n - 1].kind);
		EXPECT_STREQ("warning", ev[n - 1].level);
		for (i = 0; i < n; i++) {
			if (i)
				EXPECT_LE(ev[i - 1].t, ev[i].t);
			if (strcmp(ev[i].kind, "level"))
				continue;
			if (first_level < 0)
				first_level = i;
			/* tight laces only build up: each level is higher */
			EXPECT_LT(prev, level_rank(ev[i].level));
			prev = level_rank(ev[i].level);
			levels++;
		}
		EXPECT_LE(1, levels);
		EXPECT_EQ(level_rank("warning"), prev);
		ASSERT_LT(0, first_level);
		k = get_events(self->bus, ev[first_level].t, later, 64);
		for (i = 0; i < n && ev[i].t < ev[first_level].t; i++)
			;
		ASSERT_EQ(n - i, k);
		for (j = 0; j < k; j++) {
			EXPECT_EQ(ev[i + j].t, later[j].t);
			EXPECT_STREQ(ev[i + j].kind, later[j].kind);
		}
		EXPECT_EQ(0, get_events(self->bus, ev[n - 1].t + 1, later, 64));
	}

	/* No device, no firmware. */
	ASSERT_EQ(0, get_string(self->bus, SOCK_PATH, SOCK_IFACE, "Firmware", s,
				sizeof(s)));
	EXPECT_STREQ("", s);

	ASSERT_LE(0, sd_bus_get_property(self->bus, "org.footsock.Monitor1",
					 SOCK_PATH, SOCK_IFACE, "Causes", &e,
					 &reply, "a(sd)"));
	ASSERT_LE(0, sd_bus_message_enter_container(reply, 'a', "(sd)"));
	ASSERT_LT(0, sd_bus_message_read(reply, "(sd)", &cause, &score));
	EXPECT_STREQ("tight_laces", cause);
	EXPECT_LE(0.5, score);
	reply = sd_bus_message_unref(reply);

	ASSERT_LE(0, sd_bus_get_property(self->bus, "org.footsock.Monitor1",
					 MGR_PATH, MGR_IFACE, "Socks", &e,
					 &reply, "ao"));
	ASSERT_LE(0, sd_bus_message_enter_container(reply, 'a', "o"));
	ASSERT_LT(0, sd_bus_message_read(reply, "o", &obj));
	EXPECT_STREQ(SOCK_PATH, obj);
	reply = sd_bus_message_unref(reply);
	ASSERT_EQ(0, get_string(self->bus, MGR_PATH, MGR_IFACE, "Version", s,
				sizeof(s)));
	EXPECT_STREQ(FOOTSOCK_VERSION, s);

	/* STATUS= follows the state. */
	ASSERT_TRUE(wait_notify(self->notify_fd, "left warning tight_laces", 5.0,
				notes, sizeof(notes)))
		TH_LOG("notifications: %s", notes);

	/* The Prometheus textfile, written every 5 s. */
	usleep(5500000);
	snprintf(s, sizeof(s), "%s/footsock.prom", self->dir);
	f = fopen(s, "r");
	ASSERT_NE(NULL, f);
	{
		char line[256];
		bool found = false;

		while (fgets(line, sizeof(line), f))
			found |= !strncmp(line, "footsock_level{foot=\"left\",serial=\"replay-left\"} 2", 50);
		EXPECT_TRUE(found);
	}
	fclose(f);

	/* A replayed sock has no device to tare. */
	EXPECT_GT(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					SOCK_PATH, SOCK_IFACE, "Tare", &e, NULL, ""));
	EXPECT_STREQ(SD_BUS_ERROR_NOT_SUPPORTED, e.name);
	sd_bus_error_free(&e);

	/* SIGTERM: a clean exit. */
	{
		int status;

		kill(self->daemon_pid, SIGTERM);
		ASSERT_EQ(self->daemon_pid, waitpid(self->daemon_pid, &status, 0));
		self->daemon_pid = 0;
		EXPECT_TRUE(WIFEXITED(status));
		EXPECT_EQ(0, WEXITSTATUS(status));
	}
}

/*
 * Every line of f parses (f is closed); returns the number of data rows,
 * -1 on error. im holds the metadata after.
 */
static long check_recording_file(struct __test_metadata *_metadata, FILE *f,
				 const char *path, struct fs_import *pim)
{
	struct fs_import im;
	struct fs_frame fr[2];
	char *line = NULL;
	size_t cap = 0;
	long rows = 0;
	ssize_t n;
	int last = '\n';

	if (!f)
		return -1;
	fs_import_init(&im, FS_FMT_FOOTSOCK);
	while ((n = getline(&line, &cap, f)) > 0) {
		int k;

		last = line[n - 1];
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		k = fs_import_line(&im, line, (size_t)n, fr);
		if (k < 0) {
			TH_LOG("%s:%lu: %s", path, im.line, im.err);
			rows = -1;
			break;
		}
		if (k)
			rows++;
	}
	free(line);
	fclose(f);
	if (rows >= 0 && last != '\n') {
		TH_LOG("%s: the last line is not complete", path);
		return -1;
	}
	if (rows >= 0 && !im.header_seen)
		return -1;
	if (pim)
		*pim = im;
	return rows;
}

static long check_recording(struct __test_metadata *_metadata, const char *path)
{
	return check_recording_file(_metadata, fopen(path, "r"), path, NULL);
}

/*
 * Did the fix work (issue 15): a tight sock from minute 1, changed at
 * minute 7. The escalation (5 min after it was named) and then the relief
 * come as events naming tight_sock, as Relief signals with the figures,
 * and as journal text.
 */
struct reliefs {
	unsigned int n;
	char kind[4][16];
	double before[4], after[4];
};

static int on_relief(sd_bus_message *m, void *data, sd_bus_error *e)
{
	struct reliefs *r = data;
	const char *kind, *cause;
	double before, after, rewarm, minutes;

	(void)e;
	if (r->n >= 4 || sd_bus_message_read(m, "ssdddd", &kind, &cause, &before,
					      &after, &rewarm, &minutes) <= 0 ||
	    strcmp(cause, "tight_sock"))
		return 0;
	snprintf(r->kind[r->n], sizeof(r->kind[0]), "%s", kind);
	r->before[r->n] = before;
	r->after[r->n] = after;
	r->n++;
	return 0;
}

TEST_F_TIMEOUT(e2e, replay_relief, 120)
{
	char cmd[1024], line[512], out[16384];
	struct reliefs got = { 0 };
	sd_bus_slot *slot = NULL;
	struct event ev[64];
	bool logged = false;
	int n, i, relieved = -1, escalated = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd), EMU " --csv %s --scenario tight_sock "
		 "--foot left --duration 600 --onset 60 --relief 420", self->csv);
	ASSERT_EQ(0, run(cmd));
	ASSERT_LE(0, sd_bus_match_signal(self->bus, &slot, NULL, NULL, SOCK_IFACE,
					 "Relief", on_relief, &got));
	ASSERT_LT(0, start_daemon(self, "200"));
	ASSERT_TRUE(wait_replay_end(self->bus, 60.0))
		dump_log(_metadata, self->log);
	while (sd_bus_process(self->bus, NULL) > 0)
		;
	sd_bus_slot_unref(slot);

	n = get_events(self->bus, 0, ev, 64);
	ASSERT_LE(3, n);
	for (i = 0; i < n; i++) {
		if (!strcmp(ev[i].kind, "relieved")) {
			EXPECT_EQ(-1, relieved);
			relieved = i;
			EXPECT_STREQ("tight_sock", ev[i].cause);
		}
		if (!strcmp(ev[i].kind, "not_relieved")) {
			EXPECT_EQ(-1, escalated);
			escalated = i;
			EXPECT_STREQ("tight_sock", ev[i].cause);
		}
	}
	EXPECT_LE(0, escalated);
	EXPECT_LT(escalated, relieved);

	ASSERT_EQ(2, got.n);
	EXPECT_STREQ("not_relieved", got.kind[0]);
	EXPECT_STREQ("relieved", got.kind[1]);
	EXPECT_GT(got.before[1], 12.0);
	EXPECT_LT(got.after[1], 3.0);

	/* footsockctl status: the newest of them */
	snprintf(cmd, sizeof(cmd), CTL " --bus-address '%s' status --json",
		 self->address);
	f = popen(cmd, "r");
	ASSERT_NE(NULL, f);
	n = (int)fread(out, 1, sizeof(out) - 1, f);
	out[n > 0 ? n : 0] = '\0';
	EXPECT_EQ(0, pclose(f));
	EXPECT_NE(NULL, strstr(out, "\"relief\":{\"kind\":\"relieved\",\"cause\":\"tight_sock\""))
		TH_LOG("%s", out);

	f = fopen(self->log, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f))
		logged |= strstr(line, "left foot: tight_sock relieved: cuff swing pressure") != NULL;
	fclose(f);
	EXPECT_TRUE(logged)
		dump_log(_metadata, self->log);
}

TEST_F(e2e, recording_start_stop)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	char notes[2048] = "", path[512], path2[512];
	const char *p;
	long rows;

	ASSERT_LT(0, start_daemon(self, "20"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);

	/* A subject that is not a file name is refused. */
	EXPECT_GT(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StartRecording",
					&e, NULL, "s", "../etc"));
	EXPECT_STREQ(SD_BUS_ERROR_INVALID_ARGS, e.name);
	sd_bus_error_free(&e);

	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StartRecording",
					&e, &reply, "s", "S01"))
		TH_LOG("%s", e.message);
	ASSERT_LE(0, sd_bus_message_read(reply, "s", &p));
	snprintf(path, sizeof(path), "%s", p);
	reply = sd_bus_message_unref(reply);
	EXPECT_EQ(0, strncmp(path, self->dir, strlen(self->dir)));
	EXPECT_NE(NULL, strstr(path, "/rec/S01-"));

	EXPECT_GT(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StartRecording",
					&e, NULL, "s", "S02"));
	EXPECT_STREQ("org.footsock.Monitor1.Error.Busy", e.name);
	sd_bus_error_free(&e);

	usleep(1500000);
	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StopRecording",
					&e, &reply, ""));
	ASSERT_LE(0, sd_bus_message_read(reply, "s", &p));
	snprintf(path2, sizeof(path2), "%s", p);
	reply = sd_bus_message_unref(reply);
	EXPECT_STREQ(path, path2);

	rows = check_recording(_metadata, path);
	/* 1.5 s at 20 x 200 Hz: several thousand rows. */
	EXPECT_LT(2000, rows);

	EXPECT_GT(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StopRecording",
					&e, NULL, ""));
	EXPECT_STREQ("org.footsock.Monitor1.Error.NotRecording", e.name);
	sd_bus_error_free(&e);
}

struct recording {
	char id[256], subject[128], started[64];
	uint64_t size;
	int active;
};

/* ListRecordings() into l; the number listed, or a negative errno. */
static int list_recordings(sd_bus *bus, struct recording *l, int max)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *id, *subject, *started;
	uint64_t size;
	int r, active, n = 0;

	r = sd_bus_call_method(bus, "org.footsock.Monitor1", MGR_PATH, MGR_IFACE,
			       "ListRecordings", &e, &reply, "");
	sd_bus_error_free(&e);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(reply, 'a', "(ssstb)");
	while (r >= 0 && n < max &&
	       (r = sd_bus_message_read(reply, "(ssstb)", &id, &subject,
					&started, &size, &active)) > 0) {
		snprintf(l[n].id, sizeof(l[n].id), "%s", id);
		snprintf(l[n].subject, sizeof(l[n].subject), "%s", subject);
		snprintf(l[n].started, sizeof(l[n].started), "%s", started);
		l[n].size = size;
		l[n].active = active;
		n++;
	}
	sd_bus_message_unref(reply);
	return r < 0 ? r : n;
}

/* OpenRecording(id): a dup of the fd passed, or -1 with the error in e. */
static int open_recording(sd_bus *bus, const char *id, sd_bus_error *e)
{
	sd_bus_message *reply = NULL;
	int fd = -1, r;

	r = sd_bus_call_method(bus, "org.footsock.Monitor1", MGR_PATH, MGR_IFACE,
			       "OpenRecording", e, &reply, "s", id);
	if (r < 0)
		return -1;
	if (sd_bus_message_read(reply, "h", &fd) > 0)
		fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	else
		fd = -1;
	sd_bus_message_unref(reply);
	return fd;
}

/*
 * StartRecordingWithNote, ListRecordings (only regular *.csv files, with
 * their metadata, active while written), OpenRecording (a read-only fd of
 * a file the importer parses, the note in it; no way out of the
 * directory).
 */
TEST_F(e2e, recordings_list_open)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	struct recording l[8];
	struct fs_import im;
	char notes[2048] = "", path[512], id[256], file[600], line[512];
	const char *p, *base;
	bool note_found = false;
	uint64_t size;
	long rows;
	int n, fd, i;
	FILE *f;

	ASSERT_LT(0, start_daemon(self, "20"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);

	/* No directory yet: an empty list, not an error. */
	EXPECT_EQ(0, list_recordings(self->bus, l, 8));

	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE,
					"StartRecordingWithNote", &e, &reply,
					"ss", "S07", "new shoes\nleft lace\ttight"))
		TH_LOG("%s", e.message);
	ASSERT_LE(0, sd_bus_message_read(reply, "s", &p));
	snprintf(path, sizeof(path), "%s", p);
	reply = sd_bus_message_unref(reply);
	base = strrchr(path, '/');
	ASSERT_NE(NULL, base);
	snprintf(id, sizeof(id), "%.*s", (int)(strlen(base + 1) - 4), base + 1);
	ASSERT_EQ(0, strcmp(path + strlen(path) - 4, ".csv"));

	/* Beside it: things that are not recordings. */
	snprintf(file, sizeof(file), "%s/rec/notes.txt", self->dir);
	f = fopen(file, "w");
	ASSERT_NE(NULL, f);
	fclose(f);
	snprintf(file, sizeof(file), "%s/rec/dir.csv", self->dir);
	ASSERT_EQ(0, mkdir(file, 0700));
	snprintf(file, sizeof(file), "%s/rec/link.csv", self->dir);
	ASSERT_EQ(0, symlink(path, file));
	snprintf(file, sizeof(file), "%s/outside.csv", self->dir);
	f = fopen(file, "w");
	ASSERT_NE(NULL, f);
	fputs("# subject=outside\n", f);
	fclose(f);

	n = list_recordings(self->bus, l, 8);
	ASSERT_EQ(1, n);
	EXPECT_STREQ(id, l[0].id);
	EXPECT_STREQ("S07", l[0].subject);
	EXPECT_EQ(20, strlen(l[0].started));	/* 2026-11-28T10:00:00Z */
	EXPECT_EQ('Z', l[0].started[19]);
	EXPECT_TRUE(l[0].active);
	size = l[0].size;
	EXPECT_LT(0, size);

	usleep(1200000);
	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StopRecording",
					&e, NULL, ""));
	n = list_recordings(self->bus, l, 8);
	ASSERT_EQ(1, n);
	EXPECT_FALSE(l[0].active);
	EXPECT_LT(size, l[0].size);

	fd = open_recording(self->bus, id, &e);
	ASSERT_LE(0, fd)
		TH_LOG("%s: %s", e.name, e.message);
	EXPECT_EQ(O_RDONLY, fcntl(fd, F_GETFL) & O_ACCMODE);
	f = fdopen(dup(fd), "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f) && line[0] == '#')
		note_found |= !strcmp(line, "# note=new shoes left lace tight\n");
	fclose(f);
	EXPECT_TRUE(note_found);
	ASSERT_EQ(0, lseek(fd, 0, SEEK_SET));
	rows = check_recording_file(_metadata, fdopen(fd, "r"), id, &im);
	EXPECT_LT(1000, rows);
	EXPECT_STREQ("S07", im.subject);

	/* Only plain names of recordings there. */
	{
		static const char *const bad[] = {
			"../x", "../outside", "link", "dir", "notes", "nope",
			".", "", "/etc/passwd",
		};

		for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
			fd = open_recording(self->bus, bad[i], &e);
			EXPECT_MSG(fd < 0, "OpenRecording(\"%s\") opened", bad[i]);
			if (fd >= 0)
				close(fd);
			EXPECT_STREQ("org.footsock.Monitor1.Error.NoSuchRecording",
				     e.name);
			sd_bus_error_free(&e);
		}
	}
}

/*
 * After SIGKILL only the rows since the last tick (500 ms) are missing and
 * the file parses. 1.3 s of frames are allowed: the Frames property read
 * here is itself published every 500 ms, and 0.3 s is timer slack.
 */
TEST_F(e2e, recording_survives_sigkill)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	char notes[2048] = "", path[512];
	uint64_t before = 0, after = 0;
	const char *p;
	long rows;

	ASSERT_LT(0, start_daemon(self, "5"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);
	ASSERT_LE(0, get_trivial(self->bus, SOCK_PATH, "Frames", 't', &before));
	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StartRecording",
					&e, &reply, "s", "crash"))
		TH_LOG("%s", e.message);
	ASSERT_LE(0, sd_bus_message_read(reply, "s", &p));
	snprintf(path, sizeof(path), "%s", p);
	reply = sd_bus_message_unref(reply);

	usleep(3300000);
	ASSERT_LE(0, get_trivial(self->bus, SOCK_PATH, "Frames", 't', &after));
	kill(self->daemon_pid, SIGKILL);
	waitpid(self->daemon_pid, NULL, 0);
	self->daemon_pid = 0;

	rows = check_recording(_metadata, path);
	ASSERT_LT(0, rows);
	/* Replayed at 5 x 200 Hz: 1000 frames a second. */
	EXPECT_LE((long)(after - before) - 1300, rows)
		TH_LOG("fed %llu, recorded %ld",
		       (unsigned long long)(after - before), rows);
}

static int on_changed(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)m, (void)e;
	(*(unsigned int *)data)++;
	return 0;
}

/*
 * The disk fills up under a recording (here RLIMIT_FSIZE: the write that
 * crosses it is short, the next fails with EFBIG): the file is cut back
 * to its last whole row, so it parses; the recording stops, the journal
 * says so, and the Recording property announces the change.
 */
TEST_F(e2e, recording_disk_full)
{
	const rlim_t limit = 100000;
	struct rlimit old, lim;
	struct mgr_changes changes = { .len = 0 };
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	sd_bus_slot *slot = NULL;
	char notes[2048] = "", path[512], s[600], text[8192] = "";
	struct stat st;
	double end;
	const char *p;
	long rows;
	FILE *f;
	size_t n;
	int fd;

	ASSERT_LE(0, sd_bus_match_signal(self->bus, &slot, NULL, MGR_PATH,
					 "org.freedesktop.DBus.Properties",
					 "PropertiesChanged", on_mgr_changed,
					 &changes));
	/* The limit and SIGXFSZ ignored are inherited by footsockd only. */
	ASSERT_EQ(0, getrlimit(RLIMIT_FSIZE, &old));
	lim = old;
	lim.rlim_cur = limit;	/* the soft limit: it can be raised again */
	signal(SIGXFSZ, SIG_IGN);
	ASSERT_EQ(0, setrlimit(RLIMIT_FSIZE, &lim));
	start_daemon(self, "5");
	ASSERT_EQ(0, setrlimit(RLIMIT_FSIZE, &old));
	signal(SIGXFSZ, SIG_DFL);
	ASSERT_LT(0, self->daemon_pid);
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);

	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StartRecording",
					&e, &reply, "s", "full"))
		TH_LOG("%s", e.message);
	ASSERT_LE(0, sd_bus_message_read(reply, "s", &p));
	snprintf(path, sizeof(path), "%s", p);
	reply = sd_bus_message_unref(reply);

	/* 1000 rows a second of about 130 bytes: full within a second. */
	end = now_s() + 10.0;
	do {
		process_for(self->bus, 0.2);
		ASSERT_EQ(0, get_string(self->bus, MGR_PATH, MGR_IFACE,
					"Recording", s, sizeof(s)));
	} while (*s && now_s() < end);
	EXPECT_STREQ("", s);
	process_for(self->bus, 0.5);
	sd_bus_slot_unref(slot);
	snprintf(s, sizeof(s), "Recording=%s\n", path);
	EXPECT_NE(NULL, strstr(changes.log, s))
		TH_LOG("signals: %s", changes.log);
	EXPECT_NE(NULL, strstr(changes.log, "Recording=\n"))
		TH_LOG("no PropertiesChanged for the stop: %s", changes.log);

	ASSERT_EQ(0, stat(path, &st));
	EXPECT_GE((off_t)limit, st.st_size);
	EXPECT_LT((off_t)limit / 2, st.st_size);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, pread(fd, s, 1, st.st_size - 1));
	close(fd);
	EXPECT_EQ('\n', s[0]);
	rows = check_recording(_metadata, path);
	EXPECT_LT(300, rows);

	f = fopen(self->log, "r");
	ASSERT_NE(NULL, f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	snprintf(s, sizeof(s), "Recording %s stopped", path);
	EXPECT_NE(NULL, strstr(text, s))
		TH_LOG("stderr: %s", text);
	/* Still serving. */
	EXPECT_EQ(0, kill(self->daemon_pid, 0));
}

/*
 * The manager's signals say what changed, once: each PropertiesChanged
 * naming Status carries a new value (none repeats the one before), and
 * Uptime, which changes all the time and is never signalled, is
 * introspected as EmitsChangedSignal=false (not "invalidates").
 */
TEST_F_TIMEOUT(e2e, manager_signals_once, 120)
{
	struct mgr_changes changes = { .len = 0 };
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	sd_bus_slot *slot = NULL;
	char notes[2048] = "", prev[256] = "", *line, *save = NULL;
	const char *xml, *uptime, *end;
	unsigned int statuses = 0;

	ASSERT_LE(0, sd_bus_match_signal(self->bus, &slot, NULL, MGR_PATH,
					 "org.freedesktop.DBus.Properties",
					 "PropertiesChanged", on_mgr_changed,
					 &changes));
	ASSERT_LT(0, start_daemon(self, "200"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);
	ASSERT_TRUE(wait_replay_end(self->bus, 60.0));
	process_for(self->bus, 1.0);
	sd_bus_slot_unref(slot);
	for (line = strtok_r(changes.log, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "Status", 6))
			continue;
		statuses++;
		EXPECT_MSG(strcmp(line, prev), "Status signalled twice: %s", line);
		snprintf(prev, sizeof(prev), "%s", line);
	}
	EXPECT_LE(3, statuses);

	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, "org.freedesktop.DBus.Introspectable",
					"Introspect", &e, &reply, ""));
	ASSERT_LT(0, sd_bus_message_read(reply, "s", &xml));
	uptime = strstr(xml, "<property name=\"Uptime\"");
	ASSERT_NE(NULL, uptime);
	end = strstr(uptime, "</property>");
	ASSERT_NE(NULL, end);
	{
		static const char never[] = "EmitsChangedSignal\" value=\"false\"";
		size_t n = (size_t)(end - uptime);

		EXPECT_EQ(NULL, memmem(uptime, n, "invalidates", 11));
		EXPECT_NE(NULL, memmem(uptime, n, never, sizeof(never) - 1));
	}
	sd_bus_message_unref(reply);
}

/*
 * A value the daemon does not know is NaN on the bus, not 0: a standing
 * foot (constant load, no step) has no cadence, stance or swing time, and
 * one foot has no stance asymmetry.
 */
TEST_F(e2e, unknown_values_are_nan)
{
	static const char *const props[] = { "Cadence", "StanceTime", "SwingTime" };
	char notes[2048] = "";
	double v = 0.0;
	unsigned int i;
	FILE *f;

	f = fopen(self->csv, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "# footsock recording v1\n# rate_hz=200\n%s\n", fs_rec_header);
	for (i = 0; i < 2000; i++)
		fprintf(f, "%u.%03u,left,10,10,10,10,10,10,10,10,10,10,2,1,1,1,1,2,30,30,30,30,31,25\n",
			i / 200, i % 200 * 5);
	fclose(f);
	ASSERT_LT(0, start_daemon(self, "20"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);
	ASSERT_TRUE(wait_replay_end(self->bus, 20.0));
	for (i = 0; i < 3; i++) {
		ASSERT_LE(0, get_trivial(self->bus, SOCK_PATH, props[i], 'd', &v));
		EXPECT_MSG(isnan(v), "%s is %g, not NaN", props[i], v);
	}
	{
		sd_bus_error e = SD_BUS_ERROR_NULL;

		ASSERT_LE(0, sd_bus_get_property_trivial(self->bus,
				"org.footsock.Monitor1", MGR_PATH, MGR_IFACE,
				"StanceAsymmetry", &e, 'd', &v));
		EXPECT_MSG(isnan(v), "StanceAsymmetry is %g, not NaN", v);
	}
}

/*
 * Both feet: two sock objects, the asymmetry properties, both in STATUS=,
 * and PropertiesChanged of a sock at most every 500 ms although it gets
 * 100 x 200 frames a second.
 */
TEST_F(e2e, replay_pair_and_throttle)
{
	char notes[8192] = "", cmd[512];
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	sd_bus_slot *slot = NULL;
	unsigned int changes = 0, n = 0;
	const char *obj;
	double end;

	snprintf(cmd, sizeof(cmd), EMU " --csv %s --scenario normal "
		 "--foot both --duration 120", self->csv);
	ASSERT_EQ(0, run(cmd));
	ASSERT_LT(0, start_daemon(self, "20"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);

	ASSERT_LE(0, sd_bus_match_signal(self->bus, &slot, "org.footsock.Monitor1",
					 SOCK_PATH, "org.freedesktop.DBus.Properties",
					 "PropertiesChanged", on_changed, &changes));
	/* Let the match reach the bus, then count for 3 s. */
	usleep(300000);
	while (sd_bus_process(self->bus, NULL) > 0)
		;
	changes = 0;
	end = now_s() + 3.0;
	while (now_s() < end) {
		if (sd_bus_process(self->bus, NULL) > 0)
			continue;
		sd_bus_wait(self->bus, 100000);
	}
	EXPECT_LE(4, changes);
	EXPECT_GE(7, changes);
	sd_bus_slot_unref(slot);

	ASSERT_LE(0, sd_bus_get_property(self->bus, "org.footsock.Monitor1",
					 MGR_PATH, MGR_IFACE, "Socks", &e,
					 &reply, "ao"));
	ASSERT_LE(0, sd_bus_message_enter_container(reply, 'a', "o"));
	while (sd_bus_message_read(reply, "o", &obj) > 0)
		n++;
	EXPECT_EQ(2, n);
	reply = sd_bus_message_unref(reply);

	ASSERT_LE(0, sd_bus_get_property(self->bus, "org.footsock.Monitor1",
					 MGR_PATH, MGR_IFACE, "TemperatureAsymmetry",
					 &e, &reply, "a{sd}"));
	ASSERT_LE(0, sd_bus_message_enter_container(reply, 'a', "{sd}"));
	n = 0;
	for (;;) {
		const char *site;
		double d;

		if (sd_bus_message_read(reply, "{sd}", &site, &d) <= 0)
			break;
		EXPECT_GT(2.0, d > 0 ? d : -d);
		n++;
	}
	EXPECT_EQ(6, n);
	reply = sd_bus_message_unref(reply);

	EXPECT_TRUE(wait_notify(self->notify_fd, "; right ", 5.0, notes,
				sizeof(notes)))
		TH_LOG("notifications: %s", notes);
	EXPECT_NE(NULL, strstr(notes, "STATUS=left "));
}

/*
 * Left against right: tight laces on the left, a healthy right. The left
 * sock's CauseContrast tells "left_only" with the right's dorsum swing
 * pressure (a well-fitting shoe: under floor_low_kpa 3 kPa), the journal's
 * cause entry (echoed to the log) and STATUS= say it too; the right foot
 * names no cause.
 */
TEST_F_TIMEOUT(e2e, replay_pair_contrast, 90)
{
	char notes[8192] = "", cmd[512], line[1024];
	const char *cause, *kind, *text;
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	bool logged = false;
	double other;
	int n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), EMU " --csv %s --scenario tight_laces "
		 "--scenario-right normal --foot both --duration 150", self->csv);
	ASSERT_EQ(0, run(cmd));
	ASSERT_LT(0, start_daemon(self, "100"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "tight_laces (left only)", 20.0,
				notes, sizeof(notes)))
		dump_log(_metadata, self->log);
	ASSERT_TRUE(wait_replay_end(self->bus, 30.0))
		dump_log(_metadata, self->log);

	ASSERT_LE(0, sd_bus_get_property(self->bus, "org.footsock.Monitor1",
					 SOCK_PATH, SOCK_IFACE, "CauseContrast",
					 &e, &reply, "a(sssd)"));
	ASSERT_LE(0, sd_bus_message_enter_container(reply, 'a', "(sssd)"));
	while (sd_bus_message_read(reply, "(sssd)", &cause, &kind, &text,
				   &other) > 0) {
		TH_LOG("%s: %s, \"%s\", right %.2f", cause, kind, text, other);
		EXPECT_STREQ("tight_laces", cause);
		EXPECT_STREQ("left_only", kind);
		EXPECT_EQ(0, strncmp(text, "left only; right dorsum ", 24));
		EXPECT_GT(3.0, other);
		n++;
	}
	EXPECT_EQ(1, n);
	reply = sd_bus_message_unref(reply);

	f = fopen(self->log, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "left foot: cause tight_laces") &&
		    strstr(line, "; left only; right dorsum "))
			logged = true;
	fclose(f);
	EXPECT_TRUE(logged)
		dump_log(_metadata, self->log);
}

/*
 * The runner's own normal, live: a runner whose laces usually sit at a
 * dorsum swing floor of 4.4 kPa (the emulator's normal run, its dorsum
 * raised 3.3 kPa: 4.5 kPa) has a profile saying so. `analyze` without the
 * profile names tight_laces on this file (the population's ramp starts at
 * 3 kPa), so the data need the profile; recorded for that subject,
 * footsockd judges the foot by it (the ramp from 4.3 kPa, the capillary
 * closing pressure): no cause, the baseline named, and after the
 * recording the population's default again.
 */
TEST_F_TIMEOUT(e2e, replay_judged_by_profile, 120)
{
	static const char profile[] =
		"{\"format\": \"footsock-profile\", \"version\": 1, "
		"\"subject\": \"S07\", \"runs\": 6, \"runs_seen\": 6, "
		"\"swing_floor_kpa\": {\"left\": {\"dorsum\": "
		"{\"mean\": 4.4, \"runs\": 6}}}}\n";
	char notes[4096] = "", cmd[1024], base[256], line[1024];
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *cause;
	double score;
	bool told = false;
	int n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), EMU " --csv %s/normal.csv --scenario normal "
		 "--foot left --duration 150 && awk -F, 'BEGIN { OFS = \",\" } "
		 "/^#/ || /^time_s/ { print; next } "
		 "{ $13 = sprintf(\"%%.2f\", $13 + 3.3); print }' %s/normal.csv >%s",
		 self->dir, self->dir, self->csv);
	ASSERT_EQ(0, run(cmd));
	snprintf(cmd, sizeof(cmd), CTL " analyze %s --json | grep -q "
		 "'\"cause\":\"tight_laces\"'", self->csv);
	ASSERT_EQ(0, run(cmd))
		TH_LOG("the population's judgement should name tight_laces");

	snprintf(cmd, sizeof(cmd), "mkdir %s/profiles && cat >%s/profiles/S07.json"
		 " <<'EOF'\n%sEOF", self->dir, self->dir, profile);
	ASSERT_EQ(0, run(cmd));
	f = fopen(self->conf, "a");
	ASSERT_NE(NULL, f);
	fprintf(f, "[recording]\nprofile_directory = %s/profiles\n", self->dir);
	fclose(f);

	ASSERT_LT(0, start_daemon(self, "10"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);
	ASSERT_EQ(0, get_string(self->bus, SOCK_PATH, SOCK_IFACE, "Baseline",
				base, sizeof(base)));
	EXPECT_STREQ("population default", base);
	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StartRecording",
					&e, NULL, "s", "S07"))
		TH_LOG("%s", e.message);
	ASSERT_EQ(0, get_string(self->bus, SOCK_PATH, SOCK_IFACE, "Baseline",
				base, sizeof(base)));
	EXPECT_STREQ("vs own normal over 6 runs", base);
	ASSERT_TRUE(wait_replay_end(self->bus, 40.0))
		dump_log(_metadata, self->log);

	ASSERT_LE(0, sd_bus_get_property(self->bus, "org.footsock.Monitor1",
					 SOCK_PATH, SOCK_IFACE, "Causes", &e,
					 &reply, "a(sd)"));
	ASSERT_LE(0, sd_bus_message_enter_container(reply, 'a', "(sd)"));
	while (sd_bus_message_read(reply, "(sd)", &cause, &score) > 0) {
		TH_LOG("cause %s %.2f", cause, score);
		n++;
	}
	EXPECT_EQ(0, n);
	reply = sd_bus_message_unref(reply);

	ASSERT_LE(0, sd_bus_call_method(self->bus, "org.footsock.Monitor1",
					MGR_PATH, MGR_IFACE, "StopRecording",
					&e, NULL, ""))
		TH_LOG("%s", e.message);
	ASSERT_EQ(0, get_string(self->bus, SOCK_PATH, SOCK_IFACE, "Baseline",
				base, sizeof(base)));
	EXPECT_STREQ("population default", base);

	f = fopen(self->log, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "Recording S07, judged against the runner's own normal (vs own normal over 6 runs)"))
			told = true;
	fclose(f);
	EXPECT_TRUE(told)
		dump_log(_metadata, self->log);
}

/*
 * A replay file with a line longer than the splitter's bound after a few
 * good rows: the daemon reads the rows, names the file and line of the
 * long one, ends the replay there and stays up. Its memory stays bounded:
 * the line is never held whole.
 */
TEST_F(e2e, replay_line_too_long)
{
	char notes[4096] = "", bad[sizeof(self->csv)], text[8192] = "", want[256], line[1024];
	unsigned int rows = 0, lineno = 0;
	uint64_t frames = 0;
	FILE *in, *out, *f;
	size_t n;
	int i;

	ASSERT_GT(sizeof(bad), (size_t)snprintf(bad, sizeof(bad), "%s/long.csv",
						self->dir));
	in = fopen(self->csv, "r");
	ASSERT_NE(NULL, in);
	out = fopen(bad, "w");
	ASSERT_NE(NULL, out);
	/* the metadata, the header and 10 rows of the left foot */
	while (rows < 10 && fgets(line, sizeof(line), in)) {
		fputs(line, out);
		lineno++;
		if (strstr(line, ",left,"))
			rows++;
	}
	fclose(in);
	for (i = 0; i < 70000; i++)
		fputc('7', out);
	fputs("\n", out);
	fclose(out);
	ASSERT_EQ(10, rows);
	memcpy(self->csv, bad, sizeof(bad));

	ASSERT_LT(0, start_daemon(self, "1000"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)));
	EXPECT_TRUE(wait_replay_end(self->bus, 10.0));
	EXPECT_EQ(0, get_trivial(self->bus, SOCK_PATH, "Frames", 't', &frames));
	EXPECT_EQ(10, frames);
	EXPECT_EQ(0, kill(self->daemon_pid, 0));

	f = fopen(self->log, "r");
	ASSERT_NE(NULL, f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	snprintf(want, sizeof(want), "%s:%u: line longer than 65536 bytes",
		 bad, lineno + 1);
	EXPECT_NE(NULL, strstr(text, want))
		TH_LOG("want '%s' in: %s", want, text);
	EXPECT_NE(NULL, strstr(text, "recording unreadable"));
}

/* waitpid with a timeout: the status, or -1 if pid still runs then. */
static int wait_exit(pid_t pid, double timeout_s)
{
	double end = now_s() + timeout_s;
	int status;

	while (now_s() < end) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		usleep(50000);
	}
	return -1;
}

/*
 * The bus goes away (dbus-daemon killed, as when it is restarted): an
 * unreachable footsockd is no use, so it exits non-zero within seconds
 * and systemd (Restart=on-failure) starts it again on the new bus.
 */
TEST_F(e2e, exits_when_the_bus_goes)
{
	char notes[2048] = "";
	int status;

	ASSERT_LT(0, start_daemon(self, "1"));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, notes,
				sizeof(notes)))
		dump_log(_metadata, self->log);
	ASSERT_EQ(0, kill(self->bus_pid, SIGKILL));
	self->bus_pid = 0;
	status = wait_exit(self->daemon_pid, 5.0);
	ASSERT_NE(-1, status)
		TH_LOG("footsockd still runs 5 s after its bus went away");
	self->daemon_pid = 0;
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_NE(0, WEXITSTATUS(status));
	{
		char text[4096] = "";
		FILE *f = fopen(self->log, "r");
		size_t n;

		ASSERT_NE(NULL, f);
		n = fread(text, 1, sizeof(text) - 1, f);
		text[n] = '\0';
		fclose(f);
		EXPECT_NE(NULL, strstr(text, "lost the connection to the bus"))
			TH_LOG("stderr: %s", text);
	}
}

TEST(bad_config_exits_before_ready)
{
	char dir[] = "/tmp/footsockd-conf-XXXXXX", conf[128], log[128];
	char notify[128], cmd[160], text[1024] = "";
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *argv[] = { DAEMON, "--config", conf, "--replay", "/dev/null",
			       "--bus-address", "unix:path=/nonexistent", NULL };
	int fd, status;
	pid_t pid;
	FILE *f;
	size_t n;

	if (access(DAEMON, X_OK))
		SKIP(return, DAEMON " not built");
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(conf, sizeof(conf), "%s/footsockd.conf", dir);
	snprintf(log, sizeof(log), "%s/log", dir);
	snprintf(notify, sizeof(notify), "%s/notify", dir);
	f = fopen(conf, "w");
	ASSERT_NE(NULL, f);
	fputs("[iio]\nlatency_ms = 100\n\n[analysis]\nlevel_stop = high\n", f);
	fclose(f);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	ASSERT_LE(0, fd);
	ASSERT_GT(sizeof(sa.sun_path), strlen(notify));
	memcpy(sa.sun_path, notify, strlen(notify) + 1);
	ASSERT_EQ(0, bind(fd, (struct sockaddr *)&sa, sizeof(sa)));

	pid = spawn(notify, log, O_TRUNC, argv);
	ASSERT_LT(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(78, WEXITSTATUS(status));	/* EX_CONFIG */
	f = fopen(log, "r");
	ASSERT_NE(NULL, f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	EXPECT_NE(NULL, strstr(text, "footsockd.conf:5: level_stop: not a number"))
		TH_LOG("stderr: %s", text);
	/* No READY=1, only STATUS= with the reason. */
	n = (size_t)recv(fd, text, sizeof(text) - 1, 0);
	if (n < sizeof(text)) {
		text[n] = '\0';
		EXPECT_EQ(NULL, strstr(text, "READY=1"));
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	EXPECT_EQ(0, run(cmd));
}

TEST(usage)
{
	if (access(DAEMON, X_OK))
		SKIP(return, DAEMON " not built");
	EXPECT_EQ(0, run(DAEMON " --version >/dev/null"));
	EXPECT_EQ(0, run(DAEMON " --help >/dev/null"));
	EXPECT_EQ(2, run(DAEMON " --bogus 2>/dev/null"));
	EXPECT_EQ(2, run(DAEMON " --replay-speed 0 2>/dev/null"));
	EXPECT_EQ(78, run(DAEMON " --config /nonexistent/x.conf 2>/dev/null"));
}

TEST_HARNESS_MAIN
