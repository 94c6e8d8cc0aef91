// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One recording through libfootsock, for analyze and report (run.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lines.h"
#include "run.h"

const char *const run_foot_names[2] = { "left", "right" };

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
	void *p;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 64;
	p = realloc(*arr, c * size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = c;
	return 0;
}

static int add_sample(struct foot_run *fr, const struct fs_state *st,
		      const struct fs_params *p)
{
	int r = grow((void **)&fr->samples, &fr->cap, fr->ns, sizeof(*fr->samples));

	if (r < 0)
		return r;
	fr->samples[fr->ns++] = (struct run_sample){
		.t = st->t, .numbness = st->numbness_risk,
		.circ = st->circulation_restriction, .level = st->level,
		.cause = fs_state_top_cause(st, p),
		.cadence_spm = st->recent.cadence_spm,
		.stance_s = st->recent.stance_s,
		.heel_peak_kpa = st->zone_seen[FS_Z_HEEL_MED] ?
				 st->heel_peak_kpa : NAN,
	};
	return 0;
}

static int add_event(struct analysis *a, int foot, const struct fs_state *st,
		     bool red_flag)
{
	int r = grow((void **)&a->ev, &a->evcap, a->nev, sizeof(*a->ev));

	if (r < 0)
		return r;
	a->ev[a->nev++] = (struct run_event){
		.t = st->t, .foot = foot, .level = st->level,
		.cause = fs_state_top_cause(st, &a->p), .red_flag = red_flag,
	};
	return 0;
}

static int note_gap(struct analysis *a, int foot, const struct fs_frame *fr)
{
	struct foot_run *run = &a->feet[foot];
	int r = 0;

	if (run->have_t && fr->t - run->last_t > run_gap_s(a)) {
		r = grow((void **)&a->gaps, &a->gapcap, a->ngaps, sizeof(*a->gaps));
		if (r < 0)
			return r;
		a->gaps[a->ngaps++] = (struct run_gap){ foot, run->last_t, fr->t };
	}
	run->have_t = true;
	run->last_t = fr->t;
	return r;
}

/* The zones' mean and peak, and whether there is any temperature. */
static void note_values(struct foot_run *run, const struct fs_frame *fr)
{
	int z;

	for (z = 0; z < FS_NZONES; z++) {
		if (isnan(fr->p[z]))
			continue;
		run->zone_sum[z] += fr->p[z];
		if (!run->zone_n[z]++ || fr->p[z] > run->zone_peak[z])
			run->zone_peak[z] = fr->p[z];
	}
	for (z = 0; z < FS_NTEMPS; z++)
		if (!isnan(fr->temp[z]))
			run->have_temp = true;
}

static int feed(struct analysis *a, int foot, const struct fs_frame *fr)
{
	struct foot_run *run = &a->feet[foot];
	struct fs_state st;
	int r;

	if (!run->foot) {
		struct fs_params fp = a->p;

		fs_profile_apply(a->prof, foot, &fp);
		r = fs_foot_new(&fp, &run->foot);
		if (r < 0)
			return r;
		run->next_sample = fr->t;
	}
	r = fs_foot_feed(run->foot, fr);
	if (r < 0)
		return r;
	a->frames++;
	note_values(run, fr);
	if ((r & (FS_EV_LEVEL | FS_EV_RED_FLAG)) || fr->t >= run->next_sample) {
		fs_foot_state(run->foot, &st);
		if (r & FS_EV_LEVEL) {
			r = add_event(a, foot, &st, false);
			if (r < 0)
				return r;
		}
		if (r & FS_EV_RED_FLAG) {
			r = add_event(a, foot, &st, true);
			if (r < 0)
				return r;
		}
		if (fr->t >= run->next_sample) {
			run->next_sample += a->sample_period_s;
			r = add_sample(run, &st, &a->p);
			if (r < 0)
				return r;
		}
	}
	return note_gap(a, foot, fr);
}

/* "# key=value": kept for the report's header (the first RUN_META_MAX). */
static void note_meta(struct analysis *a, const char *s, size_t len)
{
	struct run_meta *m;
	size_t k, v;

	if (len < 4 || s[0] != '#' || s[1] != ' ' || a->nmeta >= RUN_META_MAX)
		return;
	for (k = 2; k < len && (isalnum((unsigned char)s[k]) || s[k] == '_'); k++)
		;
	if (k == 2 || k >= len || s[k] != '=' || k - 2 >= sizeof(m->key))
		return;
	m = &a->meta[a->nmeta++];
	memcpy(m->key, s + 2, k - 2);
	m->key[k - 2] = '\0';
	v = len - k - 1;
	if (v >= sizeof(m->value))
		v = sizeof(m->value) - 1;
	memcpy(m->value, s + k + 1, v);
	m->value[v] = '\0';
}

static int line_error(struct analysis *a)
{
	if (a->im.err_col)
		fprintf(stderr, "footsockctl: %s:%lu:%d: %s\n", a->path,
			a->im.line, a->im.err_col, a->im.err);
	else
		fprintf(stderr, "footsockctl: %s:%lu: %s\n", a->path,
			a->im.line, a->im.err);
	return -EINVAL;
}

