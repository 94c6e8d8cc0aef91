// SPDX-License-Identifier: GPL-2.0-or-later
/* footsockctl: the footsock command-line tool. */
#include <stdio.h>
#include <string.h>

#include "ctl.h"

static void usage(FILE *f)
{
	fputs("Usage: footsockctl [--help|--version] COMMAND [ARG]...\n"
	      "\n"
	      "Commands:\n"
	      "  analyze FILE [--format auto|footsock|moticon|gaitpdb] [--json]\n"
	      "                  analyse a recording: gait, numbness risk,\n"
	      "                  circulation, causes and advice per foot\n", f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("footsockctl %s\n", FOOTSOCK_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "analyze"))
		return analyze_main(argc - 1, argv + 1);
	fprintf(stderr, "footsockctl: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
