// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl report: one run as a self-contained HTML page (inline SVG
 * and CSS, no script, nothing fetched; A4 when printed) or as one SVG.
 * The recording is read as analyze reads it (run.c); the sections, top
 * to bottom:
 *
 *   header facts: subject, date, socks, rate, duration, data gaps
 *   per foot: numbness risk and circulation restriction over time on the
 *     level bands, with the level events, the causes named and the reliefs
 *   the pressure map, mean and peak: both feet as feet (foot-shape.c),
 *     sole and top, the 16 zones shaded
 *   gait over time: cadence, stance, heel loading
 *   per foot: the causes with their scores and the advice
 *
 * What the recording lacks is left out, not drawn empty: no temperature,
 * no circulation curve; no pressure, no map and no risk chart; a zone
 * never measured is not drawn. The elements carry classes and data-*
 * attributes the tests look for (docs/testing.md).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "foot-shape.h"
#include "output.h"
#include "run.h"
#include "svg.h"

#define SAMPLE_PERIOD_S 5.0

#define PAGE_W 680.0		/* A4's 210 mm less 2 x 12 mm, at 96 dpi */
#define CHART_H 190.0
#define GAIT_H 150.0
#define MAP_H 300.0
#define PLOT_L 44.0		/* room for the y axis' labels */
#define PLOT_R 12.0
#define PLOT_T 48.0		/* the title, then three rows of marker labels */
#define PLOT_B 26.0
#define LINE_H 15.0

enum report_format { REPORT_HTML, REPORT_SVG };

struct report {
	FILE *f;
	const struct analysis *a;
	struct fs_state st[2];
	bool have[2];
	enum report_format fmt;
};

static const char *const level_fill[4] = {
	"#e3f4e1", "#fbf3c8", "#fde0c2", "#f8c9c6",
};

static const char *const foot_color[2] = { "#1f5fbf", "#c0392b" };

/* The CSS of both formats: the page, the charts, print on A4. */
static const char report_css[] =
	"@page { size: A4; margin: 12mm; }\n"
	"body { font: 11px/1.35 sans-serif; color: #111; margin: 0 auto; max-width: 680px; }\n"
	"h1 { font-size: 17px; margin: 4px 0; } h2 { font-size: 13px; margin: 12px 0 4px; }\n"
	"table.facts td { padding: 1px 8px 1px 0; vertical-align: top; }\n"
	"section { break-inside: avoid; page-break-inside: avoid; }\n"
	"svg text { font: 9px sans-serif; fill: #222; }\n"
	"svg text.title { font-size: 11px; font-weight: bold; }\n"
	"svg text.zone-value { font-size: 7px; text-anchor: middle; }\n"
	".axis { stroke: #555; stroke-width: 0.6; }\n"
	".grid { stroke: #bbb; stroke-width: 0.4; stroke-dasharray: 2 2; }\n"
	".risk-curve { fill: none; stroke-width: 1.6; }\n"
	".circ-curve { fill: none; stroke-width: 1.3; stroke-dasharray: 5 2; }\n"
	".gait-curve { fill: none; stroke-width: 1.2; }\n"
	".event { stroke: #000; stroke-width: 0.8; }\n"
	".cause-named { stroke: #7a1fa2; stroke-width: 1; stroke-dasharray: 3 2; }\n"
	".relief { stroke: #1b7f3a; stroke-width: 1.4; }\n"
	".not-relieved { stroke: #b00; stroke-width: 1.4; stroke-dasharray: 1 2; }\n"
	".gap { fill: #999; fill-opacity: 0.35; }\n"
	".outline { fill: #f4f1ec; stroke: #555; stroke-width: 0.8; }\n"
	".zone { stroke: #333; stroke-width: 0.5; }\n"
	"@media print { body { max-width: none; } }\n";

/* ---- scales ------------------------------------------------------------ */

static double t_rel(const struct report *r, double t)
{
	return t - r->a->im.first_t;
}

static double x_of(const struct report *r, double t, double w)
{
	double d = run_duration(r->a);

	return PLOT_L + (d > 0.0 ? t_rel(r, t) / d : 0.0) * (w - PLOT_L - PLOT_R);
}

