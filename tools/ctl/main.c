// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl: the footsock command-line tool. One table of commands (as
 * busctl's and systemctl's verb tables) and one option parser for all of
 * them: options may come anywhere on the line, before or after the
 * command and its arguments; what is common to the commands (--help, the
 * argument count, the options a command takes, the connection to
 * footsockd and its failure) is done here once.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"

struct command {
	const char *name;		/* "status", or "record start" */
	const char *synopsis;		/* after the name */
	const char *summary;		/* one line for footsockctl --help */
	const char *help;		/* footsockctl COMMAND --help */
	int min_args, max_args;
	unsigned int options;		/* CTL_OPT_* it takes */
	unsigned int needs;		/* CTL_NEEDS_* */
	int unreachable;		/* exit status when footsockd is not */
	int (*check)(struct ctl *c);	/* NULL: nothing to check */
	int (*run)(struct ctl *c);
};

static const struct command commands[] = {
	{ .name = "status", .synopsis = "[left|right]",
	  .summary = "level, risks, causes, gait and pressures per foot",
	  .help = "Per foot: level, numbness risk and circulation restriction with\n"
		  "their trend, the top causes with advice, cadence, stance/swing, the\n"
		  "16 pressure zones (kPa) and 6 temperatures (degC). Exit 1 when no\n"
		  "sock (of that foot) is known, or footsockd cannot be reached.\n",
	  .max_args = 1, .needs = CTL_NEEDS_SNAPSHOT, .unreachable = CTL_EXIT_FAILURE,
	  .check = status_check, .run = status_run },
	{ .name = "watch", .synopsis = "[--interval-ms MS] [--count N]",
	  .summary = "live view at 2 Hz; q quits",
	  .help = "Live view of both feet: the 16 zones shaded by pressure on the\n"
		  "feet's outlines (sole and top, as report draws them), the\n"
		  "level, numbness risk and circulation restriction, the top cause,\n"
		  "the cadence and the recent events. q or Ctrl-C quits, Ctrl-L\n"
		  "redraws. When footsockd goes away, the last data stays on\n"
		  "screen with the reason, and watch keeps trying.\n"
		  "When stdout is not a terminal, one line per update:\n"
		  "  12:00:01 left warning risk 63 circ 41 tight_laces | right ok risk 3 circ 0\n"
		  "--interval-ms MS: time between updates (default 500, 10-3600000);\n"
		  "--count N: stop after N updates (exit 1 if the last failed).\n",
	  .options = CTL_OPT_INTERVAL | CTL_OPT_COUNT,
	  .check = watch_check, .run = watch_run },
	{ .name = "stream",
	  .synopsis = "[left|right|both] [--format csv|jsonl|binary] [--duration S] [--count N]",
	  .summary = "the live frames to standard output",
	  .help = "Write the frames footsockd reads, as it reads them, to standard\n"
		  "output: csv (default) is a recording v1, so that 'footsockctl\n"
		  "stream --duration 60 > run.csv' is a recording and 'footsockctl\n"
		  "stream | footsockctl analyze -' analyses live; jsonl is one JSON\n"
		  "object a frame; binary is footsockd's fixed-size records\n"
		  "(docs/stream.md). Frames a slow reader missed are reported in the\n"
		  "stream ('# lost', \"lost\"). --duration S: stop after S seconds;\n"
		  "--count N: after N frames; Ctrl-C stops after a whole line (exit 0).\n"
		  "Exit 1 when footsockd ends the stream (the socks unplugged, or\n"
		  "nothing read for stream_timeout_ms).\n"
		  "Root and group footsock only.\n",
	  .max_args = 1, .options = CTL_OPT_FORMAT | CTL_OPT_DURATION | CTL_OPT_COUNT,
	  .needs = CTL_NEEDS_BUS, .unreachable = CTL_EXIT_FAILURE,
	  .check = stream_check, .run = stream_run },
	{ .name = "list", .synopsis = "",
	  .summary = "the socks footsockd knows",
	  .help = "The socks footsockd knows: foot, serial, firmware, IIO device,\n"
		  "sampling rate, frames analysed and frames lost. Exit 1 when there\n"
		  "is none or footsockd cannot be reached.\n",
	  .needs = CTL_NEEDS_SNAPSHOT, .unreachable = CTL_EXIT_FAILURE,
	  .run = list_run },
	{ .name = "check", .synopsis = "[--max-level ok|watch|warning]",
	  .summary = "exit 0 at or below the level, 1 above, 2 no daemon/sock",
	  .help = "Exit 0 when every sock footsockd reports is at or below the level\n"
		  "(default watch), 1 when one is above, 2 when footsockd is not\n"
		  "running or reports no sock, 64 on a usage error.\n",
	  .options = CTL_OPT_MAX_LEVEL, .needs = CTL_NEEDS_SNAPSHOT,
	  .unreachable = CTL_EXIT_UNAVAILABLE,
	  .check = check_check, .run = check_run },
	{ .name = "events", .synopsis = "[--since TIME]",
	  .summary = "level and cause changes",
	  .help = "The level and cause changes, attaches, detaches and red flags\n"
		  "footsockd keeps (the last 1024), oldest first, in local time.\n"
		  "TIME: @EPOCH_SECONDS, 2026-11-28T10:00:00Z, '2026-11-28 10:00:00'\n"
		  "(local), -10min, '10 min ago', -30s, -2h, now.\n",
	  .options = CTL_OPT_SINCE, .needs = CTL_NEEDS_BUS,
	  .unreachable = CTL_EXIT_FAILURE,
	  .check = events_check, .run = events_run },
	{ .name = "record start", .synopsis = "--subject ID [--note TEXT]",
	  .summary = "record every sock into one file",
	  .help = "Record every sock into one file (CONTRACT recording format v1) in\n"
		  "footsockd's recordings directory; ID is 1-64 of [A-Za-z0-9._-].\n"
		  "Root and group footsock only.\n",
	  .options = CTL_OPT_SUBJECT | CTL_OPT_NOTE, .needs = CTL_NEEDS_BUS,
	  .unreachable = CTL_EXIT_FAILURE,
	  .check = record_start_check, .run = record_start_run },
	{ .name = "record stop", .synopsis = "",
	  .summary = "finish the recording",
	  .help = "Finish the running recording. Root and group footsock only.\n",
	  .needs = CTL_NEEDS_BUS, .unreachable = CTL_EXIT_FAILURE,
	  .run = record_stop_run },
	{ .name = "record list", .synopsis = "",
	  .summary = "the recordings in /var/lib/footsock/recordings",
	  .help = "The recordings: id, subject, start, size, whether being written.\n"
		  "Root and group footsock only.\n",
	  .needs = CTL_NEEDS_BUS, .unreachable = CTL_EXIT_FAILURE,
	  .run = record_list_run },
	{ .name = "export", .synopsis = "ID [--format csv|json] [-o FILE]",
	  .summary = "copy or convert a recording",
	  .help = "Write recording ID (see 'record list') to standard output (also\n"
		  "-o -) or FILE (replaced atomically): csv as recorded, or json with the\n"
		  "metadata and one object per row (docs/cli.md); --json is --format\n"
		  "json. Root and group footsock only.\n",
	  .min_args = 1, .max_args = 1, .options = CTL_OPT_FORMAT | CTL_OPT_OUTPUT,
	  .needs = CTL_NEEDS_BUS, .unreachable = CTL_EXIT_FAILURE,
	  .check = export_check, .run = export_run },
	{ .name = "tare", .synopsis = "[left|right]",
	  .summary = "zero the pressure channels",
	  .help = "Zero the pressure channels of one foot's sock, or of every\n"
		  "connected sock; the sock must be worn unloaded (foot in the air).\n"
		  "Exit 1 when a sock refuses or none is connected.\n",
	  .max_args = 1, .needs = CTL_NEEDS_SNAPSHOT, .unreachable = CTL_EXIT_FAILURE,
	  .check = tare_check, .run = tare_run },
	{ .name = "rate", .synopsis = "HZ [left|right]",
	  .summary = "set the sampling frequency",
	  .help = "Set the sampling frequency (50-1000 Hz) of one foot's sock, or of\n"
		  "every connected sock. Exit 1 when a sock refuses or none is\n"
		  "connected, 64 when HZ is out of range.\n",
	  .min_args = 1, .max_args = 2, .needs = CTL_NEEDS_SNAPSHOT,
	  .unreachable = CTL_EXIT_FAILURE,
	  .check = rate_check, .run = rate_run },
	{ .name = "analyze",
	  .synopsis = "FILE [--format auto|footsock|moticon|gaitpdb] [--profile FILE]",
	  .summary = "offline analysis of a recording",
	  .help = "Analyse a recording (footsock v1, Moticon OpenGo, PhysioNet\n"
		  "gaitpdb) offline, without footsockd: per foot the gait, the risks\n"
		  "over time, the causes and advice (docs/analysis.md).\n"
		  "--profile FILE: judge against the runner's own normal (a profile,\n"
		  "see 'profile show'): left-right asymmetry against the usual\n"
		  "difference, the swing floors against the usual ones.\n",
	  .min_args = 1, .max_args = 1, .options = CTL_OPT_FORMAT | CTL_OPT_PROFILE,
	  .check = analyze_check, .run = analyze_run },
	{ .name = "report", .synopsis = "RECORDING|- [-o FILE] [--format html|svg]",
	  .summary = "a recording as one HTML page (or SVG) to view or print",
	  .help = "Draw a recording (as analyze reads it) as one self-contained HTML\n"
		  "page (inline SVG, no script, nothing from the network; prints on\n"
		  "A4) or, with --format svg, one SVG: the header facts, per foot the\n"
		  "numbness risk and circulation restriction over time with the level\n"
		  "bands and events, the mean and peak pressure of the 16 zones drawn\n"
		  "on both feet, the gait over time, the causes and advice. What the\n"
		  "recording lacks is left out. -o FILE (replaced atomically), else\n"
		  "standard output.\n",
	  .min_args = 1, .max_args = 1, .options = CTL_OPT_FORMAT | CTL_OPT_OUTPUT,
	  .check = report_check, .run = report_run },
	{ .name = "profile list", .synopsis = "",
	  .summary = "the subjects with a profile (their own normal)",
	  .help = "The subjects whose own normal footsockd keeps (docs/daemon.md,\n"
		  "\"Profiles\"): runs behind each profile and the baseline the\n"
		  "analysis uses. Read from /var/lib/footsock/profiles (root and group\n"
		  "footsock), or $FOOTSOCK_PROFILE_DIR.\n",
	  .run = profile_list_run },
	{ .name = "profile show", .synopsis = "SUBJECT",
	  .summary = "one subject's own normal",
	  .help = "A subject's profile: per site the usual temperatures and\n"
		  "left-right difference, the usual swing floors and gait, each with\n"
		  "the runs behind it. --json prints the profile file itself (format\n"
		  "footsock-profile version 1, docs/analysis.md), which 'analyze\n"
		  "--profile' reads. Root and group footsock only.\n",
	  .min_args = 1, .max_args = 1,
	  .check = profile_show_check, .run = profile_show_run },
	{ .name = "profile reset", .synopsis = "SUBJECT",
	  .summary = "forget a subject's own normal",
	  .help = "Remove a subject's profile: the analysis goes back to the\n"
		  "population defaults until enough new runs are in. Root only (the\n"
		  "directory is footsockd's).\n",
	  .min_args = 1, .max_args = 1,
	  .check = profile_show_check, .run = profile_reset_run },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* The option of each CTL_OPT_* bit, for messages. */
static const char *const option_names[] = {
	"--max-level", "--since", "--subject", "--note", "--format", "--output",
	"--interval-ms", "--count", "--duration", "--profile",
};

int ctl_fail(const char *msg)
{
	fprintf(stderr, "footsockctl: %s\n", msg);
	return CTL_EXIT_FAILURE;
}

int ctl_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "footsockctl: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CTL_EXIT_USAGE;
}

