// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PhysioNet gaitpdb: 19 tab-separated columns, 100 Hz: time, 8 sensor
 * forces (N) per foot, then the total force of each foot. Force is not
 * pressure (no sensor area is given): the frames carry the total force as
 * the gait load and no pressures, so pressure-based indices stay null.
 */
#include <errno.h>
#include <math.h>

#include "import.h"

#define GAITPDB_COLUMNS 19

int fs_gaitpdb_line(struct fs_import *im, const char *line, size_t len,
		    struct fs_frame out[2])
{
	struct fs_fields f;
	double v[GAITPDB_COLUMNS];
	int i, r, foot;

	if (!len)
		return 0;
	fs_split(line, len, '\t', &f);
	if (f.n == 1)
		fs_split(line, len, ' ', &f);
	if (f.n != GAITPDB_COLUMNS)
		return fs_import_error(im, f.n < GAITPDB_COLUMNS ? f.n : GAITPDB_COLUMNS + 1,
				       -EINVAL, "expected %d tab-separated columns, got %d",
				       GAITPDB_COLUMNS, f.n);
	for (i = 0; i < GAITPDB_COLUMNS; i++) {
		r = fs_field_number(im, &f, i, &v[i]);
		if (r < 0)
			return r;
		if (i && isnan(v[i]))
			return fs_import_error(im, i + 1, -EINVAL, "empty field");
		if (i && (v[i] < -5000.0 || v[i] > 20000.0))
			return fs_import_error(im, i + 1, -ERANGE,
					       "force %g N out of range", v[i]);
	}
	for (foot = 0; foot < 2; foot++) {
		r = fs_import_time(im, foot, v[0], 1);
		if (r < 0)
			return r;
		fs_frame_clear(&out[foot]);
		out[foot].t = v[0];
		out[foot].load = (float)v[17 + foot];
	}
	return 1 << FS_LEFT | 1 << FS_RIGHT;
}