/* A line; last: the input's last, without a newline (it may be torn). */
static int process_line(struct analysis *a, const char *s, size_t len,
			bool last)
{
	struct fs_frame out[2];
	int mask, foot, r;

	mask = last ? fs_import_last_line(&a->im, s, len, out) :
		      fs_import_line(&a->im, s, len, out);
	if (mask < 0)
		return line_error(a);
	if (a->im.torn)
		fprintf(stderr, "footsockctl: %s:%lu: warning: torn last line ignored (%s)\n",
			a->path, a->im.line, a->im.err);
	if (!mask && a->im.fmt == FS_FMT_FOOTSOCK)
		note_meta(a, s, len);
	for (foot = 0; foot < 2; foot++) {
		if (!(mask & (1 << foot)))
			continue;
		r = feed(a, foot, &out[foot]);
		if (r == -EINVAL) {
			snprintf(a->im.err, sizeof(a->im.err), "time goes back");
			a->im.err_col = 1;
			return line_error(a);
		}
		if (r < 0)
			return r;
	}
	return 0;
}

static int process_line_cb(void *ctx, const char *s, size_t len)
{
	return process_line(ctx, s, len, false);
}

static int process_last_line_cb(void *ctx, const char *s, size_t len)
{
	return process_line(ctx, s, len, true);
}

/* Lines of at most FS_MAX_LINE bytes; memory stays bounded. */
static int read_file(struct analysis *a, FILE *f)
{
	char chunk[65536];
	struct fs_lines lines;
	size_t n;
	int r;

	r = fs_lines_init(&lines, FS_MAX_LINE);
	if (r < 0)
		return r;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		r = fs_lines_feed(&lines, chunk, n, process_line_cb, a);
		if (r < 0)
			break;
	}
	if (r >= 0 && ferror(f)) {
		r = -EIO;
		fprintf(stderr, "footsockctl: %s: read error\n", a->path);
	}
	if (r >= 0)
		r = fs_lines_finish(&lines, process_last_line_cb, a);
	if (r == -E2BIG) {
		a->im.line++;
		snprintf(a->im.err, sizeof(a->im.err),
			 "line longer than %d bytes", FS_MAX_LINE);
		a->im.err_col = 0;
		r = line_error(a);
	} else if (r >= 0 && lines.total == 0) {
		fprintf(stderr, "footsockctl: %s: empty file\n", a->path);
		r = -ENODATA;
	} else if (r >= 0 && a->frames == 0) {
		fprintf(stderr, "footsockctl: %s:%lu: no data rows\n", a->path,
			a->im.line);
		r = -ENODATA;
	}
	fs_lines_free(&lines);
	return r;
}

int run_load(struct analysis *a, const char *path, enum fs_format fmt,
	     double sample_period_s, const struct fs_profile *prof)
{
	struct stat sb;
	FILE *f;
	int r;

	memset(a, 0, sizeof(*a));
	a->path = path;
	a->sample_period_s = sample_period_s;
	a->prof = prof;
	fs_params_default(&a->p);
	fs_import_init(&a->im, fmt);

	/* "-": standard input, e.g. footsockctl stream, read to its end. */
	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		r = -errno;
		fprintf(stderr, "footsockctl: %s: %s\n", path, strerror(-r));
		return r;
	}
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "footsockctl: %s: is a directory\n", path);
		fclose(f);
		return -EISDIR;
	}
	r = read_file(a, f);
	fclose(f);
	if (r == -ENOMEM)
		fprintf(stderr, "footsockctl: out of memory\n");
	return r;
}

void run_free(struct analysis *a)
{
	int foot;

	for (foot = 0; foot < 2; foot++) {
		fs_foot_free(a->feet[foot].foot);
		free(a->feet[foot].samples);
		a->feet[foot].foot = NULL;
		a->feet[foot].samples = NULL;
	}
	free(a->ev);
	free(a->gaps);
	a->ev = NULL;
	a->gaps = NULL;
}

double run_duration(const struct analysis *a)
{
	return a->im.have_time ? a->im.end_t - a->im.first_t : 0.0;
}

double run_gap_s(const struct analysis *a)
{
	double g = a->im.rate_hz > 0.0 ? 5.0 / a->im.rate_hz : 0.5;

	return g > 0.5 ? g : 0.5;
}

const char *run_meta(const struct analysis *a, const char *key)
{
	int i;

	for (i = 0; i < a->nmeta; i++)
		if (!strcmp(a->meta[i].key, key))
			return a->meta[i].value;
	return NULL;
}

/*
 * The causes that qualified in the session (their evidence held
 * cause_sustain_s and cause_sustain_strides, docs/analysis.md), by the
 * highest sustained score.
 */
int run_ranked_causes(const struct fs_state *st, const struct fs_params *p,
		      struct run_ranked *out)
{
	int c, i, n = 0;

	for (c = 0; c < FS_NCAUSES; c++) {
		if (isnan(st->cause_first_qualified_t[c]) ||
		    st->cause_score_max[c] < p->cause_evidence)
			continue;
		for (i = n; i > 0 && out[i - 1].score < st->cause_score_max[c]; i--)
			out[i] = out[i - 1];
		out[i] = (struct run_ranked){ c, st->cause_score_max[c],
					      st->cause_first_qualified_t[c] };
		n++;
	}
	return n;
}

int run_advice(const struct fs_state *st, const struct run_ranked *rk, int n,
	       const char **out)
{
	int i, k = 0;

	if (st->level_max >= FS_LEVEL_STOP)
		out[k++] = fs_advice_stop;
	for (i = 0; i < n; i++)
		out[k++] = fs_cause_advice[rk[i].cause];
	if (st->red_flag || st->level_max >= FS_LEVEL_WARNING)
		out[k++] = fs_advice_red_flag;
	return k;
}

const char *run_relief_site(enum fs_cause c)
{
	switch (c) {
	case FS_C_TIGHT_LACES:
		return "dorsum";
	case FS_C_TIGHT_TOEBOX:
		return "toe box";
	case FS_C_TIGHT_SOCK:
		return "cuff";
	default:
		return "site";
	}
}
