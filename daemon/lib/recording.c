// SPDX-License-Identifier: GPL-2.0-or-later
/* footsock recording format v1 (CONTRACT.md): reader and row writer. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

const char fs_rec_header[] =
	"time_s,foot,p_hallux,p_toes,p_met1,p_met2,p_met3_4,p_met5,p_arch,"
	"p_midfoot_lat,p_heel_med,p_heel_lat,p_dorsum,p_toebox_top,"
	"p_toebox_med,p_toebox_lat,p_tarsal_tunnel,p_cuff,t_toe,t_forefoot,"
	"t_dorsum,t_heel,t_ankle,t_shoe";

static void metadata(struct fs_import *im, const char *s, size_t len)
{
	char buf[96];
	const char *eq;

	/* "# key=value"; unknown keys are kept by nobody and ignored */
	if (len < 3 || s[1] != ' ')
		return;
	s += 2;
	len -= 2;
	eq = memchr(s, '=', len);
	if (!eq)
		return;
	if (eq - s == 7 && !memcmp(s, "rate_hz", 7)) {
		size_t n = len - (size_t)(eq + 1 - s);

		if (n < sizeof(buf)) {
			char *end;
			double v;

			memcpy(buf, eq + 1, n);
			buf[n] = '\0';
			v = strtod(buf, &end);
			if (end != buf && isfinite(v) && v > 0.0)
				im->rate_hz = v;
		}
	} else if (eq - s == 7 && !memcmp(s, "subject", 7)) {
		size_t n = len - (size_t)(eq + 1 - s);

		if (n >= sizeof(im->subject))
			n = sizeof(im->subject) - 1;
		memcpy(im->subject, eq + 1, n);
		im->subject[n] = '\0';
	}
}

int fs_footsock_line(struct fs_import *im, const char *line, size_t len,
		     struct fs_frame out[2])
{
	struct fs_fields f;
	struct fs_frame *fr;
	double v;
	int foot, i, r;

	if (!len)
		return 0;
	if (line[0] == '#') {
		metadata(im, line, len);
		return 0;
	}
	if (!im->header_seen) {
		if (len != strlen(fs_rec_header) || memcmp(line, fs_rec_header, len)) {
			fs_split(line, len, ',', &f);
			if (f.n != FS_REC_COLUMNS)
				return fs_import_error(im, 0, -EINVAL,
						       "header row: expected %d columns, got %d",
						       FS_REC_COLUMNS, f.n);
			return fs_import_error(im, 0, -EINVAL,
					       "header row: columns differ from recording v1");
		}
		im->header_seen = 1;
		return 0;
	}
	fs_split(line, len, ',', &f);
	if (f.n != FS_REC_COLUMNS)
		return fs_import_error(im, f.n < FS_REC_COLUMNS ? f.n : FS_REC_COLUMNS + 1,
				       -EINVAL, "expected %d columns, got %d%s",
				       FS_REC_COLUMNS, f.n,
				       f.n < FS_REC_COLUMNS ? " (truncated line?)" : "");
	if (f.len[1] == 4 && !memcmp(f.s[1], "left", 4))
		foot = FS_LEFT;
	else if (f.len[1] == 5 && !memcmp(f.s[1], "right", 5))
		foot = FS_RIGHT;
	else
		return fs_import_error(im, 2, -EINVAL, "foot must be 'left' or 'right'");
	fr = &out[foot];
	fs_frame_clear(fr);
	r = fs_field_number(im, &f, 0, &v);
	if (r < 0)
		return r;
	r = fs_import_time(im, foot, v, 1);
	if (r < 0)
		return r;
	fr->t = v;
	for (i = 0; i < FS_NZONES + FS_NTEMPS; i++) {
		r = fs_field_number(im, &f, 2 + i, &v);
		if (r < 0)
			return r;
		/*
		 * What a sock can send, faulty or not (footsockd records
		 * it as it came); what no foot produces is the analysis'
		 * to screen (docs/analysis.md, "Sensor faults").
		 */
		if (i < FS_NZONES) {
			if (v < -1e6 || v > 1e6)
				return fs_import_error(im, 3 + i, -ERANGE,
						       "pressure %g kPa out of range", v);
			fr->p[i] = (float)v;
		} else {
			if (v < -1000.0 || v > 1000.0)
				return fs_import_error(im, 3 + i, -ERANGE,
						       "temperature %g degC out of range", v);
			fr->temp[i - FS_NZONES] = (float)v;
		}
	}
	return 1 << foot;
}

int fs_rec_format_row(char *buf, size_t n, enum fs_foot_side foot,
		      const struct fs_frame *fr)
{
	size_t off;
	int i, r;

	r = snprintf(buf, n, "%.3f,%s", fr->t, foot == FS_LEFT ? "left" : "right");
	if (r < 0)
		return r;
	off = (size_t)r;
	for (i = 0; i < FS_NZONES + FS_NTEMPS; i++) {
		float v = i < FS_NZONES ? fr->p[i] : fr->temp[i - FS_NZONES];

		if (isnan(v))
			r = snprintf(buf + (off < n ? off : n), off < n ? n - off : 0, ",");
		else
			r = snprintf(buf + (off < n ? off : n), off < n ? n - off : 0,
				     ",%.2f", v);
		if (r < 0)
			return r;
		off += (size_t)r;
	}
	return (int)off;
}
