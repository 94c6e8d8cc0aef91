// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd's recordings against a full disk and SIGKILL, from outside:
 * build/bin/footsockd --replay on a private dbus-daemon, replaying a file
 * made here whose rows say which row they are (p_hallux = row / 1000,
 * p_toes = row % 1000 / 10), so that every recorded row is traced back to
 * the replayed row it is.
 *
 * disk_full: the recordings directory is a tmpfs of 1 MiB in a mount
 * namespace of its own (unshare + mount: root only; a SKIP otherwise,
 * which CI counts as a failure). Two recordings are made, the disk is
 * filled up to 48 KiB, a third recording runs into ENOSPC: it stops, the
 * journal (the daemon's stderr here) says so once with the error, the
 * Recording property goes "" with a PropertiesChanged, the file ends at
 * its last whole row, its rows are consecutive replayed rows and
 * footsockctl analyze reads it; the two earlier recordings are byte for
 * byte what they were; the daemon serves on and records again once there
 * is room.
 *
 * sigkill: 20 times, footsockd is started, a recording started and the
 * daemon killed with SIGKILL at a random moment (seeded; the seed is
 * printed, FOOTSOCK_SEED=N repeats a run). Every file parses (strictly:
 * whole lines only), its rows are consecutive replayed rows from the
 * start of the recording on, and the newest row is at most 1 s older than
 * what the replay had fed when the kill came (the replay's start taken
 * as READY=1's arrival: it starts right before the daemon sends it).
 * Earlier recordings are untouched by later kills.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
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
#define CTL "build/bin/footsockctl"
#define RATE 200
#define KILLS 20

FIXTURE(rec)
{
	char dir[64], rec[96], csv[128], conf[128], notify[128], log[128];
	char address[512];
	pid_t bus_pid, daemon_pid;
	int notify_fd;
	sd_bus *bus;
	bool mounted;
};

void rec_setup(struct __test_metadata *_metadata, FIXTURE_DATA(rec) *self,
	       const FIXTURE_VARIANT(rec) *variant);
void rec_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(rec) *self,
		  const FIXTURE_VARIANT(rec) *variant);

/* The replayed file: seconds of one foot at RATE, each row numbered. */
static int write_replay(const char *path, unsigned int seconds)
{
	unsigned int k, i, n = seconds * RATE;
	FILE *f = fopen(path, "w");

	if (!f)
		return -errno;
	fprintf(f, "# footsock recording v1\n# subject=faults\n# rate_hz=%d\n"
		"%s\n", RATE, fs_rec_header);
	for (k = 0; k < n; k++) {
		fprintf(f, "%.3f,left,%u,%.1f", (double)k / RATE, k / 1000,
			(double)(k % 1000) / 10.0);
		for (i = 2; i < 16; i++)
			fprintf(f, ",%u", 5 + i + (k / 20) % 30);
		fputs(",31.5,31.0,32.0,31.2,33.0,28.0\n", f);
	}
	return fclose(f) ? -errno : 0;
}

FIXTURE_SETUP(rec)
{
	FILE *f;

	self->bus_pid = self->daemon_pid = 0;
	self->notify_fd = -1;
	self->bus = NULL;
	self->mounted = false;
	self->dir[0] = '\0';
	if (access(DAEMON, X_OK) || access(CTL, X_OK))
		SKIP(return, "%s or %s not built", DAEMON, CTL);
	if (access("/usr/bin/dbus-daemon", X_OK))
		SKIP(return, "dbus-daemon not installed");
	snprintf(self->dir, sizeof(self->dir), "/tmp/footsockd-recf-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->rec, sizeof(self->rec), "%s/rec", self->dir);
	snprintf(self->csv, sizeof(self->csv), "%s/numbered.csv", self->dir);
	snprintf(self->conf, sizeof(self->conf), "%s/footsockd.conf", self->dir);
	snprintf(self->notify, sizeof(self->notify), "%s/notify", self->dir);
	snprintf(self->log, sizeof(self->log), "%s/footsockd.log", self->dir);
	ASSERT_EQ(0, mkdir(self->rec, 0750));
	ASSERT_EQ(0, write_replay(self->csv, 900));

	f = fopen(self->conf, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "[recording]\ndirectory = %s\n", self->rec);
	fclose(f);

	ASSERT_EQ(0, bus_env_open(self->address, sizeof(self->address),
				  self->notify, &self->bus_pid,
				  &self->notify_fd, &self->bus));
}

FIXTURE_TEARDOWN(rec)
{
	bus_env_close(self->daemon_pid, self->bus, self->bus_pid,
		      self->notify_fd);
	if (self->mounted)
		umount2(self->rec, MNT_DETACH);
	if (self->dir[0] && remove_tree(self->dir))
		TH_LOG("cannot remove %s", self->dir);
}

static pid_t start_daemon(FIXTURE_DATA(rec) *self)
{
	const char *argv[] = { DAEMON, "--config", self->conf, "--replay",
			       self->csv, "--bus-address", self->address,
			       NULL };

	self->daemon_pid = spawn(self->notify, self->log, O_APPEND, argv);
	return self->daemon_pid;
}

static void stop_daemon(FIXTURE_DATA(rec) *self, int sig)
{
	kill(self->daemon_pid, sig);
	waitpid(self->daemon_pid, NULL, 0);
	self->daemon_pid = 0;
}

/* StartRecording(subject): 0 and the path, or a negative errno. */
static int start_recording(sd_bus *bus, const char *subject, char *path,
			   size_t len, char *err, size_t errlen)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *p;
	int r;

	r = sd_bus_call_method(bus, "org.footsock.Monitor1", MGR_PATH, MGR_IFACE,
			       "StartRecording", &e, &reply, "s", subject);
	if (r < 0) {
		snprintf(err, errlen, "%s: %s", e.name, e.message);
		sd_bus_error_free(&e);
		return r;
	}
	r = sd_bus_message_read(reply, "s", &p);
	if (r > 0)
		snprintf(path, len, "%s", p);
	sd_bus_message_unref(reply);
	return r > 0 ? 0 : -EBADMSG;
}

static int stop_recording(sd_bus *bus)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	int r;

	r = sd_bus_call_method(bus, "org.footsock.Monitor1", MGR_PATH, MGR_IFACE,
			       "StopRecording", &e, NULL, "");
	sd_bus_error_free(&e);
	return r;
}

