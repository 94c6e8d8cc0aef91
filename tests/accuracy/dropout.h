/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Gaps in the data: rows of one foot or both missing for 50 ms to 15 s
 * (USB trouble, a sock reconnecting), and single missing values (empty
 * fields).
 */
#ifndef ACC_DROPOUT_H
#define ACC_DROPOUT_H

#include <stdbool.h>

#include "rng.h"

#define ACC_MAX_GAPS 8

struct acc_dropout {
	int n;
	double start[ACC_MAX_GAPS], end[ACC_MAX_GAPS];
	unsigned mask[ACC_MAX_GAPS];	/* bit 0 left, bit 1 right */
	double value_p;			/* one value missing, probability */
};

void acc_dropout_init(struct acc_dropout *d, double duration_s,
		      struct acc_rng *rng);
/* No row for foot f at t. */
bool acc_dropout_row(const struct acc_dropout *d, int f, double t);
/* This value is missing (an empty field). */
bool acc_dropout_value(const struct acc_dropout *d, struct acc_rng *rng);

#endif
