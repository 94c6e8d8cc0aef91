// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl watch driven in tmux against the real footsockd: a private
 * dbus-daemon, the daemon replaying an emulator recording (tight laces on
 * the left, a normal right foot), and `footsockctl watch` in a detached
 * 100x30 tmux session. The screen is read with capture-pane, keys sent
 * with send-keys; after q, Ctrl-C or SIGTERM the process must have exited
 * 0 within 2 s with the terminal as it was (main screen, same stty
 * settings). Also: the daemon stopped and started again under a running
 * watch, a resize to the compact layout, and the one-line form on a pipe.
 * Needs tmux, dbus-daemon and build/bin/{footsockd,footsock-emu,
 * footsockctl} (SKIP otherwise); run from the top of the tree.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "proc-util.h"
#include "check-msg.h"

#define DAEMON "build/bin/footsockd"
#define EMU "build/bin/footsock-emu"
#define CTL "build/bin/footsockctl"

/* The whole output of a command, NUL-terminated; the exit status. */
static int run_output(const char *cmd, char *out, size_t len)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	int r;

	out[0] = '\0';
	if (!p)
		return -1;
	while (n + 1 < len) {
		size_t k = fread(out + n, 1, len - 1 - n, p);

		if (!k)
			break;
		n += k;
	}
	out[n] = '\0';
	r = pclose(p);
	return WIFEXITED(r) ? WEXITSTATUS(r) : -1;
}

static int read_text(const char *path, char *out, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	out[0] = '\0';
	if (!f)
		return -errno;
	n = fread(out, 1, len - 1, f);
	out[n] = '\0';
	fclose(f);
	return 0;
}

FIXTURE(watch)
{
	char dir[64];
	char csv[128], conf[128], tmux[160];
	char address[512];
	char ctl[512];
	pid_t bus_pid, daemon_pid;
	char screen[16384];
};

void watch_setup(struct __test_metadata *_metadata, FIXTURE_DATA(watch) *self,
		 const FIXTURE_VARIANT(watch) *variant);
void watch_teardown(struct __test_metadata *_metadata,
		    FIXTURE_DATA(watch) *self,
		    const FIXTURE_VARIANT(watch) *variant);

