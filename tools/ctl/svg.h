/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Plain SVG (and the HTML around it) written from C: text escaped for XML,
 * numbers in the C locale with one decimal, a few shapes. Every shape
 * takes its class and data-* attributes as one preformatted string so that
 * the report's elements can be found by the tests (docs/testing.md).
 */
#ifndef FOOTSOCKCTL_SVG_H
#define FOOTSOCKCTL_SVG_H

#include <stdio.h>

#include "foot-shape.h"

/* s with & < > " ' as entities. */
void svg_escape(FILE *f, const char *s);
/* printf, then the result escaped. */
void svg_escapef(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* <svg x y width height viewBox> (nested in a report, or the top one). */
void svg_open(FILE *f, const char *attrs, double x, double y, double w,
	      double h);
void svg_close(FILE *f);

/* <text attrs x y>escaped text</text>; attrs e.g. class="axis". */
void svg_text(FILE *f, double x, double y, const char *attrs,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void svg_rect(FILE *f, double x, double y, double w, double h,
	      const char *attrs);
void svg_line(FILE *f, double x1, double y1, double x2, double y2,
	      const char *attrs);

/* A polyline or polygon, point by point. */
void svg_path_begin(FILE *f, const char *element, const char *attrs);
void svg_path_point(FILE *f, double x, double y);
void svg_path_end(FILE *f);

/* A closed polygon of foot points, foot's mirror, scaled and moved. */
void svg_foot_polygon(FILE *f, const struct foot_pt *pts, int n, int foot,
		      double x0, double y0, double scale, const char *attrs);

#endif
