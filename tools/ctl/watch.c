// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl watch: the live view. An sd-event loop with a timer that
 * reads a snapshot of footsockd every --interval-ms (500 ms: 2 Hz) and
 * redraws, the keyboard on stdin (q, Q or Ctrl-C quit; Ctrl-L redraws),
 * SIGWINCH for a new layout, and SIGINT/SIGTERM/SIGHUP for a clean exit.
 *
 * On a terminal (stdout a TTY and TERM neither unset nor "dumb") it takes
 * the alternate screen, hides the cursor and puts stdin in raw mode; every
 * way out (q, a signal, an error, and atexit() as a last guard) puts the
 * terminal back as it was. Raw mode turns ISIG off, so Ctrl-C arrives as
 * a key and Ctrl-Z cannot stop the process with the terminal left raw.
 * Elsewhere (a pipe, a file) it prints one line per update and flushes.
 *
 * Failures: when footsockd cannot be reached at the start, watch exits 1
 * with the reason, as the other commands do. Once running, a failed
 * update (footsockd restarted, stopped, the bus gone) is shown in the
 * status line, or as the update's line on a pipe, with the last good
 * data kept on screen, and the next tick tries again (reconnecting when
 * the connection itself is gone): a live view should outlast a
 * `systemctl restart footsockd`. With --count N, watch exits after N
 * updates, with status 1 if the last of them failed.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <systemd/sd-event.h>

#include "ctl.h"
#include "client.h"
#include "watch-render.h"
#include "daemon/util.h"

#define USEC_PER_MSEC 1000ULL
#define USEC_PER_SEC 1000000ULL
#define DEFAULT_INTERVAL_MS 500
/* A daemon that does not answer must not freeze the keyboard for the
 * 25 s of sd-bus' default. */
#define CALL_TIMEOUT_USEC (2 * USEC_PER_SEC)
/* Events kept for the screen; more than any terminal shows. */
#define KEEP_EVENTS 64

struct watch {
	sd_event *event;
	sd_event_source *timer, *input;
	sd_bus *bus;
	const char *address;

	bool full_screen, color;
	uint64_t interval_usec;
	unsigned long count, updates;	/* count 0: until told to stop */

	/* The terminal as found, to put back. */
	bool raw, alt_screen;
	struct termios saved;

	struct ctl_daemon snap;
	bool have_snap;
	uint64_t updated_usec;
	bool failed;
	char error[CTL_MSG_MAX];

	struct ctl_event events[KEEP_EVENTS];
	size_t n_events;
	uint64_t events_since;
	bool events_failed;
	char events_error[CTL_MSG_MAX];

	struct watch_screen screen;
	struct watch_buf out;

	char fatal[CTL_MSG_MAX];	/* why the loop gave up, "" if it did not */
};

/*
 * The only global state, for the atexit() guard that restores the
 * terminal if something calls exit() while the screen is ours: atexit()
 * handlers take no argument, and one must be registered only once.
 */
static struct watch *terminal_owner;
static bool terminal_guard_registered;

static uint64_t realtime_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * USEC_PER_SEC +
	       (uint64_t)ts.tv_nsec / 1000;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* --- terminal ------------------------------------------------------------ */

static void terminal_leave(struct watch *w)
{
	static const char leave[] = "\033[0m\033[?25h\033[?1049l";

	if (w->alt_screen) {
		w->alt_screen = false;
		(void)write_all(STDOUT_FILENO, leave, sizeof(leave) - 1);
	}
	if (w->raw) {
		w->raw = false;
		(void)tcsetattr(STDIN_FILENO, TCSADRAIN, &w->saved);
	}
	if (terminal_owner == w)
		terminal_owner = NULL;
}

static void terminal_leave_at_exit(void)
{
	if (terminal_owner)
		terminal_leave(terminal_owner);
}

static int terminal_enter(struct watch *w)
{
	static const char enter[] = "\033[?1049h\033[?25l\033[2J";

	if (!terminal_guard_registered) {
		if (atexit(terminal_leave_at_exit))
			return -ENOMEM;
		terminal_guard_registered = true;
	}
	terminal_owner = w;
	if (isatty(STDIN_FILENO) && !tcgetattr(STDIN_FILENO, &w->saved)) {
		struct termios raw = w->saved;

		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
		raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
		/* Reads never block: the loop only reads when epoll says so. */
		raw.c_cc[VMIN] = 0;
		raw.c_cc[VTIME] = 0;
		if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) < 0)
			return -errno;
		w->raw = true;
	}
	w->alt_screen = true;
	return write_all(STDOUT_FILENO, enter, sizeof(enter) - 1);
}

static void terminal_size(unsigned int *cols, unsigned int *rows)
{
	struct winsize ws;

	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col && ws.ws_row) {
		*cols = ws.ws_col;
		*rows = ws.ws_row;
	} else {
		*cols = 80;
		*rows = 24;
	}
}

static int layout(struct watch *w)
{
	unsigned int cols, rows;

	terminal_size(&cols, &rows);
	return watch_screen_init(&w->screen, cols, rows);
}

/* --- updates ------------------------------------------------------------- */