int ctl_flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return ctl_fail("write error on standard output");
	return CTL_EXIT_OK;
}

int ctl_check_foot(struct ctl *c, const char *cmd, int i)
{
	c->foot = i < c->n_args ? c->args[i] : NULL;
	if (c->foot && strcmp(c->foot, "left") && strcmp(c->foot, "right"))
		return ctl_usage_error(cmd, "'%s' is not a foot (left or right)",
				       c->foot);
	return 0;
}

static void usage(FILE *f)
{
	size_t i;

	fputs("Usage: footsockctl [OPTION]... COMMAND [ARG]...\n"
	      "       footsockctl COMMAND --help\n"
	      "Options may come before or after the command and its arguments.\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %s %s\n      %s\n", commands[i].name,
			commands[i].synopsis, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  --json              machine-readable output (docs/cli.md)\n"
	      "  --bus-address ADDR  talk to footsockd on this bus instead of\n"
	      "                      the system bus\n"
	      "  -h, --help          this help, or the command's\n"
	      "  --version           print the version\n"
	      "\n"
	      "Exit status: 0 done, 1 failed, 64 usage error; check: 0, 1, 2.\n", f);
}

/* The help of a command, or of every subcommand of a word ("record"). */
static void command_usage(FILE *f, const char *word)
{
	size_t i, n = strlen(word);
	bool first = true;

	for (i = 0; i < N_COMMANDS; i++) {
		const char *name = commands[i].name;

		if (strncmp(name, word, n) || (name[n] && name[n] != ' '))
			continue;
		fprintf(f, "%s footsockctl [--json] %s%s%s\n",
			first ? "Usage:" : "      ", name,
			*commands[i].synopsis ? " " : "", commands[i].synopsis);
		first = false;
	}
	for (i = 0; i < N_COMMANDS; i++) {
		const char *name = commands[i].name;

		if (!strncmp(name, word, n) && (!name[n] || name[n] == ' '))
			fputs(commands[i].help, f);
	}
}