static double y_of(double v, double lo, double hi, double h)
{
	double f = hi > lo ? (v - lo) / (hi - lo) : 0.0;

	return h - PLOT_B - f * (h - PLOT_T - PLOT_B);
}

/* A round step for about n ticks over span. */
static double nice_step(double span, int n)
{
	double raw = span / n, mag, m;

	if (!(raw > 0.0))
		return 1.0;
	mag = pow(10.0, floor(log10(raw)));
	m = raw / mag;
	return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * mag;
}

/* The time axis, in minutes when the run is longer than 5 min. */
static void time_axis(const struct report *r, double w, double h)
{
	double d = run_duration(r->a), unit = d > 300.0 ? 60.0 : 1.0;
	double step = nice_step(d / unit, 6) * unit, t;

	svg_line(r->f, PLOT_L, h - PLOT_B, w - PLOT_R, h - PLOT_B, "class=\"axis\"");
	for (t = 0.0; t <= d + 1e-9; t += step) {
		double x = x_of(r, r->a->im.first_t + t, w);

		svg_line(r->f, x, h - PLOT_B, x, h - PLOT_B + 3, "class=\"axis\"");
		svg_text(r->f, x, h - PLOT_B + 12, "text-anchor=\"middle\"", "%g",
			 t / unit);
	}
	svg_text(r->f, w - PLOT_R, h - 3, "text-anchor=\"end\"", "time (%s)",
		 unit > 1.0 ? "min" : "s");
}

static void value_axis(const struct report *r, double lo, double hi,
		       double w, double h, const char *unit)
{
	double step = nice_step(hi - lo, 4), v;

	svg_line(r->f, PLOT_L, PLOT_T, PLOT_L, h - PLOT_B, "class=\"axis\"");
	for (v = ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
		double y = y_of(v, lo, hi, h);

		svg_line(r->f, PLOT_L, y, w - PLOT_R, y, "class=\"grid\"");
		svg_text(r->f, PLOT_L - 4, y + 3, "text-anchor=\"end\"", "%g", v);
	}
	svg_text(r->f, 2, PLOT_T - 6, "", "%s", unit);
}

/* The stretches without frames of this foot, shaded. */
static void gaps(const struct report *r, int foot, double w, double h)
{
	size_t k;

	for (k = 0; k < r->a->ngaps; k++) {
		const struct run_gap *g = &r->a->gaps[k];
		char attrs[96];

		if (g->foot != foot)
			continue;
		snprintf(attrs, sizeof(attrs),
			 "class=\"gap\" data-foot=\"%s\" data-from=\"%.1f\" data-to=\"%.1f\"",
			 run_foot_names[foot], t_rel(r, g->from), t_rel(r, g->to));
		svg_rect(r->f, x_of(r, g->from, w), PLOT_T,
			 x_of(r, g->to, w) - x_of(r, g->from, w),
			 h - PLOT_T - PLOT_B, attrs);
	}
}

/* ---- risk over time ---------------------------------------------------- */

static bool have_index(const struct foot_run *run, bool circ)
{
	size_t k;

	for (k = 0; k < run->ns; k++)
		if ((circ ? run->samples[k].circ : run->samples[k].numbness) >= 0)
			return true;
	return false;
}

static void level_bands(const struct report *r, double w, double h)
{
	const struct fs_params *p = &r->a->p;
	const double edge[5] = { 0, p->level_watch, p->level_warning,
				 p->level_stop, 100 };
	char attrs[96];
	int l;

	for (l = 0; l < 4; l++) {
		double y0 = y_of(edge[l + 1], 0, 100, h), y1 = y_of(edge[l], 0, 100, h);

		snprintf(attrs, sizeof(attrs), "class=\"band\" data-level=\"%s\" fill=\"%s\"",
			 fs_level_names[l], level_fill[l]);
		svg_rect(r->f, PLOT_L, y0, w - PLOT_L - PLOT_R, y1 - y0, attrs);
		svg_text(r->f, w - PLOT_R - 2, y0 + 10, "text-anchor=\"end\"", "%s",
			 fs_level_names[l]);
	}
}

