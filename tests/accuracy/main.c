// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * accuracy-model: writes recordings of the accuracy harness's runner
 * model (tests/accuracy/model.h).
 *
 *   accuracy-model --list
 *       the matrix, one run a line: NAME RUNNER CAUSE FOOT ONSET_S
 *       DURATION_S RATE_HZ SEED (tab-separated; FOOT "-" and ONSET_S -1
 *       for a healthy run)
 *   accuracy-model --run NAME -o FILE
 *       one run of the matrix
 *   accuracy-model --runner N --cause CAUSE [--foot left|right]
 *                  [--seed S] [--duration S] [--onset S] [--rate HZ] -o FILE
 *       any other run (CAUSE healthy or one of CONTRACT.md's)
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "generate.h"
#include "matrix.h"
#include "runner.h"

static int usage(void)
{
	fprintf(stderr,
		"usage: accuracy-model --list\n"
		"       accuracy-model --run NAME -o FILE\n"
		"       accuracy-model --runner N --cause CAUSE [--foot left|right]\n"
		"                      [--seed S] [--duration S] [--onset S] [--rate HZ] -o FILE\n");
	return 64;
}

static int list(void)
{
	struct acc_run run;

	for (int i = 0; i < acc_matrix_count(); i++) {
		acc_matrix_get(i, &run);
		printf("%s\t%d\t%s\t%s\t%.1f\t%.0f\t%.0f\t%" PRIu64 "\n",
		       run.name, run.runner, acc_cause_names[run.cause],
		       run.foot < 0 ? "-" : run.foot ? "right" : "left",
		       run.onset_s, run.duration_s, run.rate_hz, run.seed);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

static int parse_double(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return errno || end == s || *end ? -EINVAL : 0;
}

static int parse_cause(const char *s, enum acc_cause *c)
{
	for (int i = 0; i < ACC_NCAUSES; i++)
		if (strcmp(s, acc_cause_names[i]) == 0) {
			*c = (enum acc_cause)i;
			return 0;
		}
	return -EINVAL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "run", required_argument, NULL, 'n' },
		{ "runner", required_argument, NULL, 'r' },
		{ "cause", required_argument, NULL, 'c' },
		{ "foot", required_argument, NULL, 'f' },
		{ "seed", required_argument, NULL, 's' },
		{ "duration", required_argument, NULL, 'd' },
		{ "onset", required_argument, NULL, 't' },
		{ "rate", required_argument, NULL, 'R' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct acc_run run = { .runner = -1, .foot = -1, .seed = 1,
			       .duration_s = 60.0, .onset_s = -1.0 };
	const char *name = NULL, *path = NULL;
	bool do_list = false, have_cause = false, have_rate = false;
	double v;
	int opt;

	while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'l':
			do_list = true;
			break;
		case 'n':
			name = optarg;
			break;
		case 'r':
			if (parse_double(optarg, &v) < 0 || v < 0 ||
			    v >= ACC_NRUNNERS || v != (int)v)
				return usage();
			run.runner = (int)v;
			break;
		case 'c':
			if (parse_cause(optarg, &run.cause) < 0)
				return usage();
			have_cause = true;
			break;
		case 'f':
			if (strcmp(optarg, "left") && strcmp(optarg, "right"))
				return usage();
			run.foot = strcmp(optarg, "right") == 0;
			break;
		case 's': {
			char *end;

			errno = 0;
			run.seed = strtoull(optarg, &end, 0);
			if (errno || end == optarg || *end)
				return usage();
			break;
		}
		case 'd':
			if (parse_double(optarg, &run.duration_s) < 0)
				return usage();
			break;
		case 't':
			if (parse_double(optarg, &run.onset_s) < 0)
				return usage();
			break;
		case 'R':
			if (parse_double(optarg, &run.rate_hz) < 0)
				return usage();
			have_rate = true;
			break;
		case 'o':
			path = optarg;
			break;
		default:
			return usage();
		}
	}
	if (optind != argc)
		return usage();
	if (do_list)
		return list();
	if (!path)
		return usage();
	if (name) {
		if (acc_matrix_find(name, &run) < 0) {
			fprintf(stderr, "accuracy-model: no run %s\n", name);
			return 64;
		}
	} else {
		struct acc_runner r;

		if (run.runner < 0 || !have_cause ||
		    (run.cause != ACC_HEALTHY) != (run.foot >= 0))
			return usage();
		acc_runner_get(run.runner, &r);
		if (!have_rate)
			run.rate_hz = r.rate_hz;
		if (run.cause == ACC_HEALTHY)
			run.onset_s = -1.0;
		else if (run.onset_s < 0.0)
			run.onset_s = run.duration_s / 3.0;
		snprintf(run.name, sizeof(run.name), "%s_%s", r.id,
			 acc_cause_names[run.cause]);
	}

	FILE *out = fopen(path, "w");

	if (!out) {
		fprintf(stderr, "accuracy-model: %s: %s\n", path,
			strerror(errno));
		return 1;
	}
	int err = acc_generate(&run, out);

	if (fclose(out) != 0 && !err)
		err = -EIO;
	if (err) {
		fprintf(stderr, "accuracy-model: %s: %s\n", path,
			strerror(-err));
		return 1;
	}
	return 0;
}