static pid_t start_daemon(FIXTURE_DATA(watch) *self)
{
	char log[160];
	pid_t pid;

	snprintf(log, sizeof(log), "%s/footsockd.log", self->dir);
	pid = fork();
	if (pid == 0) {
		const char *argv[] = { DAEMON, "--config", self->conf,
				       "--replay", self->csv, "--replay-speed",
				       "10", "--bus-address", self->address,
				       NULL };

		if (!freopen(log, "a", stdout) || !freopen(log, "a", stderr))
			_exit(127);
		unsetenv("NOTIFY_SOCKET");
		unsetenv("JOURNAL_STREAM");
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	self->daemon_pid = pid;
	return pid;
}

static void stop_daemon(FIXTURE_DATA(watch) *self)
{
	if (self->daemon_pid <= 0)
		return;
	kill(self->daemon_pid, SIGTERM);
	waitpid(self->daemon_pid, NULL, 0);
	self->daemon_pid = 0;
}

/* Until the daemon answers with both socks, or timeout_s. */
static bool wait_daemon(FIXTURE_DATA(watch) *self, double timeout_s)
{
	double end = now_s() + timeout_s;
	char cmd[2048], out[1024];

	snprintf(cmd, sizeof(cmd), "%s --bus-address '%s' list 2>&1",
		 self->ctl, self->address);
	while (now_s() < end) {
		if (!run_output(cmd, out, sizeof(out)) &&
		    strstr(out, "left") && strstr(out, "right"))
			return true;
		usleep(100000);
	}
	return false;
}

FIXTURE_SETUP(watch)
{
	char cmd[2048], cwd[400];
	FILE *p;

	self->bus_pid = self->daemon_pid = 0;
	self->dir[0] = '\0';
	if (access(DAEMON, X_OK) || access(EMU, X_OK) || access(CTL, X_OK))
		SKIP(return, "%s, %s or %s not built", DAEMON, EMU, CTL);
	if (access("/usr/bin/dbus-daemon", X_OK))
		SKIP(return, "dbus-daemon not installed");
	if (run("tmux -V >/dev/null 2>&1"))
		SKIP(return, "tmux not installed");
	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	snprintf(self->ctl, sizeof(self->ctl), "%s/" CTL, cwd);
	snprintf(self->dir, sizeof(self->dir), "/tmp/footsock-watch-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->csv, sizeof(self->csv), "%s/feet.csv", self->dir);
	snprintf(self->conf, sizeof(self->conf), "%s/footsockd.conf", self->dir);
	snprintf(self->tmux, sizeof(self->tmux), "tmux -S %s/tmux.sock -f /dev/null",
		 self->dir);

	/* Tight laces on the left, a normal right foot: two recordings
	 * merged into one, rows in time order. */
	snprintf(cmd, sizeof(cmd),
		 "cd %s && " "%s/" EMU " --csv l.csv --scenario tight_laces "
		 "--foot left --duration 600 && %s/" EMU " --csv r.csv "
		 "--scenario normal --foot right --duration 600 && "
		 "{ grep '^#' l.csv; grep '^time_s' l.csv; "
		 "grep -hv '^#\\|^time_s' l.csv r.csv | sort -s -t, -k1,1n; } "
		 "> feet.csv", self->dir, cwd, cwd);
	ASSERT_EQ(0, run(cmd));

	p = fopen(self->conf, "w");
	ASSERT_NE(NULL, p);
	fprintf(p, "[recording]\ndirectory = %s/rec\n"
		"[daemon]\ntextfile = %s/footsock.prom\n", self->dir, self->dir);
	fclose(p);

	self->bus_pid = private_bus_start(self->address, sizeof(self->address));
	ASSERT_LT(0, self->bus_pid);

	ASSERT_LT(0, start_daemon(self));
	ASSERT_TRUE(wait_daemon(self, 10.0));
}

FIXTURE_TEARDOWN(watch)
{
	char cmd[256];

	if (self->dir[0]) {
		snprintf(cmd, sizeof(cmd), "%s kill-server >/dev/null 2>&1",
			 self->tmux);
		if (run(cmd) < 0)
			TH_LOG("cannot stop tmux");
	}
	stop_daemon(self);
	if (self->bus_pid > 0)
		kill(self->bus_pid, SIGTERM);
	if (self->dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->dir);
		if (system(cmd))
			TH_LOG("cannot remove %s", self->dir);
	}
}

/*
 * A 100x30 tmux session whose shell script says a marker, notes the tty
 * settings, runs watch (its pid in watch.pid), then writes the settings
 * again and the exit status, and stays so the pane can be read.
 */
static int start_watch(FIXTURE_DATA(watch) *self)
{
	char script[160], cmd[2048];
	FILE *f;

	snprintf(script, sizeof(script), "%s/run.sh", self->dir);
	f = fopen(script, "w");
	if (!f)
		return -errno;
	fprintf(f,
		"#!/bin/sh\n"
		"d=%s\n"
		"echo PRE-WATCH-MARKER\n"
		"stty -a > $d/stty.before\n"
		"sh -c 'echo $$ > \"$1/watch.pid\"; exec \"$2\" --bus-address \"$3\" watch' "
		"sh $d '%s' '%s'\n"
		"status=$?\n"
		"stty -a > $d/stty.after\n"
		"echo $status > $d/status.tmp && mv $d/status.tmp $d/status\n"
		"echo POST-WATCH-MARKER\n"
		"exec sleep 600\n", self->dir, self->ctl, self->address);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "%s new-session -d -s w -x 100 -y 30 'sh %s' && "
		 "%s set-option -t w remain-on-exit on >/dev/null",
		 self->tmux, script, self->tmux);
	return run(cmd);
}

