// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The foot's outline and the 16 zones' places (foot-shape.h): where each
 * sits follows CONTRACT's "where" column (hallux the big toe, met1 the
 * medial first metatarsal head, heel_med/heel_lat the heel's halves;
 * dorsum the top of the midfoot under the laces, toebox_* the top and the
 * sides of the forefoot, tarsal_tunnel behind the medial ankle bone, cuff
 * the band around the ankle).
 */
#include "foot-shape.h"

const struct foot_pt foot_outline[] = {
	{ 62, 2 }, { 80, 0 }, { 92, 8 }, { 98, 30 }, { 100, 60 }, { 97, 90 },
	{ 89, 120 }, { 87, 150 }, { 89, 180 }, { 87, 210 }, { 79, 232 },
	{ 60, 240 }, { 40, 238 }, { 24, 228 }, { 17, 205 }, { 15, 175 },
	{ 13, 140 }, { 8, 110 }, { 2, 80 }, { 2, 58 }, { 8, 40 }, { 20, 22 },
	{ 38, 10 },
};

const int foot_outline_npts = sizeof(foot_outline) / sizeof(foot_outline[0]);

#define P(v, ...) { v, sizeof((struct foot_pt[]){ __VA_ARGS__ }) / \
		    sizeof(struct foot_pt), { __VA_ARGS__ } }

const struct foot_zone_shape foot_zones[FS_NZONES] = {
	[FS_Z_HALLUX] = P(FOOT_PLANTAR, { 68, 5 }, { 80, 2 }, { 91, 10 },
			  { 96, 30 }, { 96, 42 }, { 68, 42 }),
	[FS_Z_TOES] = P(FOOT_PLANTAR, { 9, 44 }, { 21, 24 }, { 39, 12 },
			{ 64, 5 }, { 64, 42 }),
	[FS_Z_MET1] = P(FOOT_PLANTAR, { 72, 48 }, { 98, 48 }, { 98, 86 },
			{ 72, 86 }),
	[FS_Z_MET2] = P(FOOT_PLANTAR, { 51, 48 }, { 68, 48 }, { 68, 86 },
			{ 51, 86 }),
	[FS_Z_MET3_4] = P(FOOT_PLANTAR, { 30, 48 }, { 47, 48 }, { 47, 86 },
			  { 30, 86 }),
	[FS_Z_MET5] = P(FOOT_PLANTAR, { 5, 50 }, { 26, 50 }, { 26, 86 },
			{ 6, 86 }),
	[FS_Z_ARCH] = P(FOOT_PLANTAR, { 56, 94 }, { 94, 94 }, { 86, 124 },
			{ 84, 160 }, { 56, 160 }),
	[FS_Z_MIDFOOT_LAT] = P(FOOT_PLANTAR, { 9, 94 }, { 52, 94 }, { 52, 160 },
			       { 16, 160 }, { 14, 130 }),
	[FS_Z_HEEL_MED] = P(FOOT_PLANTAR, { 52, 168 }, { 85, 168 }, { 84, 212 },
			    { 76, 229 }, { 60, 235 }, { 52, 235 }),
	[FS_Z_HEEL_LAT] = P(FOOT_PLANTAR, { 19, 168 }, { 48, 168 }, { 48, 235 },
			    { 40, 234 }, { 27, 226 }, { 20, 205 }),
	[FS_Z_DORSUM] = P(FOOT_DORSAL, { 22, 96 }, { 80, 96 }, { 80, 160 },
			  { 22, 160 }),
	[FS_Z_TOEBOX_TOP] = P(FOOT_DORSAL, { 24, 20 }, { 40, 10 }, { 62, 4 },
			      { 82, 4 }, { 84, 84 }, { 24, 84 }),
	[FS_Z_TOEBOX_MED] = P(FOOT_DORSAL, { 88, 12 }, { 96, 28 }, { 99, 60 },
			      { 96, 84 }, { 88, 84 }),
	[FS_Z_TOEBOX_LAT] = P(FOOT_DORSAL, { 4, 60 }, { 9, 42 }, { 20, 26 },
			      { 20, 84 }, { 5, 84 }),
	[FS_Z_TARSAL_TUNNEL] = P(FOOT_DORSAL, { 74, 190 }, { 86, 186 },
				 { 86, 222 }, { 74, 222 }),
	[FS_Z_CUFF] = P(FOOT_DORSAL, { 24, 172 }, { 84, 172 }, { 84, 182 },
			{ 24, 182 }),
};

struct foot_pt foot_point(struct foot_pt p, int foot)
{
	if (foot == FS_RIGHT)
		p.x = FOOT_W - p.x;
	return p;
}

struct foot_pt foot_zone_center(int zone, int foot)
{
	const struct foot_zone_shape *z = &foot_zones[zone];
	struct foot_pt c = { 0, 0 };
	int i;

	for (i = 0; i < z->npts; i++) {
		c.x += z->pts[i].x;
		c.y += z->pts[i].y;
	}
	c.x /= z->npts;
	c.y /= z->npts;
	return foot_point(c, foot);
}

/* Even-odd rule: a ray to the right crosses the edges an odd number of times. */
static bool in_polygon(const struct foot_pt *pts, int n, struct foot_pt p)
{
	bool in = false;
	int i, j;

	for (i = 0, j = n - 1; i < n; j = i++) {
		const struct foot_pt *a = &pts[i], *b = &pts[j];

		if ((a->y > p.y) != (b->y > p.y) &&
		    p.x < (b->x - a->x) * (p.y - a->y) / (b->y - a->y) + a->x)
			in = !in;
	}
	return in;
}

int foot_zone_at(enum foot_view v, struct foot_pt p, int foot)
{
	int z;

	p = foot_point(p, foot);	/* the mirror is its own inverse */
	for (z = 0; z < FS_NZONES; z++)
		if (foot_zones[z].view == v &&
		    in_polygon(foot_zones[z].pts, foot_zones[z].npts, p))
			return z;
	return -1;
}

bool foot_inside(struct foot_pt p, int foot)
{
	return in_polygon(foot_outline, foot_outline_npts, foot_point(p, foot));
}
