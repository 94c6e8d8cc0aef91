/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libfootsock: left against right (docs/analysis.md, "Left against
 * right"). With both socks, a cause on one foot only is told with the
 * other foot's figure as its evidence ("left only; right dorsum 1.2 kPa"),
 * a cause on both feet points at something shared (both shoes laced
 * tight, the stride). A pure function of the two feet's states: no I/O,
 * no clock, no new per-frame work.
 */
#ifndef FOOTSOCK_CONTRAST_H
#define FOOTSOCK_CONTRAST_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"

enum fs_contrast_kind {
	FS_CONTRAST_NONE,	/* the cause is named on neither foot */
	FS_CONTRAST_UNAVAILABLE,	/* one sock: nothing to compare */
	FS_CONTRAST_LEFT_ONLY,
	FS_CONTRAST_RIGHT_ONLY,
	FS_CONTRAST_BOTH_FEET,
	FS_NCONTRASTS,
};

/* "", "unavailable", "left_only", "right_only", "both_feet". */
extern const char *const fs_contrast_names[FS_NCONTRASTS];

/*
 * Which causes count as named: now (footsockd: qualified at the last
 * update, cause_score) or in the session (analyze: qualified at any time,
 * cause_first_qualified_t and cause_score_max).
 */
enum fs_contrast_scope { FS_CONTRAST_NOW, FS_CONTRAST_SESSION };

struct fs_contrast {
	bool available;		/* both feet's states were given */
	enum fs_contrast_kind kind[FS_NCAUSES];
	/* each cause's evidence figure, [cause][FS_LEFT/FS_RIGHT]; NAN: none */
	double figure[FS_NCAUSES][2];
	/*
	 * Left minus right; NAN where either foot lacks it (or with one
	 * sock): per zone the pressure-time integral per step and the swing
	 * floor, per nerve site the dose, per temperature site the session
	 * mean, the session's mean stance and the loading rate.
	 */
	double pti_kpa_s[FS_NZONES];
	double floor_kpa[FS_NZONES];
	double dose[FS_NSITES];
	double temp_c[FS_NTEMPS];
	bool temp_flagged[FS_NTEMPS];	/* |temp_c| > asymmetry_c */
	double stance_s;
	double loading_rate_kpa_s;
};

/*
 * Each cause's figure: what it is, for people ("dorsum", "toe box",
 * "impact index") and for scripts ("dorsum_swing_floor_kpa"), its unit
 * ("kPa" or "" for a ratio), and what a cause on both feet points at.
 */
extern const char *const fs_cause_figure_labels[FS_NCAUSES];
extern const char *const fs_cause_figure_keys[FS_NCAUSES];
extern const char *const fs_cause_figure_units[FS_NCAUSES];
extern const char *const fs_cause_shared[FS_NCAUSES];

/*
 * A cause's evidence figure on one foot, as its score reads it (swing
 * floor of the site, or sustained pressure while standing; impact index;
 * tarsal tunnel pressure; neuroma ratio); NAN when the foot has no data
 * for it.
 */
double fs_cause_figure(const struct fs_state *st, enum fs_cause c);

/*
 * The contrast of the two feet. left or right NULL: one sock, every
 * named cause "unavailable" and every difference NAN.
 */
void fs_contrast_compute(const struct fs_state *left,
			 const struct fs_state *right,
			 const struct fs_params *p,
			 enum fs_contrast_scope scope, struct fs_contrast *out);

/*
 * One line for a cause named on foot (FS_LEFT/FS_RIGHT): "left only;
 * right dorsum 1.2 kPa", "both feet; right dorsum 9.0 kPa: shared, e.g.
 * both shoes laced tight", "contrast unavailable (one sock)"; "" for a
 * cause not named. Returns what snprintf returns.
 */
int fs_contrast_describe(const struct fs_contrast *ct, enum fs_cause c,
			 enum fs_foot_side foot, char *buf, size_t len);

#endif
