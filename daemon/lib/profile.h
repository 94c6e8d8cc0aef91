/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The runner's own normal: a per-subject profile of what this person's
 * runs usually look like (docs/analysis.md, "The runner's own normal").
 *
 * Pure C, no I/O: the profile is parsed from and formatted into memory
 * buffers (a documented, versioned JSON format, FS_PROFILE_VERSION), and
 * a finished run's summary is merged into it. Every figure is a running
 * mean with the number of runs behind it.
 */
#ifndef FOOTSOCK_PROFILE_H
#define FOOTSOCK_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"

#define FS_PROFILE_VERSION 1
#define FS_PROFILE_SUBJECT_MAX 64	/* bytes, without the NUL */

/* Dorsal zones whose swing floor is kept: dorsum .. cuff. */
#define FS_PROFILE_FIRST_DORSAL FS_Z_DORSUM
#define FS_PROFILE_NDORSAL (FS_NZONES - FS_Z_DORSUM)

enum fs_profile_gait { FS_PG_CADENCE, FS_PG_STANCE, FS_PG_HEEL_PEAK,
		       FS_PG_LOADING_RATE, FS_NPGAIT };

extern const char *const fs_profile_gait_names[FS_NPGAIT];

/* A running mean; runs: how many runs it holds (0: unknown). */
struct fs_figure {
	double mean;
	unsigned int runs;
};

struct fs_profile {
	char subject[FS_PROFILE_SUBJECT_MAX + 1];
	unsigned int runs;		/* runs merged */
	unsigned int runs_seen;		/* runs offered, counted or not */
	struct fs_figure temp_c[2][FS_NTEMPS];		/* per foot, site */
	struct fs_figure asym_c[FS_NTEMPS];		/* left - right */
	struct fs_figure floor_kpa[2][FS_PROFILE_NDORSAL];
	struct fs_figure gait[2][FS_NPGAIT];
};

void fs_profile_init(struct fs_profile *pr, const char *subject);

/*
 * A subject name a profile may carry (it names the file): 1 to
 * FS_PROFILE_SUBJECT_MAX of [A-Za-z0-9._-], not starting with '.'.
 */
bool fs_profile_subject_ok(const char *subject);

/*
 * Parse a profile. 0, or -EINVAL (-ENOTSUP for another version) with a
 * message in why (a line of text).
 */
int fs_profile_parse(const char *buf, size_t len, struct fs_profile *pr,
		     char *why, size_t whylen);

/*
 * Format into buf (NUL-terminated); returns the length, or -ENOSPC when
 * len is too small (4096 bytes always suffice).
 */
int fs_profile_format(const struct fs_profile *pr, char *buf, size_t len);

/*
 * Merge a finished run, the final states of its feet (have[]: that foot
 * was recorded). Returns 1 when the run counted, 0 when it did not
 * (too little steady data, or not a normal run: a level above watch or a
 * cause named), with the reason in *why.
 */
int fs_profile_merge(struct fs_profile *pr, const struct fs_params *p,
		     const struct fs_state st[2], const bool have[2],
		     const char **why);

/* The profile has enough runs to be used (profile_min_runs). */
bool fs_profile_usable(const struct fs_profile *pr, const struct fs_params *p);

/*
 * The left-right difference usually seen at a site, degC, or NAN when the
 * profile cannot tell (too few runs behind it).
 */
double fs_profile_usual_asym(const struct fs_profile *pr,
			     const struct fs_params *p, int site);

/*
 * Is a left-right difference d at a site an asymmetry? Judged against the
 * person's usual difference when the profile knows it (|d - usual| >
 * profile_asymmetry_c), else against the population's asymmetry_c.
 * pr may be NULL.
 */
bool fs_profile_asym_flagged(const struct fs_profile *pr,
			     const struct fs_params *p, int site, double d);

/*
 * Fit the parameters of one foot to the person: each dorsal zone's swing
 * floor ramp (zone_floor_low_kpa) starts at the zone's usual floor plus
 * profile_floor_margin_kpa, never below floor_low_kpa nor above
 * dose_threshold_kpa (capillary closing: no one's normal hides that).
 */
void fs_profile_apply(const struct fs_profile *pr, int foot,
		      struct fs_params *p);

/*
 * "vs own normal over 6 runs" or "population default": which baseline
 * the judgement used.
 */
void fs_profile_baseline(const struct fs_profile *pr,
			 const struct fs_params *p, char *buf, size_t len);

#endif
