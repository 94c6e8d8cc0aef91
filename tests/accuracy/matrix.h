/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The runs of `make accuracy`: every cause on each foot of every runner
 * (the other foot healthy), and two healthy runs per runner.
 */
#ifndef ACC_MATRIX_H
#define ACC_MATRIX_H

#include "model.h"

#define ACC_DURATION_S 660.0
#define ACC_HEALTHY_RUNS 2

int acc_matrix_count(void);
/* Fills *run for index 0..count-1; -EINVAL otherwise. */
int acc_matrix_get(int index, struct acc_run *run);
/* A run of the matrix by name; -ENOENT if none. */
int acc_matrix_find(const char *name, struct acc_run *run);

#endif
