// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Left against right: the numbness question is often one foot's ("why
 * does my LEFT foot go numb?"). A cause the other foot does not have is
 * told with the other foot's figure; a cause of both feet points at what
 * they share. Reads only what fs_state already holds.
 */
#include <math.h>
#include <stdio.h>

#include "contrast.h"

const char *const fs_contrast_names[FS_NCONTRASTS] = {
	"", "unavailable", "left_only", "right_only", "both_feet",
};

const char *const fs_cause_figure_labels[FS_NCAUSES] = {
	"dorsum", "toe box", "cuff", "impact index", "tarsal tunnel",
	"met3_4 ratio",
};

const char *const fs_cause_figure_keys[FS_NCAUSES] = {
	"dorsum_swing_floor_kpa", "toebox_swing_floor_kpa",
	"cuff_swing_floor_kpa", "impact_index", "tarsal_tunnel_kpa",
	"neuroma_ratio",
};

const char *const fs_cause_figure_units[FS_NCAUSES] = {
	"kPa", "kPa", "kPa", "", "kPa", "",
};

const char *const fs_cause_shared[FS_NCAUSES] = {
	"both shoes laced tight",
	"both shoes too small or narrow",
	"both sock cuffs tight or the socks too thick",
	"the stride: shorten it and raise the cadence",
	"the shoes or the foot type",
	"the shoes' forefoot or the push-off",
};

static const char *const side_names[2] = { "left", "right" };

/* A fit zone as the score reads it: the swing floor, or standing the sustained mean. */
static double fit_kpa(const struct fs_state *st, int z)
{
	if (!st->zone_seen[z])
		return NAN;
	return st->activity == FS_ACT_STANDING ? st->sustained_kpa[z] :
						 st->floor_kpa[z];
}

double fs_cause_figure(const struct fs_state *st, enum fs_cause c)
{
	double v;
	int z;

	switch (c) {
	case FS_C_TIGHT_LACES:
		return fit_kpa(st, FS_Z_DORSUM);
	case FS_C_TIGHT_TOEBOX:
		v = NAN;
		for (z = FS_Z_TOEBOX_TOP; z <= FS_Z_TOEBOX_LAT; z++)
			v = fmax(v, fit_kpa(st, z));	/* fmax skips a NAN */
		return v;
	case FS_C_TIGHT_SOCK:
		return fit_kpa(st, FS_Z_CUFF);
	case FS_C_OVERSTRIDING:
		return st->zone_seen[FS_Z_HEEL_MED] ? st->impact_index : NAN;
	case FS_C_OVERPRONATION:
		if (!st->zone_seen[FS_Z_TARSAL_TUNNEL])
			return NAN;
		return fmax(st->peak_kpa[FS_Z_TARSAL_TUNNEL],
			    st->sustained_kpa[FS_Z_TARSAL_TUNNEL]);
	case FS_C_NEUROMA_LOAD:
		return st->zone_seen[FS_Z_MET3_4] ? st->neuroma_ratio : NAN;
	default:
		return NAN;
	}
}

static bool named(const struct fs_state *st, const struct fs_params *p,
		  enum fs_contrast_scope scope, int c)
{
	if (!st)
		return false;
	if (scope == FS_CONTRAST_NOW)
		return st->cause_score[c] >= p->cause_evidence &&
		       st->cause_score[c] > 0.0;
	return !isnan(st->cause_first_qualified_t[c]) &&
	       st->cause_score_max[c] >= p->cause_evidence;
}

/* NAN unless both are numbers. */
static double diff(double l, double r)
{
	return isnan(l) || isnan(r) ? NAN : l - r;
}