static void index_curve(const struct report *r, int foot, bool circ, double w,
			double h)
{
	const struct foot_run *run = &r->a->feet[foot];
	char attrs[128];
	size_t k;

	snprintf(attrs, sizeof(attrs), "class=\"%s\" data-foot=\"%s\" stroke=\"%s\"",
		 circ ? "circ-curve" : "risk-curve", run_foot_names[foot],
		 circ ? "#e67e22" : foot_color[foot]);
	svg_path_begin(r->f, "polyline", attrs);
	for (k = 0; k < run->ns; k++) {
		int v = circ ? run->samples[k].circ : run->samples[k].numbness;

		if (v >= 0)
			svg_path_point(r->f, x_of(r, run->samples[k].t, w),
				       y_of(v, 0, 100, h));
	}
	svg_path_end(r->f);
}

/* A vertical marker with its label and a tooltip. */
static void marker(const struct report *r, double t, double w, double h,
		   const char *attrs, const char *label, int row)
{
	double x = x_of(r, t, w);
	bool anchor_end = x > w - 120;

	fprintf(r->f, "<g %s data-t=\"%.1f\">", attrs, t_rel(r, t));
	fputs("<title>", r->f);
	svg_escapef(r->f, "%.1f s: %s", t_rel(r, t), label);
	fputs("</title>\n", r->f);
	svg_line(r->f, x, PLOT_T, x, h - PLOT_B, "");
	svg_text(r->f, anchor_end ? x - 2 : x + 2, PLOT_T - 3 - (row % 3) * 10,
		 anchor_end ? "text-anchor=\"end\"" : "", "%s", label);
	fputs("</g>\n", r->f);
}

static void level_events(const struct report *r, int foot, double w, double h)
{
	char attrs[128], label[96];
	size_t k;

	for (k = 0; k < r->a->nev; k++) {
		const struct run_event *e = &r->a->ev[k];

		if (e->foot != foot)
			continue;
		snprintf(attrs, sizeof(attrs),
			 "class=\"event\" data-foot=\"%s\" data-level=\"%s\"%s",
			 run_foot_names[foot], fs_level_names[e->level],
			 e->red_flag ? " data-red-flag=\"true\"" : "");
		snprintf(label, sizeof(label), "%s%s%s%s", fs_level_names[e->level],
			 e->cause >= 0 ? " " : "",
			 e->cause >= 0 ? fs_cause_names[e->cause] : "",
			 e->red_flag ? " RED FLAG" : "");
		marker(r, e->t, w, h, attrs, label, 0);
	}
}

/* When each cause was named, and what became of the fit causes. */
static void cause_events(const struct report *r, int foot, double w, double h)
{
	const struct fs_state *st = &r->st[foot];
	unsigned int k = st->nrelief > FS_RELIEF_MAX ? st->nrelief - FS_RELIEF_MAX : 0;
	struct run_ranked rk[FS_NCAUSES];
	char attrs[128], label[96];
	int i, n = run_ranked_causes(st, &r->a->p, rk);

	for (i = 0; i < n; i++) {
		snprintf(attrs, sizeof(attrs),
			 "class=\"cause-named\" data-foot=\"%s\" data-cause=\"%s\"",
			 run_foot_names[foot], fs_cause_names[rk[i].cause]);
		snprintf(label, sizeof(label), "%s named", fs_cause_names[rk[i].cause]);
		marker(r, rk[i].first_t, w, h, attrs, label, 1);
	}
	for (; k < st->nrelief; k++) {
		const struct fs_relief *rl = &st->relief[k % FS_RELIEF_MAX];
		bool ok = rl->kind == FS_RELIEF_RELIEVED;

		snprintf(attrs, sizeof(attrs),
			 "class=\"%s\" data-foot=\"%s\" data-cause=\"%s\"",
			 ok ? "relief" : "not-relieved", run_foot_names[foot],
			 fs_cause_names[rl->cause]);
		snprintf(label, sizeof(label), "%s %s", fs_cause_names[rl->cause],
			 ok ? "relieved" : "not relieved");
		marker(r, rl->at_t, w, h, attrs, label, 2);
	}
}

