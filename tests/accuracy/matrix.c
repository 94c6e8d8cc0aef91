// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * 6 runners x (6 causes x 2 feet + 2 healthy runs) = 84 recordings of
 * 11 minutes. The onset is drawn from 240-330 s: after the walking
 * warm-up and the first minutes of running (the analysis' own baseline
 * ends at 240 s), leaving more than 5 minutes to reach a warning.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "matrix.h"
#include "rng.h"
#include "runner.h"

#define PER_RUNNER ((ACC_NCAUSES - 1) * 2 + ACC_HEALTHY_RUNS)

int acc_matrix_count(void)
{
	return ACC_NRUNNERS * PER_RUNNER;
}

int acc_matrix_get(int index, struct acc_run *run)
{
	struct acc_runner r;
	struct acc_rng rng;

	if (index < 0 || index >= acc_matrix_count())
		return -EINVAL;
	int ri = index / PER_RUNNER, k = index % PER_RUNNER;

	acc_runner_get(ri, &r);
	*run = (struct acc_run){
		.runner = ri,
		.seed = 1000003u * (uint64_t)(index + 1),
		.duration_s = ACC_DURATION_S,
		.rate_hz = r.rate_hz,
	};
	acc_rng_seed(&rng, run->seed ^ 0x0a5e7ULL);
	if (k < (ACC_NCAUSES - 1) * 2) {
		run->cause = (enum acc_cause)(1 + k / 2);
		run->foot = k % 2;
		run->onset_s = 240.0 + 90.0 * acc_rng_uniform(&rng);
		snprintf(run->name, sizeof(run->name), "%s_%s_%s", r.id,
			 acc_cause_names[run->cause],
			 run->foot ? "right" : "left");
	} else {
		run->cause = ACC_HEALTHY;
		run->foot = -1;
		run->onset_s = -1.0;
		snprintf(run->name, sizeof(run->name), "%s_healthy_%d", r.id,
			 k - (ACC_NCAUSES - 1) * 2 + 1);
	}
	return 0;
}

int acc_matrix_find(const char *name, struct acc_run *run)
{
	for (int i = 0; i < acc_matrix_count(); i++) {
		acc_matrix_get(i, run);
		if (strcmp(run->name, name) == 0)
			return 0;
	}
	return -ENOENT;
}
