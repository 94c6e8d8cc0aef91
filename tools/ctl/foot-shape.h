/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The foot as the report and watch draw it: the outline and the 16
 * zones (../shared/CONTRACT.md) as polygons in foot coordinates. A left
 * foot seen from above: x 0 (lateral) to FOOT_W (medial), y 0 (toe tip)
 * to FOOT_H (heel); the right foot is the mirror image (x -> FOOT_W - x),
 * so that both big toes point to the middle when drawn side by side. The
 * plantar view holds the ten sole zones, the dorsal view the six upper
 * ones, each at its place on the same outline.
 */
#ifndef FOOTSOCKCTL_FOOT_SHAPE_H
#define FOOTSOCKCTL_FOOT_SHAPE_H

#include <stdbool.h>

#include "analysis.h"

#define FOOT_W 100.0
#define FOOT_H 240.0

enum foot_view { FOOT_PLANTAR, FOOT_DORSAL };

struct foot_pt {
	double x, y;
};

#define FOOT_ZONE_MAX_PTS 8

struct foot_zone_shape {
	enum foot_view view;
	int npts;
	struct foot_pt pts[FOOT_ZONE_MAX_PTS];
};

extern const struct foot_zone_shape foot_zones[FS_NZONES];
extern const struct foot_pt foot_outline[];
extern const int foot_outline_npts;

/* The view a zone is drawn in. */
static inline enum foot_view foot_zone_view(int zone)
{
	return foot_zones[zone].view;
}

/* A point of the left foot's drawing for foot FS_LEFT or FS_RIGHT. */
struct foot_pt foot_point(struct foot_pt p, int foot);

/* The centre of a zone's polygon (its label's place), for that foot. */
struct foot_pt foot_zone_center(int zone, int foot);

/*
 * The zone of view v at point p of foot's drawing, or -1 when none;
 * foot_inside(): p is inside the outline.
 */
int foot_zone_at(enum foot_view v, struct foot_pt p, int foot);
bool foot_inside(struct foot_pt p, int foot);

#endif