static const char *capture(FIXTURE_DATA(watch) *self)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "%s capture-pane -p -t w", self->tmux);
	if (run_output(cmd, self->screen, sizeof(self->screen)))
		self->screen[0] = '\0';
	return self->screen;
}

/* Until every one of the NULL-terminated words is on screen. */
static bool wait_screen(FIXTURE_DATA(watch) *self, double timeout_s,
			const char *const words[])
{
	double end = now_s() + timeout_s;

	do {
		size_t i;

		capture(self);
		for (i = 0; words[i] && strstr(self->screen, words[i]); i++)
			;
		if (!words[i])
			return true;
		usleep(100000);
	} while (now_s() < end);
	return false;
}

/* Until word is no longer on screen. */
static bool wait_screen_without(FIXTURE_DATA(watch) *self, double timeout_s,
				const char *word)
{
	double end = now_s() + timeout_s;

	do {
		if (!strstr(capture(self), word))
			return true;
		usleep(100000);
	} while (now_s() < end);
	return false;
}

static int alternate_on(FIXTURE_DATA(watch) *self)
{
	char cmd[256], out[64];

	snprintf(cmd, sizeof(cmd), "%s display -p -t w '#{alternate_on}'",
		 self->tmux);
	if (run_output(cmd, out, sizeof(out)))
		return -1;
	return atoi(out);
}

static int send_keys(FIXTURE_DATA(watch) *self, const char *keys)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "%s send-keys -t w %s", self->tmux, keys);
	return run(cmd);
}

/* The watch's exit status once it has exited, -1 after timeout_s. */
static int wait_exit(FIXTURE_DATA(watch) *self, double timeout_s)
{
	double end = now_s() + timeout_s;
	char path[160], text[32];

	snprintf(path, sizeof(path), "%s/status", self->dir);
	do {
		if (!read_text(path, text, sizeof(text)) && text[0])
			return atoi(text);
		usleep(50000);
	} while (now_s() < end);
	return -1;
}

static pid_t watch_pid(FIXTURE_DATA(watch) *self)
{
	char path[160], text[32];

	snprintf(path, sizeof(path), "%s/watch.pid", self->dir);
	if (read_text(path, text, sizeof(text)))
		return -1;
	return atoi(text);
}

/* Both feet with their levels, the gauges, in the alternate screen. */
static void expect_both_feet(struct __test_metadata *_metadata,
			     FIXTURE_DATA(watch) *self)
{
	static const char *const words[] = {
		"LEFT replay-left", "RIGHT replay-right", "risk [", "circ [",
		"q quits", NULL
	};
	const char *left, *right;
	char *line;
	int n = 0;

	ASSERT_MSG(wait_screen(self, 5.0, words), "%s", self->screen);
	EXPECT_EQ(1, alternate_on(self));
	/* The panels' level lines: "| level X  max Y ... | level Z ..." */
	line = strstr(self->screen, "| level ");
	ASSERT_NE(NULL, line);
	left = line + strlen("| level ");
	right = strstr(left, "| level ");
	ASSERT_MSG(right && right < strchr(left, '\n'), "%s", self->screen);
	right += strlen("| level ");
	for (line = self->screen; (line = strstr(line, "| level ")); line++)
		n++;
	EXPECT_EQ(2, n);
	EXPECT_MSG(!strncmp(left, "ok ", 3) || !strncmp(left, "watch ", 6) ||
		   !strncmp(left, "warning ", 8) || !strncmp(left, "stop ", 5),
		   "%s", self->screen);
	EXPECT_MSG(!strncmp(right, "ok ", 3), "%s", self->screen);
	/*
	 * Each foot drawn as the report draws it, sole and top: a row
	 * naming both views in both panels, and the outlines' '(' and ')'
	 * on every one of the 6 rows of the 4 drawings.
	 */
	line = strstr(self->screen, "| sole ");
	ASSERT_MSG(line && strstr(line + 1, "| sole ") &&
		   strstr(line + 1, "| sole ") < strchr(line, '\n'), "%s", self->screen);
	EXPECT_MSG(strstr(line, " top ") && strstr(line, " top ") < strchr(line, '\n'),
		   "%s", self->screen);
	n = 0;
	for (; line && *line; line++)
		n += *line == '(' || *line == ')';
	EXPECT_MSG(n >= 2 * 6 * 4, "%d outline cells\n%s", n, self->screen);
	/* The cause of the left foot, none on the right. */
	{
		static const char *const causes[] = {
			"cause tight_laces", "cause none", NULL
		};

		EXPECT_MSG(wait_screen(self, 10.0, causes), "%s", self->screen);
	}
}