static void keep_events(struct watch *w, const struct ctl_event *ev, size_t n)
{
	size_t drop;

	if (!n)
		return;
	w->events_since = ev[n - 1].realtime_usec + 1;
	if (n > KEEP_EVENTS) {
		ev += n - KEEP_EVENTS;
		n = KEEP_EVENTS;
	}
	drop = w->n_events + n > KEEP_EVENTS ?
	       w->n_events + n - KEEP_EVENTS : 0;
	memmove(w->events, w->events + drop,
		(w->n_events - drop) * sizeof(*w->events));
	w->n_events -= drop;
	memcpy(w->events + w->n_events, ev, n * sizeof(*ev));
	w->n_events += n;
}

static void fetch_events(struct watch *w)
{
	struct ctl_event *ev = NULL;
	size_t n = 0;
	int r;

	r = ctl_events(w->bus, w->events_since, &ev, &n, w->events_error);
	w->events_failed = r < 0;
	if (r >= 0)
		keep_events(w, ev, n);
	free(ev);
}

static int connect_bus(struct watch *w, char msg[CTL_MSG_MAX])
{
	int r = ctl_connect(w->address, &w->bus, msg);

	if (r < 0)
		return r;
	r = sd_bus_set_method_call_timeout(w->bus, CALL_TIMEOUT_USEC);
	if (r < 0) {
		snprintf(msg, CTL_MSG_MAX, "cannot set the call timeout: %s",
			 strerror(-r));
		w->bus = sd_bus_flush_close_unref(w->bus);
	}
	return r;
}

/* A new snapshot, or the reason there is none; the last one is kept. */
static void update(struct watch *w)
{
	struct ctl_daemon fresh = { 0 };
	int r = 0;

	if (!w->bus)
		r = connect_bus(w, w->error);
	if (r >= 0)
		r = ctl_snapshot(w->bus, &fresh, w->error);
	if (r < 0) {
		ctl_daemon_clear(&fresh);
		w->failed = true;
		/* The connection itself is gone: a new one next time. */
		if (w->bus && sd_bus_is_open(w->bus) <= 0)
			w->bus = sd_bus_flush_close_unref(w->bus);
		return;
	}
	ctl_daemon_clear(&w->snap);
	w->snap = fresh;
	w->have_snap = true;
	w->failed = false;
	w->updated_usec = realtime_usec();
	if (w->full_screen)
		fetch_events(w);
}

static int show(struct watch *w)
{
	struct watch_view v = {
		.daemon = w->have_snap ? &w->snap : NULL,
		.events = w->events,
		.n_events = w->n_events,
		.events_error = w->events_failed ? w->events_error : NULL,
		.error = w->failed ? w->error : NULL,
		.now_usec = realtime_usec(),
		.updated_usec = w->updated_usec,
	};
	int r;

	watch_buf_reset(&w->out);
	if (w->full_screen) {
		watch_draw(&w->screen, &v);
		r = watch_format_screen(&w->screen, w->color, &w->out);
	} else {
		r = watch_format_line(&v, &w->out);
		if (r >= 0)
			r = watch_buf_add(&w->out, "\n", 1);
	}
	if (r < 0)
		return r;
	return write_all(STDOUT_FILENO, w->out.data, w->out.len);
}

/* --- event sources ------------------------------------------------------- */

static int stop(struct watch *w, int status)
{
	return sd_event_exit(w->event, status);
}

/* Give up: the terminal or the pipe is gone, or memory. */
static int give_up(struct watch *w, const char *what, int r)
{
	snprintf(w->fatal, sizeof(w->fatal), "watch: %s: %s", what,
		 strerror(r < 0 ? -r : r));
	return stop(w, CTL_EXIT_FAILURE);
}

/* Draw the current state again, from a clean screen. */
static int redraw(struct watch *w)
{
	int r = write_all(STDOUT_FILENO, "\033[2J", 4);

	if (r >= 0)
		r = show(w);
	return r < 0 ? give_up(w, "cannot write to standard output", r) : 0;
}

static int on_tick(sd_event_source *es, uint64_t usec, void *data)
{
	struct watch *w = data;
	int r;

	update(w);
	r = show(w);
	if (r < 0)
		return give_up(w, "cannot write to standard output", r);
	if (w->count && ++w->updates >= w->count)
		return stop(w, w->failed ? CTL_EXIT_FAILURE : CTL_EXIT_OK);
	r = sd_event_source_set_time(es, usec + w->interval_usec);
	if (r >= 0)
		r = sd_event_source_set_enabled(es, SD_EVENT_ONESHOT);
	return r < 0 ? give_up(w, "cannot rearm the timer", r) : 0;
}

static int on_input(sd_event_source *es, int fd, uint32_t revents, void *data)
{
	struct watch *w = data;
	char keys[64];
	ssize_t n, i;

	n = read(fd, keys, sizeof(keys));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n <= 0 && (revents & (EPOLLHUP | EPOLLERR)))
		return stop(w, CTL_EXIT_OK);	/* the terminal went away */
	for (i = 0; i < n; i++) {
		switch (keys[i]) {
		case 'q':
		case 'Q':
		case 0x03:	/* Ctrl-C: ISIG is off in raw mode */
			return stop(w, CTL_EXIT_OK);
		case 0x0c:	/* Ctrl-L */
			return redraw(w);
		default:
			break;
		}
	}
	(void)es;
	return 0;
}

