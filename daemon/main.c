// SPDX-License-Identifier: GPL-2.0-or-later
/* footsockd: the footsock monitoring daemon. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "bus-names.h"
#include "config.h"
#include "manager.h"
#include "util.h"

/* A bad configuration: the unit does not restart on it
 * (RestartPreventExitStatus=); EX_CONFIG of sysexits.h. */
#define EXIT_CONFIG 78

static void usage(FILE *f)
{
	fputs("Usage: footsockd [OPTION]...\n"
	      "The footsock monitoring daemon: reads the socks' IIO devices,\n"
	      "analyses them and serves org.footsock.Monitor1 on D-Bus.\n"
	      "\n"
	      "  --config FILE        configuration (default " FS_CONFIG_DEFAULT ")\n"
	      "  --replay FILE        feed a recording instead of IIO devices\n"
	      "  --replay-speed X     replay X times faster than real time (default 1)\n"
	      "  --bus system|user    the bus to serve on (default system)\n"
	      "  --bus-address ADDR   serve on the bus at this D-Bus address\n"
	      "  -h, --help           this help\n"
	      "  --version            print the version\n", f);
}

int main(int argc, char **argv)
{
	enum { OPT_CONFIG = 256, OPT_REPLAY, OPT_SPEED, OPT_BUS, OPT_ADDRESS,
	       OPT_VERSION };
	static const struct option opts[] = {
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "replay", required_argument, NULL, OPT_REPLAY },
		{ "replay-speed", required_argument, NULL, OPT_SPEED },
		{ "bus", required_argument, NULL, OPT_BUS },
		{ "bus-address", required_argument, NULL, OPT_ADDRESS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{}
	};
	struct manager_options o = { .replay_speed = 1.0 };
	_cleanup_(manager_freep) struct manager *m = NULL;
	const char *config = NULL;
	struct fs_config cfg;
	char err[512] = "";
	sigset_t mask;
	char *end;
	int c, r;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_REPLAY:
			o.replay = optarg;
			break;
		case OPT_SPEED:
			o.replay_speed = strtod(optarg, &end);
			if (*end || !(o.replay_speed > 0.0) || !isfinite(o.replay_speed)) {
				fprintf(stderr, "footsockd: --replay-speed: not a positive number: %s\n",
					optarg);
				return 2;
			}
			break;
		case OPT_BUS:
			if (!strcmp(optarg, "user")) {
				o.bus_user = true;
			} else if (strcmp(optarg, "system")) {
				fprintf(stderr, "footsockd: --bus: system or user, not %s\n",
					optarg);
				return 2;
			}
			break;
		case OPT_ADDRESS:
			o.bus_address = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("footsockd %s\n", FOOTSOCK_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "footsockd: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}

	fs_config_default(&cfg);
	r = fs_config_load(&cfg, config ? config : FS_CONFIG_DEFAULT, !config,
			   err, sizeof(err));
	if (r < 0) {
		fprintf(stderr, "footsockd: %s\n", err);
		(void)sd_notifyf(false, "STATUS=Bad configuration: %s\nERRNO=%d", err, -r);
		return EXIT_CONFIG;
	}
	for (const char *l = cfg.notices; *l;) {
		const char *nl = strchrnul(l, '\n');

		fprintf(stderr, SD_WARNING "footsockd: %.*s\n", (int)(nl - l), l);
		l = *nl ? nl + 1 : nl;
	}

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);

	r = manager_new(&m, &cfg, &o);
	if (r < 0) {
		if (o.replay && (r == -ENOENT || r == -EACCES))
			fprintf(stderr, "footsockd: %s: %s\n", o.replay, strerror(-r));
		else if (r == -EEXIST)
			fprintf(stderr, "footsockd: the name %s is taken: another footsockd runs\n",
				FS_BUS_NAME);
		else
			fprintf(stderr, "footsockd: cannot start: %s\n", strerror(-r));
		(void)sd_notifyf(false, "STATUS=Cannot start: %s\nERRNO=%d",
				 strerror(-r), -r);
		return 1;
	}
	r = manager_run(m);
	if (r < 0) {
		fprintf(stderr, "footsockd: event loop failed: %s\n", strerror(-r));
		return 1;
	}
	if (r > 0) {
		/* Exit-on-disconnect: systemd restarts us on the new bus. */
		fprintf(stderr, "footsockd: lost the connection to the bus, exiting\n");
		(void)sd_notify(false, "STATUS=Lost the connection to the bus");
		return 1;
	}
	(void)sd_notify(false, "STOPPING=1");
	return 0;
}