static void expect_restored(struct __test_metadata *_metadata,
			    FIXTURE_DATA(watch) *self)
{
	static const char *const words[] = { "PRE-WATCH-MARKER",
					     "POST-WATCH-MARKER", NULL };
	char before[4096], after[4096], path[160];

	EXPECT_EQ(0, alternate_on(self));
	EXPECT_MSG(wait_screen(self, 2.0, words), "%s", self->screen);
	/* Nothing of watch is left on the main screen. */
	EXPECT_EQ(NULL, strstr(self->screen, "q quits"));
	snprintf(path, sizeof(path), "%s/stty.before", self->dir);
	ASSERT_EQ(0, read_text(path, before, sizeof(before)));
	snprintf(path, sizeof(path), "%s/stty.after", self->dir);
	ASSERT_EQ(0, read_text(path, after, sizeof(after)));
	EXPECT_STREQ(before, after);
	EXPECT_NE(NULL, strstr(after, " icanon"));
	EXPECT_NE(NULL, strstr(after, " echo "));
}

TEST_F(watch, both_feet_then_q)
{
	static const char *const events[] = {
		"recent events", "left  attached ok", "right attached ok",
		"left  level    warning", NULL
	};

	ASSERT_EQ(0, start_watch(self));
	expect_both_feet(_metadata, self);
	/* The daemon's events: both socks attached, then the left foot's
	 * level rising with the tight laces: straight to warning, the
	 * dorsal nerve at the no-flow pressure (dose_weight). */
	EXPECT_MSG(wait_screen(self, 10.0, events), "%s", self->screen);
	EXPECT_EQ(NULL, strstr(self->screen, "events: "));
	ASSERT_EQ(0, send_keys(self, "q"));
	EXPECT_EQ(0, wait_exit(self, 2.0));
	expect_restored(_metadata, self);
}

TEST_F(watch, ctrl_c)
{
	ASSERT_EQ(0, start_watch(self));
	expect_both_feet(_metadata, self);
	ASSERT_EQ(0, send_keys(self, "C-c"));
	EXPECT_EQ(0, wait_exit(self, 2.0));
	expect_restored(_metadata, self);
}

TEST_F(watch, sigterm)
{
	pid_t pid;

	ASSERT_EQ(0, start_watch(self));
	expect_both_feet(_metadata, self);
	pid = watch_pid(self);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, kill(pid, SIGTERM));
	EXPECT_EQ(0, wait_exit(self, 2.0));
	expect_restored(_metadata, self);
}

/* The daemon goes: the error in the status line, watch keeps going and
 * picks up the daemon when it is back. */
TEST_F(watch, daemon_restart)
{
	static const char *const gone[] = { "footsockd is not running", NULL };
	static const char *const back[] = { "LEFT replay-left", "level ", NULL };
	pid_t pid;

	ASSERT_EQ(0, start_watch(self));
	expect_both_feet(_metadata, self);
	pid = watch_pid(self);
	ASSERT_LT(0, pid);
	stop_daemon(self);
	EXPECT_MSG(wait_screen(self, 3.0, gone), "%s", self->screen);
	/* The last data stays on screen; the process runs on. */
	EXPECT_NE(NULL, strstr(self->screen, "RIGHT replay-right"));
	EXPECT_EQ(0, kill(pid, 0));
	EXPECT_EQ(1, alternate_on(self));

	ASSERT_LT(0, start_daemon(self));
	ASSERT_TRUE(wait_daemon(self, 10.0));
	EXPECT_MSG(wait_screen_without(self, 3.0, gone[0]), "%s", self->screen);
	EXPECT_MSG(wait_screen(self, 1.0, back), "%s", self->screen);
	EXPECT_EQ(1, alternate_on(self));

	ASSERT_EQ(0, send_keys(self, "q"));
	EXPECT_EQ(0, wait_exit(self, 2.0));
	expect_restored(_metadata, self);
}

