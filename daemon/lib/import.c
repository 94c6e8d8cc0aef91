// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Format detection, line splitting and strict number parsing shared by
 * the importers.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

const char *const fs_format_names[4] = { "auto", "footsock", "moticon", "gaitpdb" };

int fs_format_parse(const char *name, enum fs_format *fmt)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (!strcmp(name, fs_format_names[i])) {
			*fmt = (enum fs_format)i;
			return 0;
		}
	}
	return -EINVAL;
}

static int has_prefix(const char *s, size_t len, const char *pre)
{
	size_t n = strlen(pre);

	return len >= n && !memcmp(s, pre, n);
}

enum fs_format fs_format_detect(const char *line, size_t len)
{
	struct fs_fields f;

	if (has_prefix(line, len, "# footsock recording") ||
	    has_prefix(line, len, "time_s,foot,"))
		return FS_FMT_FOOTSOCK;
	if (has_prefix(line, len, "# Start time:") ||
	    has_prefix(line, len, "# time\tleft pressure"))
		return FS_FMT_MOTICON;
	fs_split(line, len, '\t', &f);
	if (f.n == 19)
		return FS_FMT_GAITPDB;
	return FS_FMT_AUTO;
}

void fs_import_init(struct fs_import *im, enum fs_format fmt)
{
	memset(im, 0, sizeof(*im));
	im->fmt = fmt;
}

void fs_split(const char *line, size_t len, char sep, struct fs_fields *f)
{
	size_t i, start = 0;

	f->n = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && line[i] != sep)
			continue;
		if (f->n < 64) {
			f->s[f->n] = line + start;
			f->len[f->n] = i - start;
		}
		f->n++;
		start = i + 1;
	}
}

int fs_import_error(struct fs_import *im, int col, int err, const char *fmt, ...)
{
	va_list ap;

	im->err_col = col;
	va_start(ap, fmt);
	vsnprintf(im->err, sizeof(im->err), fmt, ap);
	va_end(ap);
	return err;
}

/*
 * The common case, [-]digits[.digits] with at most 15 digits: exact, as
 * the quotient of two exactly representable numbers is correctly rounded
 * (same result as strtod). Returns false to fall back to strtod.
 */
static bool fast_decimal(const char *s, size_t n, double *v)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
		1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	unsigned long long m = 0;
	int digits = 0, frac = -1;
	bool neg = false;
	size_t i = 0;

	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		i++;
	}
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			m = m * 10 + (unsigned long long)(s[i] - '0');
			if (++digits > 15)
				return false;
			if (frac >= 0)
				frac++;
		} else if (s[i] == '.' && frac < 0) {
			frac = 0;
		} else {
			return false;
		}
	}
	if (!digits)
		return false;
	*v = (double)m / pow10[frac > 0 ? frac : 0];
	if (neg)
		*v = -*v;
	return true;
}

/*
 * Field i (0-based) as a finite number; an empty field is NAN. Returns 0,
 * or -EINVAL with the error set.
 */
int fs_field_number(struct fs_import *im, const struct fs_fields *f, int i,
		    double *v)
{
	char buf[48], *end;
	size_t n = f->len[i];
	const char *s = f->s[i];

	while (n && (*s == ' ')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	if (!n) {
		*v = NAN;
		return 0;
	}
	if (fast_decimal(s, n, v))
		return 0;
	if (n >= sizeof(buf))
		return fs_import_error(im, i + 1, -EINVAL, "number too long");
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	if (end != buf + n || errno == ERANGE || !isfinite(*v))
		return fs_import_error(im, i + 1, -EINVAL, "not a number: '%s'", buf);
	return 0;
}

/* Times are finite, >= 0 and non-decreasing per foot. */
int fs_import_time(struct fs_import *im, int foot, double t, int col)
{
	if (isnan(t))
		return fs_import_error(im, col, -EINVAL, "missing time");
	if (t < 0.0)
		return fs_import_error(im, col, -EINVAL, "negative time %g", t);
	if (im->have_t[foot] && t < im->last_t[foot])
		return fs_import_error(im, col, -EINVAL,
				       "time goes back (%g after %g)", t,
				       im->last_t[foot]);
	im->have_t[foot] = 1;
	im->last_t[foot] = t;
	if (!im->have_time) {
		im->first_t = t;
		im->end_t = t;
		im->have_time = 1;
	}
	if (t < im->first_t)
		im->first_t = t;
	if (t > im->end_t)
		im->end_t = t;
	return 0;
}

int fs_import_line(struct fs_import *im, const char *line, size_t len,
		   struct fs_frame out[2])
{
	im->line++;
	im->err_col = 0;
	im->err[0] = '\0';
	if (len > FS_MAX_LINE)
		return fs_import_error(im, 0, -E2BIG, "line longer than %d bytes",
				       FS_MAX_LINE);
	if (memchr(line, '\0', len))
		return fs_import_error(im, 0, -EINVAL, "binary data (NUL byte)");
	if (len && line[len - 1] == '\r')
		len--;
	if (im->fmt == FS_FMT_AUTO) {
		if (!len)
			return 0;
		im->fmt = fs_format_detect(line, len);
		if (im->fmt == FS_FMT_AUTO)
			return fs_import_error(im, 0, -EINVAL,
					       "unknown format (not footsock v1, Moticon or gaitpdb)");
	}
	switch (im->fmt) {
	case FS_FMT_FOOTSOCK:
		return fs_footsock_line(im, line, len, out);
	case FS_FMT_MOTICON:
		return fs_moticon_line(im, line, len, out);
	case FS_FMT_GAITPDB:
		return fs_gaitpdb_line(im, line, len, out);
	default:
		return -EINVAL;
	}
}

int fs_import_last_line(struct fs_import *im, const char *line, size_t len,
			struct fs_frame out[2])
{
	struct fs_import before = *im;
	int r;

	r = fs_import_line(im, line, len, out);
	if (r == 0 || (r > 0 && im->fmt != FS_FMT_FOOTSOCK))
		return r;
	/* Torn: as if the line had not been there, but counted and said. */
	if (r > 0)
		fs_import_error(im, 0, 0, "no newline at the end of the row");
	before.line = im->line;
	before.err_col = im->err_col;
	memcpy(before.err, im->err, sizeof(before.err));
	*im = before;
	im->torn = 1;
	return 0;
}