/* What a recording holds: its rows traced back to the replayed rows. */
struct rec_check {
	long rows;
	long first, last;	/* replayed row numbers, -1 without rows */
	long holes;		/* rows not following the one before */
	bool whole;		/* ends with a newline */
	char err[256];
};

static int check_file(const char *path, struct rec_check *c)
{
	struct fs_import im;
	struct fs_frame fr[2];
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int last = '\n', r = 0;
	FILE *f = fopen(path, "r");

	memset(c, 0, sizeof(*c));
	c->first = c->last = -1;
	if (!f) {
		snprintf(c->err, sizeof(c->err), "%s: %s", path, strerror(errno));
		return -errno;
	}
	fs_import_init(&im, FS_FMT_FOOTSOCK);
	while ((n = getline(&line, &cap, f)) > 0) {
		int k;

		last = line[n - 1];
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		k = fs_import_line(&im, line, (size_t)n, fr);
		if (k < 0) {
			snprintf(c->err, sizeof(c->err), "%s:%lu: %s", path,
				 im.line, im.err);
			r = -EINVAL;
			break;
		}
		if (k & (1 << FS_LEFT)) {
			long row = lroundf(fr[FS_LEFT].p[0]) * 1000 +
				   lroundf(fr[FS_LEFT].p[1] * 10.0f);

			if (c->rows && row != c->last + 1)
				c->holes++;
			if (!c->rows)
				c->first = row;
			c->last = row;
			c->rows++;
		}
	}
	free(line);
	fclose(f);
	c->whole = last == '\n';
	if (!r && !c->whole) {
		snprintf(c->err, sizeof(c->err), "%s: the last line is torn", path);
		r = -EINVAL;
	}
	if (!r && !im.header_seen) {
		snprintf(c->err, sizeof(c->err), "%s: no header row", path);
		r = -EINVAL;
	}
	return r;
}

/* footsockctl analyze PATH's exit status (its output discarded). */
static int analyze(const char *path)
{
	char cmd[700];

	if (snprintf(cmd, sizeof(cmd), CTL " analyze '%s' >/dev/null 2>&1", path) >=
	    (int)sizeof(cmd))
		return -1;
	return run(cmd);
}

struct blob {
	char path[512];
	char *data;
	size_t len;
};

static int slurp(const char *path, struct blob *b)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	snprintf(b->path, sizeof(b->path), "%s", path);
	if (fd < 0 || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	b->len = (size_t)st.st_size;
	b->data = malloc(b->len + 1);
	if (!b->data || read(fd, b->data, b->len) != (ssize_t)b->len) {
		close(fd);
		return -EIO;
	}
	close(fd);
	return 0;
}

