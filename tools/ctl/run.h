/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One recording (footsock v1, Moticon, gaitpdb) read through libfootsock,
 * for analyze and report: the file is read line by line and fed to one
 * fs_foot per foot; what the reports draw is kept on the way (the state
 * every sample_period_s, the level events, per zone mean and peak, the
 * gaps in time, the metadata). File reading lives here; the library sees
 * only lines and frames.
 */
#ifndef FOOTSOCKCTL_RUN_H
#define FOOTSOCKCTL_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "import.h"
#include "profile.h"

struct run_sample {
	double t;
	int numbness, circ;
	enum fs_level level;
	int cause;
	/* the recent gait (EWMA), NAN before it is known */
	double cadence_spm, stance_s, heel_peak_kpa;
};

struct run_event {
	double t;
	int foot;
	enum fs_level level;
	int cause;
	bool red_flag;
};

/* A stretch with no frame of a foot for longer than run_gap_s(). */
struct run_gap {
	int foot;
	double from, to;
};

struct run_meta {
	char key[32];
	char value[160];
};

#define RUN_META_MAX 16

struct foot_run {
	struct fs_foot *foot;
	struct run_sample *samples;
	size_t ns, cap;
	double next_sample;
	/* per zone over the frames that had it: sum, count and highest */
	double zone_sum[FS_NZONES], zone_peak[FS_NZONES];
	unsigned long zone_n[FS_NZONES];
	bool have_temp;			/* any temperature */
	bool have_t;
	double last_t;
};

struct analysis {
	const char *path;
	double sample_period_s;
	struct fs_params p;
	const struct fs_profile *prof;	/* NULL: the population defaults */
	struct fs_import im;
	struct foot_run feet[2];
	struct run_event *ev;
	size_t nev, evcap;
	struct run_gap *gaps;
	size_t ngaps, gapcap;
	struct run_meta meta[RUN_META_MAX];
	int nmeta;
	unsigned long frames;
};

struct run_ranked {
	int cause;
	double score;
	double first_t;		/* frame time it first qualified */
};

extern const char *const run_foot_names[2];

/*
 * Read path ("-": standard input) in format fmt, sampling the state every
 * sample_period_s; each foot judged against prof (the subject's own
 * normal, fs_profile_apply()) or, NULL, the population defaults. Errors
 * are told on stderr; returns a negative errno. run_free() in every case.
 */
int run_load(struct analysis *a, const char *path, enum fs_format fmt,
	     double sample_period_s, const struct fs_profile *prof);
void run_free(struct analysis *a);

/* Seconds from the first frame to the last. */
double run_duration(const struct analysis *a);
/* A gap is longer than this (seconds): 5 frames at the rate, at least 0.5 s. */
double run_gap_s(const struct analysis *a);
/* A metadata value ("# key=value"), NULL when absent. */
const char *run_meta(const struct analysis *a, const char *key);

/* The causes that qualified in the session by highest score; how many. */
int run_ranked_causes(const struct fs_state *st, const struct fs_params *p,
		      struct run_ranked *out);
/* The advice for them, out[FS_NCAUSES + 2]; how many. */
int run_advice(const struct fs_state *st, const struct run_ranked *rk, int n,
	       const char **out);
/* Where each fit cause presses. */
const char *run_relief_site(enum fs_cause c);

#endif
