// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl events [--since TIME]: the level and cause changes (and
 * attach, detach, red flags) footsockd keeps, oldest first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "ctl.h"
#include "json.h"
#include "since.h"

static void format_time(uint64_t usec, bool utc, char *buf, size_t size)
{
	time_t t = (time_t)(usec / 1000000);
	struct tm tm;

	if (!(utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm))) {
		snprintf(buf, size, "@%llu", (unsigned long long)(usec / 1000000));
		return;
	}
	if (utc)
		snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			 tm.tm_min, tm.tm_sec, (unsigned int)(usec % 1000000 / 1000));
	else
		strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static void events_json(const struct ctl_event *ev, size_t n, uint64_t since)
{
	char when[64];
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_begin_object(&j);
	json_key(&j, "since_usec");
	json_int(&j, (long)since);
	json_key(&j, "events");
	json_begin_array(&j);
	for (i = 0; i < n; i++) {
		format_time(ev[i].realtime_usec, true, when, sizeof(when));
		json_begin_object(&j);
		json_key(&j, "time");
		json_string(&j, when);
		json_key(&j, "realtime_usec");
		json_int(&j, (long)ev[i].realtime_usec);
		json_key(&j, "kind");
		json_string(&j, ev[i].kind);
		json_key(&j, "foot");
		json_string(&j, ev[i].foot);
		json_key(&j, "serial");
		json_string(&j, ev[i].serial);
		json_key(&j, "level");
		json_string(&j, ev[i].level);
		json_key(&j, "cause");
		if (*ev[i].cause)
			json_string(&j, ev[i].cause);
		else
			json_null(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	fputc('\n', stdout);
}

static void events_text(const struct ctl_event *ev, size_t n, bool color)
{
	char when[64];
	size_t i;

	if (!n) {
		printf("no events\n");
		return;
	}
	for (i = 0; i < n; i++) {
		const char *c = color ? ctl_level_color(ev[i].level) : "";

		format_time(ev[i].realtime_usec, false, when, sizeof(when));
		printf("%s  %-5s %-16s %-9s %s%-7s%s %s\n", when, ev[i].foot,
		       ev[i].serial, ev[i].kind, c, ev[i].level,
		       *c ? "\033[0m" : "", *ev[i].cause ? ev[i].cause : "-");
	}
}

int events_check(struct ctl *c)
{
	struct timespec now;
	int r;

	if (!c->since)
		return 0;
	clock_gettime(CLOCK_REALTIME, &now);
	r = ctl_parse_since(c->since, (uint64_t)now.tv_sec * 1000000 +
			    (uint64_t)now.tv_nsec / 1000, &c->since_usec);
	if (r < 0)
		return ctl_usage_error("events", "--since '%s': %s; use @EPOCH_SECONDS, 2026-11-28T10:00:00Z, '2026-11-28 10:00:00' (local time), -10min or '10 min ago'",
				       c->since, r == -ERANGE ? "out of range" :
				       "not a time");
	return 0;
}

int events_run(struct ctl *c)
{
	struct ctl_event *ev = NULL;
	char msg[CTL_MSG_MAX];
	size_t n = 0;

	if (ctl_events(c->bus, c->since_usec, &ev, &n, msg) < 0)
		return ctl_fail(msg);
	if (c->json)
		events_json(ev, n, c->since_usec);
	else
		events_text(ev, n, c->color);
	free(ev);
	return ctl_flush_stdout();
}
