// SPDX-License-Identifier: GPL-2.0-or-later
/* footsockctl: the footsock command-line tool; dispatches to a command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct ctl_opts *o);
	const char *synopsis;
	const char *summary;
};

static int run_analyze(int argc, char **argv, const struct ctl_opts *o)
{
	(void)o;
	return analyze_main(argc, argv);
}

static const struct command commands[] = {
	{ "status", status_main, "[left|right]",
	  "level, risks, causes, gait and pressures per foot" },
	{ "watch", watch_main, "", "live view at 2 Hz; q quits" },
	{ "list", list_main, "", "the socks footsockd knows" },
	{ "check", check_main, "[--max-level ok|watch|warning]",
	  "exit 0 at or below the level, 1 above, 2 no daemon/sock" },
	{ "events", events_main, "[--since TIME]",
	  "level and cause changes" },
	{ "record", record_main, "start --subject ID [--note TEXT] | stop | list",
	  "recordings in /var/lib/footsock/recordings" },
	{ "export", export_main, "ID [--format csv|json] [-o FILE]",
	  "copy or convert a recording" },
	{ "tare", tare_main, "[left|right]", "zero the pressure channels" },
	{ "rate", rate_main, "HZ", "set the sampling frequency" },
	{ "analyze", run_analyze,
	  "FILE [--format auto|footsock|moticon|gaitpdb]",
	  "offline analysis of a recording" },
};

int ctl_fail(const char *msg)
{
	fprintf(stderr, "footsockctl: %s\n", msg);
	return CTL_EXIT_FAILURE;
}

int ctl_flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return ctl_fail("write error on standard output");
	return CTL_EXIT_OK;
}

static void usage(FILE *f)
{
	size_t i;

	fputs("Usage: footsockctl [--json] [--bus-address ADDR] COMMAND [ARG]...\n"
	      "       footsockctl COMMAND --help\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n           %s\n", commands[i].name,
			commands[i].synopsis, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  --json              machine-readable output (docs/cli.md)\n"
	      "  --bus-address ADDR  talk to footsockd on this bus instead of\n"
	      "                      the system bus\n"
	      "  -h, --help          this help\n"
	      "  --version           print the version\n", f);
}

int main(int argc, char **argv)
{
	enum { OPT_VERSION = 256, OPT_JSON, OPT_BUS };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "bus-address", required_argument, NULL, OPT_BUS },
		{ 0 }
	};
	struct ctl_opts o = { 0 };
	size_t i;
	int c;

	/* "+": stop at the command, its options are its own. */
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return CTL_EXIT_OK;
		case OPT_VERSION:
			printf("footsockctl %s\n", FOOTSOCK_VERSION);
			return CTL_EXIT_OK;
		case OPT_JSON:
			o.json = true;
			break;
		case OPT_BUS:
			o.bus_address = optarg;
			break;
		default:
			usage(stderr);
			return CTL_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return CTL_EXIT_USAGE;
	}
	o.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name))
			continue;
		argc -= optind;
		argv += optind;
		optind = 0;	/* glibc: full reinitialisation for the command */
		return commands[i].run(argc, argv, &o);
	}
	fprintf(stderr, "footsockctl: unknown command '%s' (see footsockctl --help)\n",
		argv[optind]);
	return CTL_EXIT_USAGE;
}
