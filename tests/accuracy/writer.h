/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Recording format v1 (CONTRACT.md): metadata, header, one row a frame. */
#ifndef ACC_WRITER_H
#define ACC_WRITER_H

#include <stdio.h>

#include "model.h"

/* Returns 0 or -EIO. */
int acc_write_header(FILE *out, const struct acc_run *run);
/* NAN values are written as empty fields. */
int acc_write_row(FILE *out, double t, int foot, const double p[ACC_NZONES],
		  const double temp[ACC_NTEMPS]);

#endif