static double risk_chart(const struct report *r, int foot, double y)
{
	const struct foot_run *run = &r->a->feet[foot];
	bool circ = have_index(run, true) && run->have_temp;
	char attrs[96];
	double w = PAGE_W, h = CHART_H;

	snprintf(attrs, sizeof(attrs), "class=\"risk-chart\" data-foot=\"%s\"",
		 run_foot_names[foot]);
	svg_open(r->f, attrs, 0, y, w, h);
	svg_text(r->f, PLOT_L, 12, "class=\"title\"",
		 "%s foot: numbness risk%s (0-100) over time", run_foot_names[foot],
		 circ ? " (solid) and circulation restriction (dashed)" : "");
	level_bands(r, w, h);
	gaps(r, foot, w, h);
	value_axis(r, 0, 100, w, h, "");
	time_axis(r, w, h);
	index_curve(r, foot, false, w, h);
	if (circ)
		index_curve(r, foot, true, w, h);
	level_events(r, foot, w, h);
	cause_events(r, foot, w, h);
	svg_close(r->f);
	return h;
}

/* ---- the pressure map -------------------------------------------------- */

static double zone_value(const struct foot_run *run, int z, bool peak)
{
	if (!run->zone_n[z])
		return NAN;
	return peak ? run->zone_peak[z] : run->zone_sum[z] / run->zone_n[z];
}

/* The full scale of a view: its highest value over both feet (>= 1 kPa). */
static double view_scale(const struct report *r, enum foot_view v, bool peak)
{
	double m = 1.0, x;
	int foot, z;

	for (foot = 0; foot < 2; foot++)
		for (z = 0; z < FS_NZONES && r->have[foot]; z++) {
			x = zone_value(&r->a->feet[foot], z, peak);
			if (foot_zone_view(z) == v && !isnan(x) && x > m)
				m = x;
		}
	return m;
}

static bool view_has_data(const struct report *r, enum foot_view v)
{
	int foot, z;

	for (foot = 0; foot < 2; foot++)
		for (z = 0; z < FS_NZONES && r->have[foot]; z++)
			if (foot_zone_view(z) == v && r->a->feet[foot].zone_n[z])
				return true;
	return false;
}

/* White to yellow to red over 0..1. */
static void shade(double f, char *out, size_t n)
{
	int g, b;

	f = f < 0 ? 0 : f > 1 ? 1 : f;
	if (f < 0.5) {
		g = 255 - (int)(f * 2 * 40);
		b = 255 - (int)(f * 2 * 200);
		snprintf(out, n, "#ff%02x%02x", g, b);
	} else {
		g = 215 - (int)((f - 0.5) * 2 * 190);
		snprintf(out, n, "#%02x%02x%02x", 255 - (int)((f - 0.5) * 2 * 80), g, 55);
	}
}

static void draw_foot(const struct report *r, int foot, enum foot_view v,
		      bool peak, double x0, double y0, double scale)
{
	const struct foot_run *run = &r->a->feet[foot];
	double full = view_scale(r, v, peak);
	char attrs[192], fill[16];
	int z;

	svg_foot_polygon(r->f, foot_outline, foot_outline_npts, foot, x0, y0,
			 scale, "class=\"outline\"");
	for (z = 0; z < FS_NZONES; z++) {
		double kpa = zone_value(run, z, peak);
		struct foot_pt c;

		if (foot_zone_view(z) != v || isnan(kpa))
			continue;
		shade(kpa / full, fill, sizeof(fill));
		snprintf(attrs, sizeof(attrs),
			 "class=\"zone\" data-zone=\"%s\" data-foot=\"%s\" data-stat=\"%s\" data-kpa=\"%.1f\" fill=\"%s\"",
			 fs_zone_names[z], run_foot_names[foot],
			 peak ? "peak" : "mean", kpa, fill);
		svg_foot_polygon(r->f, foot_zones[z].pts, foot_zones[z].npts, foot,
				 x0, y0, scale, attrs);
		c = foot_zone_center(z, foot);
		svg_text(r->f, x0 + c.x * scale, y0 + c.y * scale + 2,
			 "class=\"zone-value\"", "%.0f", kpa);
	}
}

