// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl tare [left|right] and rate HZ [left|right]: the sock
 * controls, on one foot or on every connected sock. The daemon does the
 * work (Tare(), SetSamplingFrequency()); a refusal is shown per sock and
 * makes the exit status 1.
 */
#include <errno.h>
#include <getopt.h>
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

/* Run c on the sock of `foot`, or on every connected sock when NULL. */
static int run_control(const struct control *c, const char *foot,
		       const struct ctl_opts *o, bool json)
{
	struct ctl_daemon d = { 0 };
	char msg[CTL_MSG_MAX];
	sd_bus *bus = NULL;
	size_t i, n = 0, failed = 0;
	struct json j;

	if (ctl_load(o->bus_address, &bus, &d, msg) < 0) {
		ctl_daemon_clear(&d);
		return ctl_fail(msg);
	}
	if (json) {
		json_init(&j, stdout);
		json_begin_object(&j);
		json_key(&j, "socks");
		json_begin_array(&j);
	}
	for (i = 0; i < d.n_socks; i++) {
		const struct ctl_sock *s = &d.socks[i];
		int r;

		/* A foot named explicitly is asked even when unplugged: the
		 * daemon's answer says so. */
		if (foot ? strcmp(s->foot, foot) != 0 : !s->connected)
			continue;
		n++;
		r = c->apply(bus, s, c, msg);
		if (r < 0) {
			failed++;
			fprintf(stderr, "footsockctl: %s: %s sock %s: %s\n",
				c->name, s->foot, s->serial, msg);
		} else if (!json) {
			printf("%s sock %s: %s\n", s->foot, s->serial, c->done);
		}
		if (json) {
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
	if (json) {
		json_end_array(&j);
		json_end_object(&j);
		fputc('\n', stdout);
	}
	ctl_daemon_clear(&d);
	sd_bus_flush_close_unref(bus);
	if (!n) {
		snprintf(msg, sizeof(msg), "no %s%ssock connected",
			 foot ? foot : "", foot ? " " : "");
		return ctl_fail(msg);
	}
	if (ctl_flush_stdout())
		return CTL_EXIT_FAILURE;
	return failed ? CTL_EXIT_FAILURE : CTL_EXIT_OK;
}

/* Options shared by both: --json, --help; then an optional foot. */
static int parse(int argc, char **argv, const struct ctl_opts *o, int nargs,
		 void (*usage)(FILE *f), bool *json, char **args)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c, k;

	*json = o->json;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			*json = true;
			break;
		case 'h':
			usage(stdout);
			return CTL_EXIT_OK;
		default:
			usage(stderr);
			return CTL_EXIT_USAGE;
		}
	}
	/* nargs mandatory arguments, then an optional foot. */
	if (argc - optind < nargs || argc - optind > nargs + 1) {
		usage(stderr);
		return CTL_EXIT_USAGE;
	}
	for (k = 0; k <= nargs; k++)
		args[k] = optind + k < argc ? argv[optind + k] : NULL;
	if (args[nargs] && strcmp(args[nargs], "left") &&
	    strcmp(args[nargs], "right")) {
		fprintf(stderr, "footsockctl: %s: '%s' is not a foot (left or right)\n",
			argv[0], args[nargs]);
		return CTL_EXIT_USAGE;
	}
	return -1;
}

static void tare_usage(FILE *f)
{
	fputs("Usage: footsockctl [--json] tare [left|right] [--json]\n"
	      "Zero the pressure channels of one foot's sock, or of every\n"
	      "connected sock; the sock must be worn unloaded (foot in the air).\n"
	      "Exit 1 when a sock refuses or none is connected.\n", f);
}

int tare_main(int argc, char **argv, const struct ctl_opts *o)
{
	struct control c = { .name = "tare", .done = "tared",
			     .apply = apply_tare };
	char *args[1];
	bool json;
	int r;

	r = parse(argc, argv, o, 0, tare_usage, &json, args);
	if (r >= 0)
		return r;
	return run_control(&c, args[0], o, json);
}

static void rate_usage(FILE *f)
{
	fprintf(f, "Usage: footsockctl [--json] rate HZ [left|right] [--json]\n"
		"Set the sampling frequency (%d-%d Hz) of one foot's sock, or of\n"
		"every connected sock. Exit 1 when a sock refuses or none is\n"
		"connected, 2 when HZ is out of range.\n",
		FOOTSOCK_RATE_MIN_HZ, FOOTSOCK_RATE_MAX_HZ);
}

int rate_main(int argc, char **argv, const struct ctl_opts *o)
{
	struct control c = { .name = "rate", .apply = apply_rate };
	char done[32], *end, *args[2];
	unsigned long hz;
	bool json;
	int r;

	r = parse(argc, argv, o, 1, rate_usage, &json, args);
	if (r >= 0)
		return r;
	errno = 0;
	hz = strtoul(args[0], &end, 10);
	if (args[0][0] < '0' || args[0][0] > '9' || *end || errno ||
	    hz < FOOTSOCK_RATE_MIN_HZ || hz > FOOTSOCK_RATE_MAX_HZ) {
		fprintf(stderr, "footsockctl: rate: '%s' is not a rate the sock supports (a whole number of Hz from %d to %d)\n",
			args[0], FOOTSOCK_RATE_MIN_HZ, FOOTSOCK_RATE_MAX_HZ);
		return CTL_EXIT_USAGE;
	}
	c.hz = (unsigned int)hz;
	snprintf(done, sizeof(done), "rate set to %u Hz", c.hz);
	c.done = done;
	return run_control(&c, args[1], o, json);
}
