// SPDX-License-Identifier: GPL-2.0-or-later
/* Parsing the TIME of `footsockctl events --since` (see since.h). */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "since.h"

#define USEC_PER_SEC 1000000ULL

/* Digits, optionally ".digits": seconds as microseconds. */
static int parse_seconds(const char *s, const char **end, uint64_t *usec)
{
	uint64_t sec = 0, frac = 0, scale = USEC_PER_SEC;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	for (; isdigit((unsigned char)*s); s++) {
		if (sec > (UINT64_MAX / USEC_PER_SEC - 9) / 10)
			return -ERANGE;
		sec = sec * 10 + (uint64_t)(*s - '0');
	}
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return -EINVAL;
		for (; isdigit((unsigned char)*s); s++) {
			if (scale > 1) {
				scale /= 10;
				frac += (uint64_t)(*s - '0') * scale;
			}
		}
	}
	*end = s;
	*usec = sec * USEC_PER_SEC + frac;
	return 0;
}

static const struct {
	const char *name;
	uint64_t usec;
} units[] = {
	{ "s", USEC_PER_SEC }, { "sec", USEC_PER_SEC },
	{ "second", USEC_PER_SEC }, { "seconds", USEC_PER_SEC },
	{ "m", 60 * USEC_PER_SEC }, { "min", 60 * USEC_PER_SEC },
	{ "mins", 60 * USEC_PER_SEC }, { "minute", 60 * USEC_PER_SEC },
	{ "minutes", 60 * USEC_PER_SEC },
	{ "h", 3600 * USEC_PER_SEC }, { "hour", 3600 * USEC_PER_SEC },
	{ "hours", 3600 * USEC_PER_SEC },
	{ "d", 86400 * USEC_PER_SEC }, { "day", 86400 * USEC_PER_SEC },
	{ "days", 86400 * USEC_PER_SEC },
};

/* "-10min", "10 min ago", "-2h", "30s ago". */
static int parse_relative(const char *s, uint64_t now, uint64_t *out)
{
	bool minus = *s == '-', ago = false;
	uint64_t n, mult = 0;
	const char *p, *unit;
	size_t len, i;
	int r;

	if (minus)
		s++;
	r = parse_seconds(s, &p, &n);	/* the count; "1.5h" allowed */
	if (r < 0)
		return r;
	while (*p == ' ')
		p++;
	unit = p;
	while (isalpha((unsigned char)*p))
		p++;
	len = (size_t)(p - unit);
	while (*p == ' ')
		p++;
	if (!strcmp(p, "ago"))
		ago = true;
	else if (*p)
		return -EINVAL;
	/* Exactly one of "-" and "ago": "-10 min ago" is not a time. */
	if (minus == ago)
		return -EINVAL;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].name) == len &&
		    !strncasecmp(unit, units[i].name, len))
			mult = units[i].usec;
	if (!mult)
		return -EINVAL;
	/* n is the count in microseconds: scale by the unit in seconds. */
	mult /= USEC_PER_SEC;
	if (n > UINT64_MAX / mult)
		return -ERANGE;
	n *= mult;
	if (n > now)
		return -ERANGE;
	*out = now - n;
	return 0;
}

static int two_digits(const char *s, int *v)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -EINVAL;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][Z|(+|-)HH[:]MM] */
static int parse_iso(const char *s, uint64_t *out)
{
	struct tm tm = { 0 };
	int year, mon, day, hh = 0, mm = 0, off_h, off_m, n = 0;
	uint64_t sec_usec = 0, frac = 0;
	bool utc = false, seconds = false;
	long offset = 0;
	time_t t;

	if (sscanf(s, "%4d-%2d-%2d%n", &year, &mon, &day, &n) != 3 || n != 10)
		return -EINVAL;
	s += n;
	if (*s == 'T' || *s == ' ') {
		s++;
		if (two_digits(s, &hh) || s[2] != ':' || two_digits(s + 3, &mm))
			return -EINVAL;
		s += 5;
		if (*s == ':') {
			int ss;

			seconds = true;
			if (two_digits(s + 1, &ss))
				return -EINVAL;
			sec_usec = (uint64_t)ss * USEC_PER_SEC;
			s += 3;
		}
		if (*s == '.' && seconds) {
			uint64_t scale = USEC_PER_SEC;

			if (!isdigit((unsigned char)*++s))
				return -EINVAL;
			for (; isdigit((unsigned char)*s); s++)
				if (scale > 1) {
					scale /= 10;
					sec_usec += (uint64_t)(*s - '0') * scale;
				}
		}
	}
	if (*s == 'Z') {
		utc = true;
		s++;
	} else if (*s == '+' || *s == '-') {
		int sign = *s == '-' ? -1 : 1;

		if (two_digits(s + 1, &off_h))
			return -EINVAL;
		s += 3;
		if (*s == ':')
			s++;
		if (two_digits(s, &off_m))
			return -EINVAL;
		s += 2;
		if (off_h > 14 || off_m > 59)
			return -EINVAL;
		utc = true;
		offset = sign * (off_h * 3600L + off_m * 60L);
	}
	if (*s)
		return -EINVAL;
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || hh > 23 || mm > 59 ||
	    sec_usec >= 61 * USEC_PER_SEC)
		return -EINVAL;
	frac = sec_usec % USEC_PER_SEC;
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = (int)(sec_usec / USEC_PER_SEC);
	tm.tm_isdst = -1;
	t = utc ? timegm(&tm) : mktime(&tm);
	/* mktime/timegm normalise: 2026-02-31 would become March. */
	if (t == (time_t)-1 || tm.tm_mday != day || tm.tm_mon != mon - 1)
		return -EINVAL;
	t -= offset;
	if (t < 0)
		return -ERANGE;
	*out = (uint64_t)t * USEC_PER_SEC + frac;
	return 0;
}

int ctl_parse_since(const char *s, uint64_t now_usec, uint64_t *out_usec)
{
	const char *end;
	uint64_t v;
	int r;

	if (!s || !*s)
		return -EINVAL;
	if (!strcmp(s, "now")) {
		*out_usec = now_usec;
		return 0;
	}
	if (*s == '@') {
		r = parse_seconds(s + 1, &end, &v);
		if (r < 0)
			return r;
		if (*end)
			return -EINVAL;
		*out_usec = v;
		return 0;
	}
	if (isdigit((unsigned char)s[0]) && strlen(s) >= 10 && s[4] == '-')
		return parse_iso(s, out_usec);
	return parse_relative(s, now_usec, out_usec);
}