static void map_legend(const struct report *r, enum foot_view v, bool peak,
		       double x, double y)
{
	char fill[16], attrs[48];
	int i;

	for (i = 0; i < 10; i++) {
		shade(i / 9.0, fill, sizeof(fill));
		snprintf(attrs, sizeof(attrs), "fill=\"%s\" stroke=\"#999\"", fill);
		svg_rect(r->f, x + i * 10, y, 10, 8, attrs);
	}
	svg_text(r->f, x, y + 18, "", "0");
	svg_text(r->f, x + 100, y + 18, "text-anchor=\"end\"", "%.0f kPa",
		 view_scale(r, v, peak));
}

static double pressure_map(const struct report *r, bool peak, double y)
{
	static const char *const view_name[2] = { "sole (plantar)", "top (dorsal)" };
	const double scale = 0.95, gap = 24.0;
	double w = PAGE_W, h = MAP_H, x = 16;
	int v, foot;

	svg_open(r->f, peak ? "class=\"pressure-map\" data-stat=\"peak\"" :
			      "class=\"pressure-map\" data-stat=\"mean\"", 0, y, w, h);
	svg_text(r->f, 4, 12, "class=\"title\"",
		 "%s pressure per zone (kPa), seen from above, big toes to the middle",
		 peak ? "Peak" : "Mean");
	for (v = FOOT_PLANTAR; v <= FOOT_DORSAL; v++) {
		if (!view_has_data(r, (enum foot_view)v))
			continue;
		svg_text(r->f, x, 32, "class=\"title\"", "%s", view_name[v]);
		for (foot = 0; foot < 2; foot++) {
			if (!r->have[foot])
				continue;
			svg_text(r->f, x + FOOT_W * scale / 2, 50, "text-anchor=\"middle\"",
				 "%s", run_foot_names[foot]);
			draw_foot(r, foot, (enum foot_view)v, peak, x, 58, scale);
			x += FOOT_W * scale + 12;
		}
		map_legend(r, (enum foot_view)v, peak, x - 2 * (FOOT_W * scale + 12) + 6,
			   58 + FOOT_H * scale + 10);
		x += gap + 60;
	}
	svg_close(r->f);
	return h;
}

static bool have_pressure(const struct report *r)
{
	return view_has_data(r, FOOT_PLANTAR) || view_has_data(r, FOOT_DORSAL);
}

/* ---- gait over time ---------------------------------------------------- */

enum gait_metric { GAIT_CADENCE, GAIT_STANCE, GAIT_LOADING, GAIT_NMETRICS };

static const struct {
	const char *name, *title, *unit;
} gait_metric[GAIT_NMETRICS] = {
	{ "cadence", "Cadence", "steps/min" },
	{ "stance", "Stance time", "s" },
	{ "loading", "Heel peak pressure (loading)", "kPa" },
};

static double metric_of(const struct run_sample *s, enum gait_metric m)
{
	switch (m) {
	case GAIT_CADENCE:
		return s->cadence_spm;
	case GAIT_STANCE:
		return s->stance_s;
	default:
		return s->heel_peak_kpa;
	}
}

/* The metric's range over both feet; false when it is never known. */
static bool metric_range(const struct report *r, enum gait_metric m,
			 double *lo, double *hi)
{
	bool any = false;
	size_t k;
	int foot;

	for (foot = 0; foot < 2; foot++) {
		const struct foot_run *run = &r->a->feet[foot];

		for (k = 0; k < run->ns; k++) {
			double v = metric_of(&run->samples[k], m);

			if (!isfinite(v) || v <= 0.0)
				continue;
			if (!any || v < *lo)
				*lo = v;
			if (!any || v > *hi)
				*hi = v;
			any = true;
		}
	}
	return any;
}