static bool same(const struct blob *b)
{
	struct blob now = { .data = NULL };
	bool eq;

	if (slurp(b->path, &now) < 0)
		return false;
	eq = now.len == b->len && !memcmp(now.data, b->data, b->len);
	free(now.data);
	return eq;
}

/* Lines of the daemon's log holding both needles. */
static int log_lines(const char *log, const char *a, const char *b)
{
	char line[2048];
	int n = 0;
	FILE *f = fopen(log, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, a) && (!b || strstr(line, b));
	fclose(f);
	return n;
}

/*
 * A small tmpfs at dir, seen by this test's process and its children only:
 * a mount namespace of their own whose mounts propagate nowhere (as
 * unshare -m). In a chroot, / is no mount point and cannot be made
 * private: the namespace's mounts are then as the chroot's were (make
 * check-fresh's are private already).
 */
static int private_tmpfs(const char *dir, const char *options)
{
	if (unshare(CLONE_NEWNS))
		return -errno;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) && errno != EINVAL)
		return -errno;
	if (mount("footsock-full", dir, "tmpfs", MS_NOSUID | MS_NODEV, options))
		return -errno;
	return 0;
}

TEST_F_TIMEOUT(rec, disk_full, 120)
{
	struct mgr_changes changes = { .only = "Recording" };
	struct blob early[2] = { { .data = NULL }, { .data = NULL } };
	struct rec_check c;
	struct statvfs vfs;
	sd_bus_slot *slot = NULL;
	char path[512], s[600], err[512], filler[160], buf[4096];
	double t0, t_stop = -1.0;
	unsigned long long free_before;
	struct stat st;
	off_t fill;
	int i, fd;

	if (geteuid())
		SKIP(return, "a tmpfs in a mount namespace needs root");
	ASSERT_EQ(0, private_tmpfs(self->rec, "size=1m,mode=0750"));
	self->mounted = true;

	ASSERT_LE(0, sd_bus_match_signal(self->bus, &slot, NULL, MGR_PATH,
					 "org.freedesktop.DBus.Properties",
					 "PropertiesChanged", on_mgr_changed,
					 &changes));
	ASSERT_LT(0, start_daemon(self));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, NULL, 0));

	/* Two recordings before the disk fills. */
	for (i = 0; i < 2; i++) {
		snprintf(s, sizeof(s), "early%d", i);
		ASSERT_EQ(0, start_recording(self->bus, s, path, sizeof(path),
					     err, sizeof(err)))
			TH_LOG("%s", err);
		usleep(1200000);
		ASSERT_LE(0, stop_recording(self->bus));
		ASSERT_EQ(0, slurp(path, &early[i]));
		ASSERT_EQ(0, check_file(path, &c))
			TH_LOG("%s", c.err);
		EXPECT_LT(100, c.rows);
		EXPECT_EQ(0, c.holes);
	}

	/* Fill it, then leave 48 KiB: a few hundred rows. */
	snprintf(filler, sizeof(filler), "%s/filler", self->rec);
	fd = open(filler, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	memset(buf, 'x', sizeof(buf));
	while (write(fd, buf, sizeof(buf)) > 0)
		;
	ASSERT_EQ(ENOSPC, errno);
	fill = lseek(fd, 0, SEEK_END);
	ASSERT_EQ(0, ftruncate(fd, fill - 48 * 1024));
	close(fd);
	ASSERT_EQ(0, statvfs(self->rec, &vfs));
	free_before = (unsigned long long)vfs.f_bavail * vfs.f_frsize;

	/* Only the signals of this recording count from here. */
	process_for(self->bus, 0.2);
	changes.len = 0;
	changes.log[0] = '\0';
	t0 = now_s();
	ASSERT_EQ(0, start_recording(self->bus, "full", path, sizeof(path), err,
				     sizeof(err)))
		TH_LOG("%s", err);
	/* 200 rows a second of about 110 bytes: full in about 2 s. */
	do {
		process_for(self->bus, 0.1);
		ASSERT_EQ(0, get_string(self->bus, MGR_PATH, MGR_IFACE,
					"Recording", s, sizeof(s)));
	} while (*s && now_s() < t0 + 30.0);
	EXPECT_STREQ("", s);
	t_stop = now_s() - t0;
	process_for(self->bus, 0.5);
	sd_bus_slot_unref(slot);

	/* The Recording property announced both ways. */
	snprintf(s, sizeof(s), "Recording=%s\n", path);
	EXPECT_MSG(strstr(changes.log, s), "no signal for the start: %s", changes.log);
	EXPECT_MSG(strstr(changes.log, s) &&
		   strstr(strstr(changes.log, s), "Recording=\n"),
		   "no PropertiesChanged for the stop: %s", changes.log);
	/* The journal, once, with the file and the error. */
	snprintf(s, sizeof(s), "Recording %s stopped", path);
	EXPECT_EQ(1, log_lines(self->log, s, strerror(ENOSPC)));

	/* The file: whole rows, consecutive, readable by analyze. */
	ASSERT_EQ(0, stat(path, &st));
	EXPECT_EQ(0, check_file(path, &c))
		TH_LOG("%s", c.err);
	EXPECT_TRUE(c.whole);
	EXPECT_LT(100, c.rows);
	EXPECT_EQ(0, c.holes);
	EXPECT_EQ(0, analyze(path));
	/* What fit was written: the file fills the room but for less than
	 * a page and a row (tmpfs allocates by the page). */
	EXPECT_MSG((unsigned long long)st.st_size + 4096 + 256 >= free_before,
		   "%lld bytes written of %llu free", (long long)st.st_size,
		   free_before);

	/* The earlier recordings, byte for byte. */
	for (i = 0; i < 2; i++) {
		EXPECT_MSG(same(&early[i]), "%s changed", early[i].path);
	}

	/* Still serving, and recording again once there is room. */
	EXPECT_EQ(0, kill(self->daemon_pid, 0));
	ASSERT_EQ(0, unlink(filler));
	ASSERT_EQ(0, start_recording(self->bus, "after", s, sizeof(s), err,
				     sizeof(err)))
		TH_LOG("%s", err);
	usleep(1200000);
	EXPECT_LE(0, stop_recording(self->bus));
	{
		struct rec_check after;

		EXPECT_EQ(0, check_file(s, &after))
			TH_LOG("%s", after.err);
		EXPECT_LT(100, after.rows);
	}

	ksft_print_msg("disk full: tmpfs 1 MiB, %llu bytes free at the start; recording stopped after %.1f s at %lld bytes (%ld rows, replayed rows %ld..%ld, no holes: %s), %lld bytes of the room unused\n",
		       free_before, t_stop, (long long)st.st_size, c.rows, c.first,
		       c.last, c.holes ? "no" : "yes",
		       (long long)free_before - (long long)st.st_size);
	ksft_print_msg("disk full: journal: %d line(s) \"Recording %s stopped, ...: %s\"; Recording property: PropertiesChanged \"\"; 2 earlier recordings unchanged\n",
		       log_lines(self->log, "stopped", strerror(ENOSPC)), path,
		       strerror(ENOSPC));
	for (i = 0; i < 2; i++)
		free(early[i].data);
}

