// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Moticon OpenGo text export: '#' metadata lines, the last of which names
 * the 53 tab-separated columns: time, then per side (left, right) 16
 * pressures [N/cm2], acceleration XYZ, angular rate XYZ, total force [N],
 * centre of pressure XY; then two step counters. Empty fields are missing;
 * a side whose 16 pressures are all empty has no frame on that line.
 *
 * The insole's 16 sensors are all plantar, and their positions do not map
 * one to one onto footsock's zones: the frame carries the insole's total
 * force (N; the pressure sum in kPa if that column is empty) as the gait
 * load and no zone pressures (docs/analysis.md).
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "import.h"

#define MOTICON_COLUMNS 53
#define MOTICON_SIDE 25		/* columns per side */
#define NCM2_TO_KPA 10.0

int fs_moticon_line(struct fs_import *im, const char *line, size_t len,
		    struct fs_frame out[2])
{
	static const char head[] = "# time\tleft pressure 1";
	struct fs_fields f;
	double t, v, sum;
	int foot, i, r, n, mask = 0;

	if (!len)
		return 0;
	if (line[0] == '#') {
		if (len >= sizeof(head) - 1 && !memcmp(line, head, sizeof(head) - 1)) {
			fs_split(line, len, '\t', &f);
			if (f.n != MOTICON_COLUMNS)
				return fs_import_error(im, 0, -EINVAL,
						       "Moticon header: expected %d columns, got %d",
						       MOTICON_COLUMNS, f.n);
			im->header_seen = 1;
		}
		return 0;
	}
	if (!im->header_seen)
		return fs_import_error(im, 0, -EINVAL,
				       "data before the Moticon column header ('# time\\tleft pressure 1...')");
	fs_split(line, len, '\t', &f);
	if (f.n != MOTICON_COLUMNS)
		return fs_import_error(im, f.n < MOTICON_COLUMNS ? f.n : MOTICON_COLUMNS + 1,
				       -EINVAL, "expected %d columns, got %d",
				       MOTICON_COLUMNS, f.n);
	r = fs_field_number(im, &f, 0, &t);
	if (r < 0)
		return r;
	for (foot = 0; foot < 2; foot++) {
		struct fs_frame *fr = &out[foot];
		int base = 1 + foot * MOTICON_SIDE;

		fs_frame_clear(fr);
		sum = 0.0;
		n = 0;
		for (i = 0; i < 16; i++) {
			r = fs_field_number(im, &f, base + i, &v);
			if (r < 0)
				return r;
			if (isnan(v))
				continue;
			if (v < -10.0 || v > 1000.0)
				return fs_import_error(im, base + i + 1, -ERANGE,
						       "pressure %g N/cm2 out of range", v);
			sum += v * NCM2_TO_KPA;
			n++;
		}
		if (!n)
			continue;
		/* the insole's own total force is the gait load when given */
		r = fs_field_number(im, &f, base + 22, &v);
		if (r < 0)
			return r;
		if (!isnan(v))
			sum = v;
		r = fs_import_time(im, foot, t, 1);
		if (r < 0)
			return r;
		fr->t = t;
		fr->load = (float)sum;
		mask |= 1 << foot;
	}
	return mask;
}