static double gait_chart(const struct report *r, enum gait_metric m, double y)
{
	double w = PAGE_W, h = GAIT_H, lo = 0, hi = 0, step;
	char attrs[128];
	int foot;
	size_t k;

	if (!metric_range(r, m, &lo, &hi))
		return 0;
	step = nice_step(hi - lo > 0 ? hi - lo : hi, 3);
	lo = floor(lo / step) * step - step;
	hi = ceil(hi / step) * step + step;
	if (lo < 0)
		lo = 0;
	snprintf(attrs, sizeof(attrs), "class=\"gait-chart\" data-metric=\"%s\"",
		 gait_metric[m].name);
	svg_open(r->f, attrs, 0, y, w, h);
	svg_text(r->f, PLOT_L, 12, "class=\"title\"", "%s (%s), left blue, right red",
		 gait_metric[m].title, gait_metric[m].unit);
	value_axis(r, lo, hi, w, h, "");
	time_axis(r, w, h);
	for (foot = 0; foot < 2; foot++) {
		const struct foot_run *run = &r->a->feet[foot];

		if (!r->have[foot])
			continue;
		snprintf(attrs, sizeof(attrs),
			 "class=\"gait-curve\" data-metric=\"%s\" data-foot=\"%s\" stroke=\"%s\"",
			 gait_metric[m].name, run_foot_names[foot], foot_color[foot]);
		svg_path_begin(r->f, "polyline", attrs);
		for (k = 0; k < run->ns; k++) {
			double v = metric_of(&run->samples[k], m);

			if (isfinite(v) && v > 0.0)
				svg_path_point(r->f, x_of(r, run->samples[k].t, w),
					       y_of(v, lo, hi, h));
		}
		svg_path_end(r->f);
	}
	svg_close(r->f);
	return h;
}

/* ---- facts and causes, as text lines ------------------------------------ */

#define MAX_LINES 64

struct lines {
	char s[MAX_LINES][256];
	int n;
};

