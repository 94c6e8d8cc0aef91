// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: reader of recordings v1.
 *
 * Reads line by line (a 60-minute recording at 1000 Hz is ~100 MB), keeps
 * the rows of one foot, and parses numbers with a fast exact path for the
 * plain decimals recordings hold (strtod for anything else).
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu.h"
#include "replay.h"

#define NCOLS		(2 + EMU_NP + EMU_NT)
#define MAX_META	64

const char emu_recording_header[] =
	"time_s,foot,p_hallux,p_toes,p_met1,p_met2,p_met3_4,p_met5,p_arch,"
	"p_midfoot_lat,p_heel_med,p_heel_lat,p_dorsum,p_toebox_top,"
	"p_toebox_med,p_toebox_lat,p_tarsal_tunnel,p_cuff,t_toe,t_forefoot,"
	"t_dorsum,t_heel,t_ankle,t_shoe";

struct replay {
	FILE *f;
	char *path;
	char *line;
	size_t cap;
	unsigned long lineno;
	int foot;
	double rate;
	char *meta_key[MAX_META];
	char *meta_val[MAX_META];
	int nmeta;
	/* rows read ahead by replay_open and replay_at */
	struct replay_row ahead[2];
	int nahead;
	/* replay_at's state */
	bool started;
	double t0;
	struct replay_row cur, next;
	bool have_next;
	char err[256];
};

static const double pow10_tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
};

/*
 * A number filling [s, end). Plain decimals of up to 15 digits are
 * converted exactly (one correctly rounded division); others by strtod.
 */
static int parse_number(const char *s, const char *end, double *out)
{
	const char *p = s;
	bool neg = false, dot = false;
	uint64_t mant = 0;
	int digits = 0, frac = 0;
	char buf[64], *stop;
	size_t n;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			if (digits == 15)
				goto slow;
			mant = mant * 10 + (uint64_t)(*p - '0');
			digits++;
			if (dot)
				frac++;
		} else if (*p == '.' && !dot) {
			dot = true;
		} else {
			goto slow;
		}
	}
	if (!digits)
		return -EINVAL;
	*out = (double)mant / pow10_tab[frac];
	if (neg)
		*out = -*out;
	return 0;
slow:
	n = (size_t)(end - s);
	if (n == 0 || n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*out = strtod(buf, &stop);
	if (errno || *stop || stop == buf || !isfinite(*out))
		return -EINVAL;
	return 0;
}

int replay_parse_row(char *line, struct replay_row *row, char *err,
		     size_t errlen)
{
	const char *field[NCOLS];
	const char *fend[NCOLS];
	char *p = line;
	int n = 0, i;

	for (;;) {
		char *c = strchr(p, ',');

		if (n == NCOLS) {
			emu_set_err(err, errlen, "more than %d fields", NCOLS);
			return -EINVAL;
		}
		field[n] = p;
		fend[n] = c ? c : p + strlen(p);
		n++;
		if (!c)
			break;
		p = c + 1;
	}
	if (n != NCOLS) {
		emu_set_err(err, errlen, "%d fields, expected %d", n, NCOLS);
		return -EINVAL;
	}
	if (parse_number(field[0], fend[0], &row->time_s) < 0) {
		emu_set_err(err, errlen, "time_s is not a number");
		return -EINVAL;
	}
	if (fend[1] - field[1] == 4 && !strncmp(field[1], "left", 4)) {
		row->foot = FOOTSOCK_FOOT_LEFT;
	} else if (fend[1] - field[1] == 5 && !strncmp(field[1], "right", 5)) {
		row->foot = FOOTSOCK_FOOT_RIGHT;
	} else {
		emu_set_err(err, errlen, "foot is neither left nor right");
		return -EINVAL;
	}
	row->missing = 0;
	for (i = 0; i < EMU_NP + EMU_NT; i++) {
		const char *s = field[2 + i], *e = fend[2 + i];
		double *v = i < EMU_NP ? &row->pressure_kpa[i] :
					 &row->temp_c[i - EMU_NP];

		if (s == e) {
			row->missing |= i < EMU_NP ? FOOTSOCK_FAULT_PRESSURE(i) :
					FOOTSOCK_FAULT_TEMP(i - EMU_NP);
			*v = 0.0;
			continue;
		}
		if (parse_number(s, e, v) < 0) {
			emu_set_err(err, errlen, "column %d (%s%s) is not a number",
				i + 3, i < EMU_NP ? "p_" : "t_",
				i < EMU_NP ? emu_pressure_label[i] :
					     emu_temp_label[i - EMU_NP]);
			return -EINVAL;
		}
	}
	return 0;
}