/*
 * The disk full before a recording starts: StartRecording fails with the
 * error, and leaves no file behind (a torn header would be a recording
 * that footsockctl cannot read).
 */
TEST_F_TIMEOUT(rec, disk_full_at_start, 60)
{
	char path[512] = "", err[512] = "", filler[160], buf[4096], cmd[300];
	int fd, r;

	if (geteuid())
		SKIP(return, "a tmpfs in a mount namespace needs root");
	ASSERT_EQ(0, private_tmpfs(self->rec, "size=256k,mode=0750"));
	self->mounted = true;
	snprintf(filler, sizeof(filler), "%s/filler.dat", self->rec);
	fd = open(filler, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	memset(buf, 'x', sizeof(buf));
	while (write(fd, buf, sizeof(buf)) > 0)
		;
	while (write(fd, buf, 1) > 0)
		;
	ASSERT_EQ(ENOSPC, errno);
	close(fd);

	ASSERT_LT(0, start_daemon(self));
	ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, NULL, 0));
	r = start_recording(self->bus, "nospace", path, sizeof(path), err,
			    sizeof(err));
	EXPECT_GT(0, r);
	ksft_print_msg("disk full at the start: StartRecording: %s\n", err);
	snprintf(cmd, sizeof(cmd), "test -z \"$(ls '%s' | grep -v filler.dat)\"",
		 self->rec);
	EXPECT_MSG(run(cmd) == 0, "a file was left in %s", self->rec);
	EXPECT_EQ(0, kill(self->daemon_pid, 0));
}

static double uniform(unsigned int *seed, double lo, double hi)
{
	return lo + (hi - lo) * (double)rand_r(seed) / RAND_MAX;
}

