// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: the sensor sock's firmware as a Linux USB gadget.
 *
 * Options, then either --csv (write the source's output as a recording,
 * no USB) or the gadget: create it, bind it, answer ep0 and stream until
 * SIGINT/SIGTERM or --duration, then tear everything down.
 */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "csv.h"
#include "faults.h"
#include "gadget.h"
#include "model.h"
#include "replay.h"
#include "source.h"
#include "stream.h"

#define FOOT_BOTH	2

struct options {
	const char *udc;
	int scenario;
	bool scenario_set;
	int scenario_right;	/* -1: --scenario for both feet */
	int foot;
	unsigned int rate;	/* 0: default */
	double cadence_spm;	/* 0: the scenario's */
	double weight_kg;
	double duration_s;	/* 0: until killed (USB) / 60 s (CSV) */
	double onset_s;
	double relief_s;	/* 0: the cause is never removed */
	double toe_offset_c;	/* the (left) foot's toe warmer by this */
	uint64_t seed;
	const char *replay;
	const char *csv;
	const char *serial;
	struct emu_faults faults;
	bool faults_set;
	bool verbose;
};

static void usage(FILE *out)
{
	int i;

	fprintf(out,
		"Usage: footsock-emu [OPTION]...\n"
		"The footsock sensor sock's firmware as a USB gadget (configfs +\n"
		"FunctionFS), or with --csv a recording generator without USB.\n"
		"Runs until SIGINT/SIGTERM or --duration; needs the libcomposite and\n"
		"usb_f_fs modules and a UDC (e.g. dummy_hcd) for USB.\n\n"
		"  --udc NAME        bind to this UDC (default: the first free one)\n"
		"  --scenario NAME   data of the built-in model (default normal)\n"
		"  --foot left|right the sock's foot (default left); with --csv also both\n"
		"  --scenario-right NAME  with --foot both: the right foot's scenario\n"
		"                    (default --scenario's; the same gait), e.g. a cause\n"
		"                    on the left and a healthy right\n"
		"  --rate HZ         sampling rate, %d..%d (default %d, replay: its own)\n"
		"  --cadence SPM     steps/min of both feet (default 170 running, 110 walk)\n"
		"  --weight KG       body weight, scales pressures (default 70)\n"
		"  --duration S      stop after S seconds (USB: wall time; CSV: data,\n"
		"                    default 60, and the whole file for a replay)\n"
		"  --onset S         the scenario's cause starts at S s of data (default 0:\n"
		"                    present from the start)\n"
		"  --relief S        the runner removes the cause at S s of data (loosens\n"
		"                    the laces, changes shoe or sock; default: never)\n"
		"  --toe-offset-c C  the toe of the sock's foot (with --foot both: the\n"
		"                    left) C degC warmer, -10..10 (a runner's own\n"
		"                    left-right difference; default 0)\n"
		"  --seed N          PRNG seed: same seed, same data (default 1)\n"
		"  --replay FILE     stream a recording v1 instead of the model\n"
		"  --csv FILE        write the data as a recording v1 (FILE - : stdout),\n"
		"                    as fast as possible, no USB\n"
		"  --fault SPEC      inject faults, see below (USB only)\n"
		"  --serial S        serial number (default FS-0001 left, FS-0002 right)\n"
		"  -v, --verbose     log USB events and requests on stderr\n"
		"  -h, --help        this help\n\n"
		"Scenarios:\n",
		FOOTSOCK_RATE_MIN_HZ, FOOTSOCK_RATE_MAX_HZ, FOOTSOCK_RATE_DEFAULT_HZ);
	for (i = 0; i < EMU_SC_COUNT; i++)
		fprintf(out, "  %-15s %s\n", emu_scenario_name(i),
			emu_scenario_help(i));
	fprintf(out, "\n");
	emu_faults_help(out);
	fprintf(out, "\nSee docs/emulator.md.\n");
}