static void add_line(struct lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_line(struct lines *l, const char *fmt, ...)
{
	va_list ap;

	if (l->n >= MAX_LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(l->s[l->n++], sizeof(l->s[0]), fmt, ap);
	va_end(ap);
}

/* "label\tvalue" lines: the header's facts. */
static void header_facts(const struct report *r, struct lines *l)
{
	const struct analysis *a = r->a;
	const char *v;
	double gap_s = 0;
	size_t k;
	int i;

	v = run_meta(a, "subject");
	if (v || a->im.subject[0])
		add_line(l, "subject\t%s", v ? v : a->im.subject);
	v = run_meta(a, "started");
	if (v)
		add_line(l, "date\t%s", v);
	add_line(l, "socks\t%s%s%s", r->have[0] ? "left" : "",
		 r->have[0] && r->have[1] ? ", " : "", r->have[1] ? "right" : "");
	for (i = 0; i < a->nmeta; i++)
		if (!strcmp(a->meta[i].key, "serial") ||
		    !strncmp(a->meta[i].key, "serial_", 7) ||
		    !strcmp(a->meta[i].key, "source") ||
		    !strcmp(a->meta[i].key, "scenario") ||
		    !strcmp(a->meta[i].key, "note"))
			add_line(l, "%s\t%s", a->meta[i].key, a->meta[i].value);
	add_line(l, "format\t%s (%s)", fs_format_names[a->im.fmt], a->path);
	if (a->im.rate_hz > 0)
		add_line(l, "rate\t%g Hz", a->im.rate_hz);
	add_line(l, "duration\t%.1f s (%.1f min), %lu frames", run_duration(a),
		 run_duration(a) / 60.0, a->frames);
	for (k = 0; k < a->ngaps; k++)
		gap_s += a->gaps[k].to - a->gaps[k].from;
	if (a->ngaps)
		add_line(l, "data gaps\t%zu (longer than %.1f s), %.1f s in all",
			 a->ngaps, run_gap_s(a), gap_s);
	else
		add_line(l, "data gaps\tnone (longer than %.1f s)", run_gap_s(a));
}

static void index_line(struct lines *l, const char *name, int final, int max)
{
	if (final >= 0)
		add_line(l, "%s\tmax %d, at the end %d", name, max, final);
}

/* One foot's summary, causes and advice. */
static void foot_facts(const struct report *r, int foot, struct lines *l)
{
	const struct fs_state *st = &r->st[foot];
	const char *adv[FS_NCAUSES + 2];
	struct run_ranked rk[FS_NCAUSES];
	unsigned int k;
	int i, n, na;

	add_line(l, "level\tmax %s, at the end %s%s", fs_level_names[st->level_max],
		 fs_level_names[st->level],
		 st->red_flag ? " (RED FLAG: risk stayed high after running stopped)" : "");
	index_line(l, "numbness risk", st->numbness_risk, st->numbness_risk_max);
	index_line(l, "circulation", st->circulation_restriction,
		   st->circulation_restriction_max);
	if (st->session.strides)
		add_line(l, "gait\t%u steps, cadence %.1f spm, stance %.3f s",
			 st->session.steps, st->session.cadence_spm,
			 st->session.stance_s);
	n = run_ranked_causes(st, &r->a->p, rk);
	if (!n)
		add_line(l, "causes\tnone");
	for (i = 0; i < n; i++)
		add_line(l, "cause\t%s, score %.2f, named at %.1f s",
			 fs_cause_names[rk[i].cause], rk[i].score,
			 t_rel(r, rk[i].first_t));
	for (k = st->nrelief > FS_RELIEF_MAX ? st->nrelief - FS_RELIEF_MAX : 0;
	     k < st->nrelief; k++) {
		const struct fs_relief *rl = &st->relief[k % FS_RELIEF_MAX];

		if (rl->kind == FS_RELIEF_RELIEVED)
			add_line(l, "relief\t%s relieved at %.1f s: %s swing pressure %.1f -> %.1f kPa",
				 fs_cause_names[rl->cause], t_rel(r, rl->at_t),
				 run_relief_site(rl->cause), rl->before_kpa,
				 rl->after_kpa);
		else
			add_line(l, "relief\t%s not relieved at %.1f s: still %.1f kPa at the %s",
				 fs_cause_names[rl->cause], t_rel(r, rl->at_t),
				 rl->after_kpa, run_relief_site(rl->cause));
	}
	na = run_advice(st, rk, n, adv);
	for (i = 0; i < na; i++)
		add_line(l, "advice\t%s", adv[i]);
}

static void html_facts(const struct report *r, const struct lines *l,
		       const char *cls)
{
	int i;

	fprintf(r->f, "<table class=\"%s\">\n", cls);
	for (i = 0; i < l->n; i++) {
		const char *tab = strchr(l->s[i], '\t');
		int k = tab ? (int)(tab - l->s[i]) : 0;

		fputs("<tr><td>", r->f);
		svg_escapef(r->f, "%.*s", k, l->s[i]);
		fputs("</td><td>", r->f);
		svg_escape(r->f, tab ? tab + 1 : l->s[i]);
		fputs("</td></tr>\n", r->f);
	}
	fputs("</table>\n", r->f);
}

/* The lines as SVG text; returns the height used. */
static double svg_facts(const struct report *r, const struct lines *l,
			const char *title, const char *cls, double y)
{
	double h = (l->n + 1) * LINE_H + 6;
	int i;

	svg_open(r->f, cls, 0, y, PAGE_W, h);
	svg_text(r->f, 4, 13, "class=\"title\"", "%s", title);
	for (i = 0; i < l->n; i++) {
		const char *tab = strchr(l->s[i], '\t');
		int k = tab ? (int)(tab - l->s[i]) : 0;

		svg_text(r->f, 4, 13 + (i + 1) * LINE_H, "", "%.*s", k, l->s[i]);
		svg_text(r->f, 110, 13 + (i + 1) * LINE_H, "", "%s",
			 tab ? tab + 1 : l->s[i]);
	}
	svg_close(r->f);
	return h;
}

/* ---- the document ------------------------------------------------------ */

/*
 * The sections in order; in HTML each is a <section> with a heading, in
 * SVG each nested <svg> sits under the one before. Returns the height.
 */
static double sections(const struct report *r)
{
	bool html = r->fmt == REPORT_HTML;
	struct lines l;
	double y = 0;
	int foot, m;

	memset(&l, 0, sizeof(l));
	header_facts(r, &l);
	if (html)
		html_facts(r, &l, "facts");
	else
		y += svg_facts(r, &l, "footsock report", "class=\"facts\"", y);

	if (html)
		fputs("<section>\n<h2>Numbness risk and circulation over time</h2>\n", r->f);
	for (foot = 0; foot < 2; foot++)
		if (r->have[foot] && have_index(&r->a->feet[foot], false))
			y += risk_chart(r, foot, y);
	if (html)
		fputs("</section>\n", r->f);

	if (have_pressure(r)) {
		if (html)
			fputs("<section>\n<h2>Pressure map</h2>\n", r->f);
		y += pressure_map(r, false, y);
		y += pressure_map(r, true, y);
		if (html)
			fputs("</section>\n", r->f);
	}

	if (html)
		fputs("<section>\n<h2>Gait over time</h2>\n", r->f);
	for (m = 0; m < GAIT_NMETRICS; m++)
		y += gait_chart(r, (enum gait_metric)m, y);
	if (html)
		fputs("</section>\n", r->f);

	for (foot = 0; foot < 2; foot++) {
		char title[64];

		if (!r->have[foot])
			continue;
		memset(&l, 0, sizeof(l));
		foot_facts(r, foot, &l);
		snprintf(title, sizeof(title), "%s foot: causes and advice",
			 run_foot_names[foot]);
		if (html) {
			fprintf(r->f, "<section>\n<h2>%s</h2>\n", title);
			html_facts(r, &l, "causes");
			fputs("</section>\n", r->f);
		} else {
			y += svg_facts(r, &l, title, foot ? "class=\"causes\" data-foot=\"right\"" :
				       "class=\"causes\" data-foot=\"left\"", y);
		}
	}
	return y;
}

static void write_html(const struct report *r)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<title>footsock report: ", r->f);
	svg_escape(r->f, r->a->path);
	fprintf(r->f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>footsock report</h1>\n",
		report_css);
	sections(r);
	fputs("</body>\n</html>\n", r->f);
}

/*
 * One SVG: the sections are drawn into a scratch file first, since the
 * top element needs the total height.
 */
static int write_svg(struct report *r)
{
	FILE *out = r->f, *tmp = tmpfile();
	char buf[65536];
	double h;
	size_t n;

	if (!tmp)
		return -errno;
	r->f = tmp;
	h = sections(r);
	r->f = out;
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"footsock-report\" width=\"%.1f\" height=\"%.1f\" viewBox=\"0 0 %.1f %.1f\">\n"
		"<style>\n%s</style>\n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
		PAGE_W, h, PAGE_W, h, report_css);
	rewind(tmp);
	while ((n = fread(buf, 1, sizeof(buf), tmp)) > 0)
		fwrite(buf, 1, n, out);
	n = ferror(tmp);
	fclose(tmp);
	fputs("</svg>\n", out);
	return n ? -EIO : 0;
}