/* SIGWINCH: a 60x14 terminal gets the compact layout at once. */
TEST_F(watch, resize)
{
	static const char *const compact[] = { "left  ", "right ok risk", NULL };
	char cmd[256];

	ASSERT_EQ(0, start_watch(self));
	expect_both_feet(_metadata, self);
	snprintf(cmd, sizeof(cmd), "%s resize-window -t w -x 60 -y 14",
		 self->tmux);
	ASSERT_EQ(0, run(cmd));
	EXPECT_MSG(wait_screen(self, 2.0, compact), "%s", self->screen);
	EXPECT_EQ(NULL, strstr(self->screen, "LEFT replay-left"));
	ASSERT_EQ(0, send_keys(self, "q"));
	EXPECT_EQ(0, wait_exit(self, 2.0));
}

/* Not a terminal: one line per update, --count of them. */
TEST_F(watch, pipe_lines)
{
	char cmd[2048], out[4096];
	char *line, *save = NULL;
	int n = 0;

	snprintf(cmd, sizeof(cmd),
		 "%s --bus-address '%s' watch --count 3 --interval-ms 200 | cat",
		 self->ctl, self->address);
	ASSERT_EQ(0, run_output(cmd, out, sizeof(out)));
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned int h, m, s;
		char rest[256];

		n++;
		EXPECT_MSG(sscanf(line, "%2u:%2u:%2u %255[^\n]", &h, &m, &s,
				  rest) == 4, "%s", line);
		EXPECT_MSG(!strncmp(rest, "left ", 5), "%s", line);
		EXPECT_MSG(strstr(rest, " | right ok risk "), "%s", line);
		EXPECT_MSG(!strchr(line, '\033'), "%s", line);
	}
	EXPECT_EQ(3, n);

	/* A full disk: exit 1 and the reason, at the first update. */
	snprintf(cmd, sizeof(cmd),
		 "%s --bus-address '%s' watch --count 100 --interval-ms 10 "
		 "2>&1 >/dev/full", self->ctl, self->address);
	EXPECT_EQ(1, run_output(cmd, out, sizeof(out)));
	EXPECT_MSG(strstr(out, "cannot write to standard output"), "%s", out);

	/* No daemon: exit 1 and the reason, nothing on stdout. */
	stop_daemon(self);
	snprintf(cmd, sizeof(cmd),
		 "%s --bus-address '%s' watch --count 1 2>&1 >/dev/null",
		 self->ctl, self->address);
	EXPECT_EQ(1, run_output(cmd, out, sizeof(out)));
	EXPECT_MSG(strstr(out, "footsockd is not running"), "%s", out);
}

TEST(usage)
{
	if (access(CTL, X_OK))
		SKIP(return, CTL " not built");
	EXPECT_EQ(0, run(CTL " watch --help | grep -q -- --interval-ms"));
	EXPECT_EQ(64, run(CTL " watch --count 0 2>/dev/null"));
	EXPECT_EQ(64, run(CTL " watch --count x 2>/dev/null"));
	EXPECT_EQ(64, run(CTL " watch --interval-ms 5 2>/dev/null"));
	EXPECT_EQ(64, run(CTL " watch left 2>/dev/null"));
	EXPECT_EQ(64, run(CTL " --json watch 2>/dev/null"));
	EXPECT_EQ(1, run(CTL " --bus-address unix:path=/nonexistent watch "
			 "--count 1 2>/dev/null"));
}

TEST_HARNESS_MAIN