/*
 * The command named by the first one or two positional arguments; *words
 * is how many. NULL with *words 0 when the first names none, with
 * *words 1 when only its second word is wrong ("record frobnicate").
 */
static const struct command *find_command(char **pos, int n, int *words)
{
	size_t i, len;

	*words = 0;
	if (!n)
		return NULL;
	len = strlen(pos[0]);
	for (i = 0; i < N_COMMANDS; i++) {
		const char *name = commands[i].name;

		if (strncmp(name, pos[0], len) || (name[len] && name[len] != ' '))
			continue;
		*words = 1;
		if (!name[len])
			return &commands[i];
		if (n > 1 && !strcmp(name + len + 1, pos[1])) {
			*words = 2;
			return &commands[i];
		}
	}
	return NULL;
}

/* Open what the command needs; its exit status when that fails. */
static int acquire(struct ctl *c, const struct command *cmd)
{
	char msg[CTL_MSG_MAX];
	int r = 0;

	if (cmd->needs & CTL_NEEDS_SNAPSHOT)
		r = ctl_load(c->bus_address, &c->bus, &c->daemon, msg);
	else if (cmd->needs & CTL_NEEDS_BUS)
		r = ctl_connect(c->bus_address, &c->bus, msg);
	if (r >= 0)
		return 0;
	ctl_fail(msg);
	return cmd->unreachable;
}

