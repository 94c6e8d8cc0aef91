// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SVG primitives (svg.h). Numbers go out with %.1f: the program never
 * calls setlocale(), so the decimal point is a point.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "svg.h"

void svg_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static void escape_va(FILE *f, const char *fmt, va_list ap)
{
	char buf[512];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	svg_escape(f, buf);
}

void svg_escapef(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	escape_va(f, fmt, ap);
	va_end(ap);
}

void svg_open(FILE *f, const char *attrs, double x, double y, double w,
	      double h)
{
	fprintf(f, "<svg %s x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" viewBox=\"0 0 %.1f %.1f\">\n",
		attrs, x, y, w, h, w, h);
}

void svg_close(FILE *f)
{
	fputs("</svg>\n", f);
}

void svg_text(FILE *f, double x, double y, const char *attrs,
	      const char *fmt, ...)
{
	va_list ap;

	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
	va_start(ap, fmt);
	escape_va(f, fmt, ap);
	va_end(ap);
	fputs("</text>\n", f);
}

void svg_rect(FILE *f, double x, double y, double w, double h,
	      const char *attrs)
{
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s/>\n",
		x, y, w, h, attrs);
}

void svg_line(FILE *f, double x1, double y1, double x2, double y2,
	      const char *attrs)
{
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>\n",
		x1, y1, x2, y2, attrs);
}

void svg_path_begin(FILE *f, const char *element, const char *attrs)
{
	fprintf(f, "<%s %s points=\"", element, attrs);
}

void svg_path_point(FILE *f, double x, double y)
{
	fprintf(f, "%.1f,%.1f ", x, y);
}

void svg_path_end(FILE *f)
{
	fputs("\"/>\n", f);
}

void svg_foot_polygon(FILE *f, const struct foot_pt *pts, int n, int foot,
		      double x0, double y0, double scale, const char *attrs)
{
	struct foot_pt p;
	int i;

	svg_path_begin(f, "polygon", attrs);
	for (i = 0; i < n; i++) {
		p = foot_point(pts[i], foot);
		svg_path_point(f, x0 + p.x * scale, y0 + p.y * scale);
	}
	svg_path_end(f);
}