/* The next line without its line end, or NULL at the end of the file. */
static char *next_line(struct replay *r)
{
	ssize_t len = getline(&r->line, &r->cap, r->f);

	if (len < 0)
		return NULL;
	r->lineno++;
	while (len > 0 && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
		r->line[--len] = '\0';
	return r->line;
}

static int read_row(struct replay *r, struct replay_row *row)
{
	char msg[128];
	char *line;

	for (;;) {
		line = next_line(r);
		if (!line) {
			if (ferror(r->f)) {
				emu_set_err(r->err, sizeof(r->err), "%s: %s", r->path,
					strerror(errno));
				return -EIO;
			}
			return 0;
		}
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (replay_parse_row(line, row, msg, sizeof(msg)) < 0) {
			emu_set_err(r->err, sizeof(r->err), "%s:%lu: %s", r->path,
				r->lineno, msg);
			return -EINVAL;
		}
		if (row->foot == r->foot)
			return 1;
	}
}

int replay_next_row(struct replay *r, struct replay_row *row)
{
	if (r->nahead) {
		*row = r->ahead[0];
		r->ahead[0] = r->ahead[1];
		r->nahead--;
		return 1;
	}
	return read_row(r, row);
}

static int add_meta(struct replay *r, const char *kv)
{
	const char *eq = strchr(kv, '=');

	if (!eq || r->nmeta == MAX_META)
		return 0;
	r->meta_key[r->nmeta] = strndup(kv, (size_t)(eq - kv));
	r->meta_val[r->nmeta] = strdup(eq + 1);
	if (!r->meta_key[r->nmeta] || !r->meta_val[r->nmeta]) {
		free(r->meta_key[r->nmeta]);
		free(r->meta_val[r->nmeta]);
		return -ENOMEM;
	}
	r->nmeta++;
	return 0;
}

const char *replay_meta(const struct replay *r, const char *key)
{
	int i;

	for (i = 0; i < r->nmeta; i++)
		if (!strcmp(r->meta_key[i], key))
			return r->meta_val[i];
	return NULL;
}

double replay_rate(const struct replay *r)
{
	return r->rate;
}

const char *replay_error(const struct replay *r)
{
	return r->err;
}

void replay_close(struct replay *r)
{
	int i;

	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	for (i = 0; i < r->nmeta; i++) {
		free(r->meta_key[i]);
		free(r->meta_val[i]);
	}
	free(r->line);
	free(r->path);
	free(r);
}

static int read_header(struct replay *r, char *err, size_t errlen)
{
	bool magic = false;
	char *line;
	int ret;

	while ((line = next_line(r))) {
		if (line[0] == '\0')
			continue;
		if (line[0] == '#') {
			const char *kv = line + 1;

			while (*kv == ' ')
				kv++;
			if (!strcmp(kv, "footsock recording v1"))
				magic = true;
			ret = add_meta(r, kv);
			if (ret < 0) {
				emu_set_err(err, errlen, "%s: out of memory", r->path);
				return ret;
			}
			continue;
		}
		if (strcmp(line, emu_recording_header)) {
			emu_set_err(err, errlen,
				"%s:%lu: not a footsock recording v1 header row%s",
				r->path, r->lineno,
				magic ? "" : " (and no '# footsock recording v1' line)");
			return -EINVAL;
		}
		return 0;
	}
	emu_set_err(err, errlen, "%s: no header row (not a footsock recording v1)",
		r->path);
	return -EINVAL;
}

int replay_open(struct replay **rp, const char *path, int foot,
		char *err, size_t errlen)
{
	FILE *f;

	*rp = NULL;
	f = fopen(path, "r");
	if (!f) {
		int ret = -errno;

		emu_set_err(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return ret;
	}
	return replay_open_file(rp, f, path, foot, err, errlen);
}

int replay_open_file(struct replay **rp, FILE *f, const char *path, int foot,
		     char *err, size_t errlen)
{
	struct replay *r;
	const char *rate;
	char *end;
	int ret;

	*rp = NULL;
	r = calloc(1, sizeof(*r));
	if (!r) {
		fclose(f);
		emu_set_err(err, errlen, "out of memory");
		return -ENOMEM;
	}
	r->f = f;
	r->foot = foot;
	r->path = strdup(path);
	if (!r->path) {
		ret = -ENOMEM;
		emu_set_err(err, errlen, "out of memory");
		goto fail;
	}
	ret = read_header(r, err, errlen);
	if (ret < 0)
		goto fail;

	for (r->nahead = 0; r->nahead < 2; r->nahead++) {
		ret = read_row(r, &r->ahead[r->nahead]);
		if (ret < 0) {
			emu_set_err(err, errlen, "%s", r->err);
			goto fail;
		}
		if (ret == 0)
			break;
	}
	if (r->nahead == 0) {
		ret = -ENODATA;
		emu_set_err(err, errlen, "%s has no rows for the %s foot%s", path,
			emu_foot_name(foot), " (see --foot)");
		goto fail;
	}

	rate = replay_meta(r, "rate_hz");
	if (rate) {
		errno = 0;
		r->rate = strtod(rate, &end);
		if (errno || *end || !(r->rate > 0.0) || !isfinite(r->rate)) {
			ret = -EINVAL;
			emu_set_err(err, errlen, "%s: bad rate_hz=%s", path, rate);
			goto fail;
		}
	} else if (r->nahead == 2 && r->ahead[1].time_s > r->ahead[0].time_s) {
		r->rate = 1.0 / (r->ahead[1].time_s - r->ahead[0].time_s);
		r->rate = r->rate > 10.0 ? round(r->rate) : r->rate;
	} else {
		ret = -EINVAL;
		emu_set_err(err, errlen,
			"%s: no '# rate_hz=' line and too few rows to infer the rate",
			path);
		goto fail;
	}
	*rp = r;
	return 0;
fail:
	replay_close(r);
	return ret;
}

int replay_at(struct replay *r, double t, struct replay_row *row)
{
	double half = 0.5 / r->rate;
	double target;
	int ret;

	if (!r->started) {
		ret = replay_next_row(r, &r->cur);
		if (ret <= 0)
			return ret;
		r->t0 = r->cur.time_s;
		ret = replay_next_row(r, &r->next);
		if (ret < 0)
			return ret;
		r->have_next = ret > 0;
		r->started = true;
	}
	target = r->t0 + t;
	while (r->have_next && r->next.time_s < target + half - 1e-9) {
		r->cur = r->next;
		ret = replay_next_row(r, &r->next);
		if (ret < 0)
			return ret;
		r->have_next = ret > 0;
	}
	/* the last row lasts one period of the recording */
	if (!r->have_next && target >= r->cur.time_s + 2 * half - 1e-9)
		return 0;
	*row = r->cur;
	return 1;
}