static int on_quit_signal(sd_event_source *es,
			  const struct signalfd_siginfo *si, void *data)
{
	(void)es, (void)si;
	return stop(data, CTL_EXIT_OK);
}

static int on_resize(sd_event_source *es, const struct signalfd_siginfo *si,
		     void *data)
{
	struct watch *w = data;

	int r;

	(void)es, (void)si;
	r = layout(w);
	if (r < 0)
		return give_up(w, "cannot lay out the screen", r);
	return redraw(w);
}

/* --- setup --------------------------------------------------------------- */

static struct watch *watch_free(struct watch *w)
{
	if (!w)
		return NULL;
	terminal_leave(w);
	sd_event_source_disable_unref(w->input);
	sd_event_source_disable_unref(w->timer);
	sd_event_unref(w->event);
	sd_bus_flush_close_unref(w->bus);
	ctl_daemon_clear(&w->snap);
	watch_screen_free(&w->screen);
	watch_buf_free(&w->out);
	free(w);
	return NULL;
}
DEFINE_CLEANUP(struct watch, watch_free)

static int add_sources(struct watch *w)
{
	static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP };
	uint64_t now;
	sigset_t mask;
	size_t i;
	int r;

	r = sd_event_new(&w->event);
	if (r < 0)
		return r;
	/* sd-event takes signals through a signalfd: block them first. */
	sigemptyset(&mask);
	for (i = 0; i < ARRAY_SIZE(quit_signals); i++)
		sigaddset(&mask, quit_signals[i]);
	if (w->full_screen)
		sigaddset(&mask, SIGWINCH);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return -errno;
	for (i = 0; i < ARRAY_SIZE(quit_signals); i++) {
		r = sd_event_add_signal(w->event, NULL, quit_signals[i],
					on_quit_signal, w);
		if (r < 0)
			return r;
	}
	if (w->full_screen) {
		r = sd_event_add_signal(w->event, NULL, SIGWINCH, on_resize, w);
		if (r < 0)
			return r;
	}
	if (w->raw) {
		r = sd_event_add_io(w->event, &w->input, STDIN_FILENO, EPOLLIN,
				    on_input, w);
		if (r < 0)
			return r;
	}
	r = sd_event_now(w->event, CLOCK_MONOTONIC, &now);
	if (r < 0)
		return r;
	/* The first update at once, then one every interval. */
	return sd_event_add_time(w->event, &w->timer, CLOCK_MONOTONIC, now,
				 w->interval_usec / 50, on_tick, w);
}

static int parse_ulong(const char *s, unsigned long min, unsigned long max,
		       unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int watch_check(struct ctl *c)
{
	c->number = DEFAULT_INTERVAL_MS;
	c->updates = 0;
	if (c->count && parse_ulong(c->count, 1, 1000000000UL, &c->updates) < 0)
		return ctl_usage_error("watch", "--count: not a positive number: '%s'",
				       c->count);
	if (c->interval_ms &&
	    parse_ulong(c->interval_ms, 10, 3600000UL, &c->number) < 0)
		return ctl_usage_error("watch", "--interval-ms: not 10-3600000: '%s'",
				       c->interval_ms);
	if (c->json)
		return ctl_usage_error("watch", "no --json; use 'footsockctl status --json' in a loop");
	return 0;
}

int watch_run(struct ctl *c)
{
	_cleanup_(watch_freep) struct watch *w = NULL;
	const char *term = getenv("TERM");
	char msg[CTL_MSG_MAX];
	int r;

	w = calloc(1, sizeof(*w));
	if (!w)
		return ctl_fail("out of memory");
	w->address = c->bus_address;
	w->interval_usec = c->number * USEC_PER_MSEC;
	w->count = c->updates;
	w->full_screen = isatty(STDOUT_FILENO) && term && *term &&
			 strcmp(term, "dumb");
	w->color = w->full_screen && c->color;

	r = connect_bus(w, msg);
	if (r < 0)
		return ctl_fail(msg);
	if (w->full_screen) {
		r = layout(w);
		if (r >= 0)
			r = terminal_enter(w);
		if (r < 0) {
			terminal_leave(w);
			fprintf(stderr, "footsockctl: watch: cannot set up the terminal: %s\n",
				strerror(-r));
			return CTL_EXIT_FAILURE;
		}
	}
	r = add_sources(w);
	if (r >= 0)
		r = sd_event_loop(w->event);
	terminal_leave(w);
	if (r < 0) {
		fprintf(stderr, "footsockctl: watch: %s\n", strerror(-r));
		return CTL_EXIT_FAILURE;
	}
	/* Said on the normal screen, where it stays readable. */
	if (w->fatal[0])
		return ctl_fail(w->fatal);
	if (r && w->failed)
		return ctl_fail(w->error);
	return r;
}