TEST_F_TIMEOUT(rec, sigkill, 300)
{
	struct blob done[KILLS];
	const char *env = getenv("FOOTSOCK_SEED");
	unsigned int seed = env ? (unsigned int)strtoul(env, NULL, 0) :
			    (unsigned int)time(NULL) ^ (unsigned int)getpid();
	unsigned int st = seed;
	double max_loss = 0.0, max_loss_hi = 0.0, sum_loss = 0.0, min_at = 1e9,
	       max_at = 0.0;
	long total_rows = 0;
	int i, j, empty = 0;

	ksft_print_msg("sigkill: seed %u (FOOTSOCK_SEED=%u repeats this run)\n",
		       seed, seed);
	memset(done, 0, sizeof(done));
	for (i = 0; i < KILLS; i++) {
		char path[512], err[512], subject[32];
		struct rec_check c;
		double t_spawn, t_ready, t_call, t_started, t_kill, at, last_s,
		       loss, loss_hi;

		t_spawn = now_s();
		ASSERT_LT(0, start_daemon(self));
		ASSERT_TRUE(wait_notify(self->notify_fd, "READY=1", 10.0, NULL,
					0));
		t_ready = now_s();
		snprintf(subject, sizeof(subject), "kill%02d", i);
		t_call = now_s();
		ASSERT_EQ(0, start_recording(self->bus, subject, path,
					     sizeof(path), err, sizeof(err)))
			TH_LOG("%s", err);
		t_started = now_s();
		at = uniform(&st, 0.05, 3.0);
		usleep((useconds_t)(at * 1e6));
		t_kill = now_s();
		stop_daemon(self, SIGKILL);
		at = t_kill - t_started;

		EXPECT_EQ(0, check_file(path, &c))
			TH_LOG("kill %d: %s", i, c.err);
		EXPECT_EQ(0, c.holes);
		if (c.rows) {
			EXPECT_EQ(0, analyze(path));
		} else {
			empty++;
		}
		/*
		 * The replay feeds file time 0 on from its start at speed 1.
		 * It starts at the end of manager_new(), right before
		 * manager_run() sends READY=1: taken as the time READY came
		 * (an estimate short by that message's delivery; loss_hi
		 * takes the spawn instead, an upper bound long by the
		 * daemon's start-up). The newest recorded row is c.last.
		 */
		if (c.rows) {
			last_s = (double)c.last / RATE;
			loss = (t_kill - t_ready) - last_s;
			loss_hi = (t_kill - t_spawn) - last_s;
		} else {
			/* Nothing yet: all since the recording started. */
			loss = t_kill - t_started;
			loss_hi = t_kill - t_call;
		}
		EXPECT_MSG(loss <= 1.0,
			   "kill %d at %.3f s into the recording: the newest row is %.3f s old (rows %ld..%ld)",
			   i, at, loss, c.first, c.last);
		/* The rows start where the recording did: the replay was at
		 * least at t_call - t_ready then, at most at t_started -
		 * t_spawn. */
		if (c.rows)
			EXPECT_MSG((double)c.first / RATE >= t_call - t_ready - 0.05 &&
				   (double)c.first / RATE <= t_started - t_spawn + 0.05,
				   "kill %d: first row %ld outside the recording's start",
				   i, c.first);
		ksft_print_msg("sigkill %2d: at %.3f s into the recording, %ld rows, the newest %.0f ms before the kill (at most %.0f ms counting the daemon's start-up)\n",
			       i, at, c.rows, loss * 1e3, loss_hi * 1e3);
		if (loss > max_loss)
			max_loss = loss;
		if (loss_hi > max_loss_hi)
			max_loss_hi = loss_hi;
		sum_loss += loss;
		total_rows += c.rows;
		if (at < min_at)
			min_at = at;
		if (at > max_at)
			max_at = at;
		/* Earlier recordings untouched by this run. */
		for (j = 0; j < i; j++)
			EXPECT_MSG(same(&done[j]), "%s changed by a later run",
				   done[j].path);
		ASSERT_EQ(0, slurp(path, &done[i]));
	}
	ksft_print_msg("sigkill: %d kills at %.2f..%.2f s into a recording (seed %u): %d files parse, %d of them before any row; %ld rows; lost at most %.0f ms (mean %.0f ms; %.0f ms counting the daemon's start-up), bound 1000 ms\n",
		       KILLS, min_at, max_at, seed, KILLS, empty, total_rows,
		       max_loss * 1e3, sum_loss / KILLS * 1e3, max_loss_hi * 1e3);
	for (i = 0; i < KILLS; i++)
		free(done[i].data);
}

TEST_HARNESS_MAIN