static void differences(const struct fs_state *l, const struct fs_state *r,
			const struct fs_params *p, struct fs_contrast *out)
{
	bool both = l && r;
	int i;

	for (i = 0; i < FS_NZONES; i++) {
		bool seen = both && l->zone_seen[i] && r->zone_seen[i];

		out->pti_kpa_s[i] = seen ? diff(l->pti_kpa_s[i], r->pti_kpa_s[i]) : NAN;
		out->floor_kpa[i] = seen ? diff(l->floor_kpa[i], r->floor_kpa[i]) : NAN;
	}
	for (i = 0; i < FS_NSITES; i++)
		out->dose[i] = both ? diff(l->dose[i], r->dose[i]) : NAN;
	for (i = 0; i < FS_NTEMPS; i++) {
		out->temp_c[i] = both ? diff(l->temp_mean_c[i], r->temp_mean_c[i]) : NAN;
		out->temp_flagged[i] = fabs(out->temp_c[i]) > p->asymmetry_c;
	}
	out->stance_s = both && l->session.stance_s > 0.0 &&
			r->session.stance_s > 0.0 ?
			l->session.stance_s - r->session.stance_s : NAN;
	out->loading_rate_kpa_s = both && l->zone_seen[FS_Z_HEEL_MED] &&
				  r->zone_seen[FS_Z_HEEL_MED] ?
				  diff(l->loading_rate_kpa_s, r->loading_rate_kpa_s) :
				  NAN;
}

void fs_contrast_compute(const struct fs_state *left,
			 const struct fs_state *right,
			 const struct fs_params *p,
			 enum fs_contrast_scope scope, struct fs_contrast *out)
{
	const struct fs_state *st[2] = { left, right };
	int c, f;

	out->available = left && right;
	for (c = 0; c < FS_NCAUSES; c++) {
		bool on[2];

		for (f = 0; f < 2; f++) {
			on[f] = named(st[f], p, scope, c);
			out->figure[c][f] = st[f] ? fs_cause_figure(st[f], c) : NAN;
		}
		if (!on[0] && !on[1])
			out->kind[c] = FS_CONTRAST_NONE;
		else if (!out->available)
			out->kind[c] = FS_CONTRAST_UNAVAILABLE;
		else if (on[0] && on[1])
			out->kind[c] = FS_CONTRAST_BOTH_FEET;
		else
			out->kind[c] = on[0] ? FS_CONTRAST_LEFT_ONLY :
					       FS_CONTRAST_RIGHT_ONLY;
	}
	differences(left, right, p, out);
}

/* "right dorsum 1.2 kPa", "right impact index 8.9", "right dorsum n/a". */
static int other_figure(const struct fs_contrast *ct, enum fs_cause c,
			int other, char *buf, size_t len)
{
	double v = ct->figure[c][other];
	const char *unit = fs_cause_figure_units[c];

	if (isnan(v))
		return snprintf(buf, len, "%s %s n/a", side_names[other],
				fs_cause_figure_labels[c]);
	return snprintf(buf, len, "%s %s %.*f%s%s", side_names[other],
			fs_cause_figure_labels[c], *unit ? 1 : 2, v,
			*unit ? " " : "", unit);
}

int fs_contrast_describe(const struct fs_contrast *ct, enum fs_cause c,
			 enum fs_foot_side foot, char *buf, size_t len)
{
	char other[64];
	int o = foot == FS_LEFT ? FS_RIGHT : FS_LEFT;

	switch (ct->kind[c]) {
	case FS_CONTRAST_UNAVAILABLE:
		return snprintf(buf, len, "contrast unavailable (one sock)");
	case FS_CONTRAST_LEFT_ONLY:
	case FS_CONTRAST_RIGHT_ONLY:
		other_figure(ct, c, ct->kind[c] == FS_CONTRAST_LEFT_ONLY ?
				    FS_RIGHT : FS_LEFT, other, sizeof(other));
		return snprintf(buf, len, "%s only; %s",
				ct->kind[c] == FS_CONTRAST_LEFT_ONLY ? "left" : "right",
				other);
	case FS_CONTRAST_BOTH_FEET:
		other_figure(ct, c, o, other, sizeof(other));
		return snprintf(buf, len, "both feet; %s: shared, e.g. %s", other,
				fs_cause_shared[c]);
	default:
		if (len)
			buf[0] = '\0';
		return 0;
	}
}
