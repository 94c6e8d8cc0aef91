// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <inttypes.h>
#include <math.h>

#include "writer.h"

int acc_write_header(FILE *out, const struct acc_run *run)
{
	/* The planted cause is not written: the truth is in the manifest,
	 * the recording is what a sock would send. */
	fprintf(out, "# footsock recording v1\n# subject=%s\n# rate_hz=%g\n"
		     "# started=2026-11-30T08:00:00Z\n"
		     "# generator=tests/accuracy\n# seed=%" PRIu64 "\ntime_s,foot",
		run->name, run->rate_hz, run->seed);
	for (int z = 0; z < ACC_NZONES; z++)
		fprintf(out, ",p_%s", acc_zone_names[z]);
	for (int k = 0; k < ACC_NTEMPS; k++)
		fprintf(out, ",t_%s", acc_temp_names[k]);
	return fputc('\n', out) == EOF ? -EIO : 0;
}

static void field(FILE *out, double v)
{
	if (isnan(v))
		fputc(',', out);
	else
		fprintf(out, ",%.2f", v);
}

int acc_write_row(FILE *out, double t, int foot, const double p[ACC_NZONES],
		  const double temp[ACC_NTEMPS])
{
	fprintf(out, "%.3f,%s", t, foot ? "right" : "left");
	for (int z = 0; z < ACC_NZONES; z++)
		field(out, p[z]);
	for (int k = 0; k < ACC_NTEMPS; k++)
		field(out, temp[k]);
	return fputc('\n', out) == EOF ? -EIO : 0;
}