static int parse_double(const char *opt, const char *s, double min,
			double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < min || v > max) {
		fprintf(stderr, "footsock-emu: --%s %s: expected a number from %g to %g\n",
			opt, s, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	enum { O_UDC = 256, O_SCENARIO, O_FOOT, O_RATE, O_CADENCE, O_WEIGHT,
	       O_DURATION, O_ONSET, O_RELIEF, O_TOE_OFFSET, O_SEED, O_REPLAY, O_CSV, O_FAULT,
	       O_SERIAL, O_SCENARIO_RIGHT };
	static const struct option longopts[] = {
		{ "udc", required_argument, NULL, O_UDC },
		{ "scenario", required_argument, NULL, O_SCENARIO },
		{ "scenario-right", required_argument, NULL, O_SCENARIO_RIGHT },
		{ "foot", required_argument, NULL, O_FOOT },
		{ "rate", required_argument, NULL, O_RATE },
		{ "cadence", required_argument, NULL, O_CADENCE },
		{ "weight", required_argument, NULL, O_WEIGHT },
		{ "duration", required_argument, NULL, O_DURATION },
		{ "onset", required_argument, NULL, O_ONSET },
		{ "relief", required_argument, NULL, O_RELIEF },
		{ "toe-offset-c", required_argument, NULL, O_TOE_OFFSET },
		{ "seed", required_argument, NULL, O_SEED },
		{ "replay", required_argument, NULL, O_REPLAY },
		{ "csv", required_argument, NULL, O_CSV },
		{ "fault", required_argument, NULL, O_FAULT },
		{ "serial", required_argument, NULL, O_SERIAL },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[256], *end;
	double v;
	int c, i;

	memset(o, 0, sizeof(*o));
	o->scenario = EMU_SC_NORMAL;
	o->scenario_right = -1;
	o->foot = FOOTSOCK_FOOT_LEFT;
	o->seed = 1;
	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (c) {
		case O_UDC:
			o->udc = optarg;
			break;
		case O_SCENARIO:
		case O_SCENARIO_RIGHT:
			i = emu_scenario_parse(optarg);
			if (c == O_SCENARIO)
				o->scenario = i;
			else
				o->scenario_right = i;
			if (i < 0) {
				fprintf(stderr, "footsock-emu: unknown scenario '%s'; one of:",
					optarg);
				for (i = 0; i < EMU_SC_COUNT; i++)
					fprintf(stderr, " %s", emu_scenario_name(i));
				fprintf(stderr, "\n");
				return -EINVAL;
			}
			o->scenario_set = true;
			break;
		case O_FOOT:
			o->foot = !strcmp(optarg, "both") ? FOOT_BOTH :
				  emu_foot_parse(optarg);
			if (o->foot < 0) {
				fprintf(stderr, "footsock-emu: --foot %s: expected left or right (or both with --csv)\n",
					optarg);
				return -EINVAL;
			}
			break;
		case O_RATE:
			if (parse_double("rate", optarg, FOOTSOCK_RATE_MIN_HZ,
					 FOOTSOCK_RATE_MAX_HZ, &v) < 0)
				return -EINVAL;
			if (v != floor(v)) {
				fprintf(stderr, "footsock-emu: --rate %s: expected whole Hz\n",
					optarg);
				return -EINVAL;
			}
			o->rate = (unsigned int)v;
			break;
		case O_CADENCE:
			if (parse_double("cadence", optarg, 40, 250, &o->cadence_spm) < 0)
				return -EINVAL;
			break;
		case O_WEIGHT:
			if (parse_double("weight", optarg, 20, 250, &o->weight_kg) < 0)
				return -EINVAL;
			break;
		case O_DURATION:
			if (parse_double("duration", optarg, 0.001, 1e7, &o->duration_s) < 0)
				return -EINVAL;
			break;
		case O_ONSET:
			if (parse_double("onset", optarg, 0, 1e7, &o->onset_s) < 0)
				return -EINVAL;
			break;
		case O_RELIEF:
			if (parse_double("relief", optarg, 0.001, 1e7, &o->relief_s) < 0)
				return -EINVAL;
			break;
		case O_TOE_OFFSET:
			if (parse_double("toe-offset-c", optarg, -10, 10,
					 &o->toe_offset_c) < 0)
				return -EINVAL;
			break;
		case O_SEED:
			errno = 0;
			o->seed = strtoull(optarg, &end, 0);
			if (errno || end == optarg || *end || optarg[0] == '-') {
				fprintf(stderr, "footsock-emu: --seed %s: expected an unsigned integer\n",
					optarg);
				return -EINVAL;
			}
			break;
		case O_REPLAY:
			o->replay = optarg;
			break;
		case O_CSV:
			o->csv = optarg;
			break;
		case O_FAULT:
			if (emu_faults_parse(&o->faults, optarg, err, sizeof(err)) < 0) {
				fprintf(stderr, "footsock-emu: --fault %s: %s\n", optarg, err);
				return -EINVAL;
			}
			o->faults_set = true;
			break;
		case O_SERIAL:
			o->serial = optarg;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			fprintf(stderr, "Try 'footsock-emu --help'.\n");
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "footsock-emu: unexpected argument '%s'\n", argv[optind]);
		return -EINVAL;
	}
	if (o->replay && o->scenario_set) {
		fprintf(stderr, "footsock-emu: --replay and --scenario exclude each other\n");
		return -EINVAL;
	}
	if (o->relief_s > 0 && o->relief_s <= o->onset_s) {
		fprintf(stderr, "footsock-emu: --relief must come after --onset\n");
		return -EINVAL;
	}
	if (o->relief_s > 0 && o->replay) {
		fprintf(stderr, "footsock-emu: --relief acts on the model, not a replay\n");
		return -EINVAL;
	}
	if (o->scenario_right >= 0 &&
	    (o->foot != FOOT_BOTH || o->replay ||
	     o->scenario_right == EMU_SC_PATTERN || o->scenario == EMU_SC_PATTERN ||
	     emu_scenario_gait(o->scenario_right) != emu_scenario_gait(o->scenario))) {
		fprintf(stderr, "footsock-emu: --scenario-right needs --foot both and a model scenario of the same gait as --scenario\n");
		return -EINVAL;
	}
	if (o->foot == FOOT_BOTH && !o->csv) {
		fprintf(stderr, "footsock-emu: --foot both only with --csv (a sock is for one foot)\n");
		return -EINVAL;
	}
	if (o->csv && (o->faults_set || o->udc)) {
		fprintf(stderr, "footsock-emu: --csv writes a file without USB: no --fault or --udc\n");
		return -EINVAL;
	}
	if (o->serial) {
		size_t len = strlen(o->serial);

		if (len == 0 || len > FOOTSOCK_SERIAL_LEN) {
			fprintf(stderr, "footsock-emu: --serial: 1 to %d characters\n",
				FOOTSOCK_SERIAL_LEN);
			return -EINVAL;
		}
		for (i = 0; i < (int)len; i++) {
			if (o->serial[i] < 0x21 || o->serial[i] > 0x7e) {
				fprintf(stderr, "footsock-emu: --serial: printable ASCII without spaces only\n");
				return -EINVAL;
			}
		}
	}
	return 0;
}

/* Sets up the source of one foot. */
static int open_source(const struct options *o, int foot,
		       const struct emu_calib *calib, struct emu_source *src,
		       unsigned int *file_rate)
{
	struct model_params mp;
	struct replay *r;
	char err[512];
	int ret;

	if (o->replay) {
		ret = replay_open(&r, o->replay, foot, err, sizeof(err));
		if (ret < 0) {
			fprintf(stderr, "footsock-emu: %s\n", err);
			return ret;
		}
		/* check_rate() refuses what is past the range; converted
		 * unclamped, 4294967496 Hz would wrap to 200. */
		*file_rate = replay_rate(r) < UINT_MAX ?
			     (unsigned int)lround(replay_rate(r)) : UINT_MAX;
		source_init_replay(src, r, calib);
		return 0;
	}
	*file_rate = 0;
	if (o->scenario == EMU_SC_PATTERN) {
		source_init_pattern(src, calib);
		return 0;
	}
	memset(&mp, 0, sizeof(mp));
	mp.scenario = foot == FOOTSOCK_FOOT_RIGHT && o->scenario_right >= 0 ?
		      o->scenario_right : o->scenario;
	mp.foot = foot;
	mp.cadence_spm = o->cadence_spm;
	mp.weight_kg = o->weight_kg;
	mp.onset_s = o->onset_s;
	mp.relief_s = o->relief_s;
	/* with --foot both, feet[0] is the left (run_csv) */
	mp.toe_offset_c = foot == o->foot || (o->foot == FOOT_BOTH &&
			  foot == FOOTSOCK_FOOT_LEFT) ? o->toe_offset_c : 0.0;
	mp.seed = o->seed;
	source_init_model(src, &mp, calib);
	return 0;
}

static unsigned int pick_rate(const struct options *o, unsigned int file_rate)
{
	if (o->rate)
		return o->rate;
	return file_rate ? file_rate : FOOTSOCK_RATE_DEFAULT_HZ;
}

static int check_rate(unsigned int rate)
{
	if (rate < FOOTSOCK_RATE_MIN_HZ || rate > FOOTSOCK_RATE_MAX_HZ) {
		fprintf(stderr, "footsock-emu: the recording's rate %u Hz is outside %d..%d; give --rate\n",
			rate, FOOTSOCK_RATE_MIN_HZ, FOOTSOCK_RATE_MAX_HZ);
		return -EINVAL;
	}
	return 0;
}

static int run_csv(const struct options *o, const struct emu_calib *calib)
{
	struct emu_source srcs[2], *src[2] = { &srcs[0], &srcs[1] };
	int feet[2], nfeet, i, ret = 0;
	unsigned int rate = 0, fr;
	struct csv_meta meta;
	uint64_t frames;
	char err[512];

	nfeet = o->foot == FOOT_BOTH ? 2 : 1;
	feet[0] = o->foot == FOOT_BOTH ? FOOTSOCK_FOOT_LEFT : o->foot;
	feet[1] = FOOTSOCK_FOOT_RIGHT;
	for (i = 0; i < nfeet; i++) {
		ret = open_source(o, feet[i], calib, src[i], &fr);
		if (ret < 0) {
			while (i--)
				source_free(src[i]);
			return ret;
		}
		if (!rate)
			rate = pick_rate(o, fr);
	}
	ret = check_rate(rate);
	if (ret < 0)
		goto out;

	if (o->duration_s > 0)
		frames = (uint64_t)llround(o->duration_s * rate);
	else
		frames = o->replay ? UINT64_MAX : 60ull * rate;

	memset(&meta, 0, sizeof(meta));
	meta.scenario = o->replay ? "replay" : emu_scenario_name(o->scenario);
	meta.scenario_right = o->scenario_right >= 0 ?
			      emu_scenario_name(o->scenario_right) : NULL;
	meta.replay = o->replay;
	meta.onset_s = o->onset_s;
	meta.relief_s = o->relief_s;
	meta.weight_kg = o->weight_kg > 0 ? o->weight_kg : 70.0;
	meta.cadence_spm = o->replay ? 0.0 :
			   srcs[0].kind == EMU_SRC_MODEL ? srcs[0].model.cadence_spm :
			   0.0;
	meta.seed = o->seed;
	ret = csv_write(o->csv, src, feet, nfeet, rate, frames, &meta, err,
			sizeof(err));
	if (ret < 0)
		fprintf(stderr, "footsock-emu: %s\n", err);
out:
	for (i = 0; i < nfeet; i++)
		source_free(src[i]);
	return ret;
}

static int arm_timer(int fd, double seconds)
{
	struct itimerspec its;

	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = (time_t)seconds;
	its.it_value.tv_nsec = (long)((seconds - floor(seconds)) * 1e9);
	if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
		its.it_value.tv_nsec = 1;
	return timerfd_settime(fd, 0, &its, NULL);
}

enum { FD_EP0, FD_SIGNAL, FD_DURATION, FD_NOTIFY, FD_RECONNECT, NFDS };

static int run_usb(const struct options *o, const struct emu_calib *calib)
{
	struct emu_device dev;
	struct emu_source src;
	struct stream stream;
	struct gadget g;
	struct pollfd pfd[NFDS];
	bool stream_ok = false, stream_running = false, done = false;
	unsigned int rate, fr;
	char err[512];
	sigset_t set;
	uint64_t val;
	int ret, i;

	for (i = 0; i < NFDS; i++)
		pfd[i] = (struct pollfd){ .fd = -1, .events = POLLIN };
	memset(&g, 0, sizeof(g));
	g.ep0 = g.ep_in = -1;

	/* SIGINT/SIGTERM arrive through a signalfd, in every thread blocked */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	sigdelset(&set, SIGUSR1);
	signal(SIGPIPE, SIG_IGN);

	ret = open_source(o, o->foot, calib, &src, &fr);
	if (ret < 0)
		return ret;
	rate = pick_rate(o, fr);
	ret = check_rate(rate);
	if (ret < 0)
		goto out;

	memset(&dev, 0, sizeof(dev));
	snprintf(dev.serial, sizeof(dev.serial), "%s", o->serial ? o->serial :
		 o->foot == FOOTSOCK_FOOT_RIGHT ? "FS-0002" : "FS-0001");
	dev.foot = o->foot;
	dev.calib = calib;
	dev.info_fault = o->faults.info;
	dev.info_unplug = o->faults.n[EMU_F_INFOUNPLUG];
	dev.tare_swap = o->faults.n[EMU_F_TARESWAP];
	dev.stream = &stream;
	dev.verbose = o->verbose;

	pfd[FD_SIGNAL].fd = signalfd(-1, &set, SFD_CLOEXEC);
	pfd[FD_NOTIFY].fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	pfd[FD_DURATION].fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	pfd[FD_RECONNECT].fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	for (i = FD_SIGNAL; i < NFDS; i++) {
		if (pfd[i].fd < 0) {
			ret = -errno;
			perror("footsock-emu: signalfd/eventfd/timerfd");
			goto out;
		}
	}

	ret = stream_init(&stream, &src, &o->faults, calib, rate,
			  pfd[FD_NOTIFY].fd);
	if (ret < 0) {
		fprintf(stderr, "footsock-emu: stream: %s\n", strerror(-ret));
		goto out;
	}
	stream_ok = true;
	stream.verbose = o->verbose;

	ret = gadget_create(&g, dev.serial, o->faults.desc, err, sizeof(err));
	if (ret < 0) {
		fprintf(stderr, "footsock-emu: %s\n", err);
		goto out;
	}
	g.verbose = o->verbose;
	pfd[FD_EP0].fd = g.ep0;

	ret = stream_start(&stream);
	if (ret < 0) {
		fprintf(stderr, "footsock-emu: cannot start the streamer: %s\n",
			strerror(-ret));
		goto out;
	}
	stream_running = true;

	ret = gadget_bind(&g, o->udc, err, sizeof(err));
	if (ret < 0) {
		fprintf(stderr, "footsock-emu: %s\n", err);
		goto out;
	}
	printf("footsock-emu: bound to %s\n", g.udc);
	fflush(stdout);
	if (o->duration_s > 0 && arm_timer(pfd[FD_DURATION].fd, o->duration_s) < 0) {
		ret = -errno;
		perror("footsock-emu: timerfd");
		goto out;
	}

	while (!done) {
		if (poll(pfd, NFDS, -1) < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			perror("footsock-emu: poll");
			break;
		}
		if (pfd[FD_EP0].revents & (POLLIN | POLLERR | POLLHUP)) {
			ret = gadget_handle_ep0(&g, &dev);
			if (ret < 0) {
				fprintf(stderr, "footsock-emu: ep0: %s\n", strerror(-ret));
				break;
			}
		}
		if (pfd[FD_SIGNAL].revents & POLLIN) {
			struct signalfd_siginfo si;

			if (read(pfd[FD_SIGNAL].fd, &si, sizeof(si)) > 0 && o->verbose)
				fprintf(stderr, "footsock-emu: signal %u, exiting\n",
					si.ssi_signo);
			done = true;
		}
		if (pfd[FD_DURATION].revents & POLLIN) {
			if (read(pfd[FD_DURATION].fd, &val, sizeof(val)) < 0)
				val = 0;
			done = true;
		}
		if (pfd[FD_NOTIFY].revents & POLLIN) {
			if (read(pfd[FD_NOTIFY].fd, &val, sizeof(val)) < 0)
				val = 0;
			if (stream_take_disconnect(&stream)) {
				struct stream_run run;

				/* the streamer is out of its write: the count is final */
				stream_set_enabled(&stream, false, -1, 0);
				stream_run_stats(&stream, &run);
				fprintf(stderr, "footsock-emu: fault: disconnect from %s\n",
					g.udc);
				stream_print_run("disconnect", &run);
				gadget_unbind(&g);
				if (o->faults.n[EMU_F_RECONNECT])
					arm_timer(pfd[FD_RECONNECT].fd,
						  o->faults.n[EMU_F_RECONNECT]);
			}
		}
		if (pfd[FD_RECONNECT].revents & POLLIN) {
			if (read(pfd[FD_RECONNECT].fd, &val, sizeof(val)) < 0)
				val = 0;
			ret = gadget_bind(&g, o->udc, err, sizeof(err));
			if (ret < 0) {
				fprintf(stderr, "footsock-emu: reconnect: %s\n", err);
				break;
			}
			printf("footsock-emu: bound to %s\n", g.udc);
			fflush(stdout);
		}
	}
	if (done)
		ret = 0;
out:
	if (stream_running)
		stream_stop(&stream);
	gadget_destroy(&g);
	if (stream_ok)
		stream_destroy(&stream);
	for (i = FD_SIGNAL; i < NFDS; i++)
		if (pfd[i].fd >= 0)
			close(pfd[i].fd);
	source_free(&src);
	return ret;
}

int main(int argc, char **argv)
{
	struct emu_calib calib;
	struct options o;
	int ret;

	if (parse_args(argc, argv, &o) < 0)
		return 2;
	emu_calib_init(&calib);
	ret = o.csv ? run_csv(&o, &calib) : run_usb(&o, &calib);
	return ret < 0 ? 1 : 0;
}
