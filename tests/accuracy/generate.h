/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One recording of the model, sample by sample, as recording v1. */
#ifndef ACC_GENERATE_H
#define ACC_GENERATE_H

#include <stdio.h>

#include "model.h"

/* Returns 0, -EINVAL (bad run) or -EIO. */
int acc_generate(const struct acc_run *run, FILE *out);

#endif
