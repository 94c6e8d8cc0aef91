// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl tare [left|right] and rate HZ [left|right]: the sock
 * controls, on one foot or on every connected sock. The daemon does the
 * work (Tare(), SetSamplingFrequency()); a refusal is shown per sock and
 * makes the exit status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "footsock_proto.h"
#include "client.h"
#include "ctl.h"
#include "json.h"

struct control {
	const char *name;		/* command, for messages */
	const char *done;		/* "tared", "set to 200 Hz" */
	unsigned int hz;		/* rate only */
	int (*apply)(sd_bus *bus, const struct ctl_sock *s,
		     const struct control *c, char msg[CTL_MSG_MAX]);
};

static int apply_tare(sd_bus *bus, const struct ctl_sock *s,
		      const struct control *c, char msg[CTL_MSG_MAX])
{
	(void)c;
	return ctl_tare(bus, s, msg);
}

static int apply_rate(sd_bus *bus, const struct ctl_sock *s,
		      const struct control *c, char msg[CTL_MSG_MAX])
{
	return ctl_set_rate(bus, s, c->hz, msg);
}

/* Run k on the sock of c->foot, or on every connected sock when NULL. */
static int run_control(struct ctl *c, const struct control *k)
{
	const struct ctl_daemon *d = &c->daemon;
	const char *foot = c->foot;
	char msg[CTL_MSG_MAX];
	size_t i, n = 0, failed = 0;
	struct json j;

	if (c->json) {
		json_init(&j, stdout);
		json_begin_object(&j);
		json_key(&j, "socks");
		json_begin_array(&j);
	}
	for (i = 0; i < d->n_socks; i++) {
		const struct ctl_sock *s = &d->socks[i];
		int r;

		/* A foot named explicitly is asked even when unplugged: the
		 * daemon's answer says so. */
		if (foot ? strcmp(s->foot, foot) != 0 : !s->connected)
			continue;
		n++;
		r = k->apply(c->bus, s, k, msg);
		if (r < 0) {
			failed++;
			fprintf(stderr, "footsockctl: %s: %s sock %s: %s\n",
				k->name, s->foot, s->serial, msg);
		} else if (!c->json) {
			printf("%s sock %s: %s\n", s->foot, s->serial, k->done);
		}
		if (c->json) {
			json_begin_object(&j);
			json_key(&j, "foot");
			json_string(&j, s->foot);
			json_key(&j, "serial");
			json_string(&j, s->serial);
			json_key(&j, "ok");
			json_bool(&j, r >= 0);
			json_key(&j, "error");
			if (r < 0)
				json_string(&j, msg);
			else
				json_null(&j);
			json_end_object(&j);
		}
	}
	if (c->json) {
		json_end_array(&j);
		json_end_object(&j);
		fputc('\n', stdout);
	}
	if (!n) {
		snprintf(msg, sizeof(msg), "no %s%ssock connected",
			 foot ? foot : "", foot ? " " : "");
		return ctl_fail(msg);
	}
	if (ctl_flush_stdout())
		return CTL_EXIT_FAILURE;
	return failed ? CTL_EXIT_FAILURE : CTL_EXIT_OK;
}

int tare_check(struct ctl *c)
{
	return ctl_check_foot(c, "tare", 0);
}

int tare_run(struct ctl *c)
{
	static const struct control k = { .name = "tare", .done = "tared",
					  .apply = apply_tare };

	return run_control(c, &k);
}

int rate_check(struct ctl *c)
{
	const char *s = c->args[0];
	char *end;

	errno = 0;
	c->number = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end || errno ||
	    c->number < FOOTSOCK_RATE_MIN_HZ || c->number > FOOTSOCK_RATE_MAX_HZ)
		return ctl_usage_error("rate", "'%s' is not a rate the sock supports (a whole number of Hz from %d to %d)",
				       s, FOOTSOCK_RATE_MIN_HZ, FOOTSOCK_RATE_MAX_HZ);
	return ctl_check_foot(c, "rate", 1);
}

int rate_run(struct ctl *c)
{
	struct control k = { .name = "rate", .apply = apply_rate };
	char done[32];

	k.hz = (unsigned int)c->number;
	snprintf(done, sizeof(done), "rate set to %u Hz", k.hz);
	k.done = done;
	return run_control(c, &k);
}