int main(int argc, char **argv)
{
	enum { OPT_VERSION = 256, OPT_JSON, OPT_BUS, OPT_MAX_LEVEL, OPT_SINCE,
	       OPT_SUBJECT, OPT_NOTE, OPT_INTERVAL, OPT_COUNT, OPT_DURATION,
	       OPT_PROFILE };
	/* Every option of every command: one parser for the whole line. */
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "bus-address", required_argument, NULL, OPT_BUS },
		{ "max-level", required_argument, NULL, OPT_MAX_LEVEL },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "subject", required_argument, NULL, OPT_SUBJECT },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "interval-ms", required_argument, NULL, OPT_INTERVAL },
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "duration", required_argument, NULL, OPT_DURATION },
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ 0 }
	};
	struct ctl c = { 0 };
	const struct command *cmd;
	unsigned int given = 0, bit;
	bool help = false, version = false;
	char **pos;
	int n = 0, words, opt, r;
	size_t k;

	pos = calloc((size_t)argc + 1, sizeof(*pos));
	if (!pos)
		return ctl_fail("out of memory");
	/*
	 * "-": every argument that is not an option comes back as option 1,
	 * in order, whatever POSIXLY_CORRECT says: options go anywhere, and
	 * "--" ends them.
	 */
	while ((opt = getopt_long(argc, argv, "-hf:o:", options, NULL)) != -1) {
		switch (opt) {
		case 1:
			pos[n++] = optarg;
			break;
		case 'h':
			help = true;
			break;
		case OPT_VERSION:
			version = true;
			break;
		case OPT_JSON:
			c.json = true;
			break;
		case OPT_BUS:
			c.bus_address = optarg;
			break;
		case OPT_MAX_LEVEL:
			c.max_level = optarg;
			given |= CTL_OPT_MAX_LEVEL;
			break;
		case OPT_SINCE:
			c.since = optarg;
			given |= CTL_OPT_SINCE;
			break;
		case OPT_SUBJECT:
			c.subject = optarg;
			given |= CTL_OPT_SUBJECT;
			break;
		case OPT_NOTE:
			c.note = optarg;
			given |= CTL_OPT_NOTE;
			break;
		case 'f':
			c.format = optarg;
			given |= CTL_OPT_FORMAT;
			break;
		case 'o':
			c.output = optarg;
			given |= CTL_OPT_OUTPUT;
			break;
		case OPT_INTERVAL:
			c.interval_ms = optarg;
			given |= CTL_OPT_INTERVAL;
			break;
		case OPT_COUNT:
			c.count = optarg;
			given |= CTL_OPT_COUNT;
			break;
		case OPT_DURATION:
			c.duration = optarg;
			given |= CTL_OPT_DURATION;
			break;
		case OPT_PROFILE:
			c.profile = optarg;
			given |= CTL_OPT_PROFILE;
			break;
		default:	/* getopt said what */
			fputs("See 'footsockctl --help'.\n", stderr);
			free(pos);
			return CTL_EXIT_USAGE;
		}
	}
	while (optind < argc)
		pos[n++] = argv[optind++];

	if (version) {
		free(pos);
		printf("footsockctl %s\n", FOOTSOCK_VERSION);
		return CTL_EXIT_OK;
	}
	cmd = find_command(pos, n, &words);
	if (!cmd && help && words) {	/* "record --help" */
		command_usage(stdout, pos[0]);
		free(pos);
		return CTL_EXIT_OK;
	}
	if (!cmd && help && !n) {
		free(pos);
		usage(stdout);
		return CTL_EXIT_OK;
	}
	if (!cmd) {
		if (!n)
			usage(stderr);
		else if (words)
			fprintf(stderr, "footsockctl: %s: %s%s%s (see footsockctl %s --help)\n",
				pos[0], n > 1 ? "unknown subcommand '" : "a subcommand is needed",
				n > 1 ? pos[1] : "", n > 1 ? "'" : "", pos[0]);
		else
			fprintf(stderr, "footsockctl: unknown command '%s' (see footsockctl --help)\n",
				pos[0]);
		free(pos);
		return CTL_EXIT_USAGE;
	}
	if (help) {
		command_usage(stdout, cmd->name);
		free(pos);
		return CTL_EXIT_OK;
	}
	for (k = 0, bit = 1; k < sizeof(option_names) / sizeof(option_names[0]);
	     k++, bit <<= 1) {
		if ((given & bit) && !(cmd->options & bit)) {
			r = ctl_usage_error(cmd->name, "no %s option (see footsockctl %s --help)",
					    option_names[k], cmd->name);
			free(pos);
			return r;
		}
	}
	c.args = pos + words;
	c.n_args = n - words;
	if (c.n_args < cmd->min_args || c.n_args > cmd->max_args) {
		if (c.n_args > cmd->max_args)
			fprintf(stderr, "footsockctl: %s: unexpected argument '%s'\n",
				cmd->name, c.args[cmd->max_args]);
		command_usage(stderr, cmd->name);
		free(pos);
		return CTL_EXIT_USAGE;
	}
	c.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");

	r = cmd->check ? cmd->check(&c) : 0;
	if (r == 0)
		r = acquire(&c, cmd);
	if (r == 0)
		r = cmd->run(&c);
	ctl_daemon_clear(&c.daemon);
	sd_bus_flush_close_unref(c.bus);
	free(pos);
	return r;
}