int report_check(struct ctl *c)
{
	if (!c->format || !strcmp(c->format, "html"))
		c->fmt = REPORT_HTML;
	else if (!strcmp(c->format, "svg"))
		c->fmt = REPORT_SVG;
	else
		return ctl_usage_error("report", "unknown format '%s' (html or svg)",
				       c->format);
	return 0;
}

int report_run(struct ctl *c)
{
	struct report rep = { .fmt = (enum report_format)c->fmt };
	struct analysis a;
	struct output out;
	int r, k, foot;

	r = run_load(&a, c->args[0], FS_FMT_AUTO, SAMPLE_PERIOD_S, NULL);
	if (r < 0) {
		run_free(&a);
		return CTL_EXIT_FAILURE;
	}
	rep.a = &a;
	for (foot = 0; foot < 2; foot++) {
		rep.have[foot] = a.feet[foot].foot != NULL;
		if (rep.have[foot])
			fs_foot_state(a.feet[foot].foot, &rep.st[foot]);
	}
	r = output_open(&out, c->output);
	if (r < 0) {
		fprintf(stderr, "footsockctl: %s: %s\n", c->output, strerror(-r));
		run_free(&a);
		return CTL_EXIT_FAILURE;
	}
	rep.f = out.f;
	if (rep.fmt == REPORT_HTML)
		write_html(&rep);
	else
		r = write_svg(&rep);
	k = output_close(&out, r >= 0);
	if (r >= 0 && k < 0)
		r = k;
	if (r < 0)
		fprintf(stderr, "footsockctl: %s: %s\n",
			out.target ? out.target : "standard output", strerror(-r));
	run_free(&a);
	return r < 0 ? CTL_EXIT_FAILURE : CTL_EXIT_OK;
}
