// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl watch: the renderer (see watch-render.h).
 *
 * Full layout (at least WATCH_FULL_MIN_COLS x WATCH_FULL_MIN_ROWS):
 *
 *   title: daemon version, uptime, clock, REC, "q quits"
 *   +- LEFT FS-0001 ----------------+ +- RIGHT FS-0002 ---------------+
 *   | level warning  max warning    | | level ok  max ok              |
 *   | sole ( ..::##@@) top (  ==  ) | | sole (@@##::.. ) top (  ==  ) |
 *   |     (..--**==##)     (:##==@) | |     (##==**--..)     (@==##:) |
 *   |  ... the foot outlines of the report (foot-shape.c), 6 rows:   |
 *   |  toes on top, heel at the bottom, big toes towards the middle  |
 *   | risk [#######......]  63 rising                                 |
 *   | circ [###..........]  41 steady                                 |
 *   | cause tight_laces 0.82        | | cause none                    |
 *   | running 171 spm stance 0.24 s | | ...                           |
 *   +-------------------------------+ +-------------------------------+
 *   recent events                    shade legend
 *   12:00:05 left  level  warning  tight_laces  FS-0001
 *   status line: the daemon's STATUS=, or the last error
 *
 * Each foot is drawn twice, the sole's ten zones and the top's six, as
 * footsockctl report draws them: each cell inside the outline shows the
 * zone at its centre as a shade character (WATCH_SHADES, readable
 * without colour) on a 256-colour background ramp (used only when colour
 * is on); '(' and ')' mark the outline. A smaller terminal gets the compact
 * layout: two lines per foot, then events as far as they fit; whatever
 * does not fit is clipped by the grid, never wrapped.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "foot-shape.h"
#include "watch-render.h"

#define PANEL_ROWS 13
#define LABEL_COLS 4

struct style {
	short fg, bg;
	unsigned char attr;
};

static const struct style plain = { WATCH_COLOR_DEFAULT,
				    WATCH_COLOR_DEFAULT, 0 };
static const struct style bold = { WATCH_COLOR_DEFAULT, WATCH_COLOR_DEFAULT,
				   WATCH_BOLD };

/* Green to red through yellow; index 0 keeps the terminal's background. */
static const short shade_bg[WATCH_NSHADES] = {
	WATCH_COLOR_DEFAULT, 22, 28, 64, 100, 136, 172, 166, 160, 124,
};

/* The rows of a foot drawing; each view as wide as the panel allows. */
#define FOOT_ROWS 6
#define VIEW_MIN_COLS 4
#define VIEW_MAX_COLS 24

/* --- buffer -------------------------------------------------------------- */

static int buf_reserve(struct watch_buf *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->len + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p)
		return -ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

int watch_buf_add(struct watch_buf *b, const char *s, size_t n)
{
	if (buf_reserve(b, n) < 0)
		return -ENOMEM;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static int buf_printf(struct watch_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int buf_printf(struct watch_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if (buf_reserve(b, (size_t)n) < 0)
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void watch_buf_reset(struct watch_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void watch_buf_free(struct watch_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* --- screen -------------------------------------------------------------- */

int watch_screen_init(struct watch_screen *s, unsigned int cols,
		      unsigned int rows)
{
	struct watch_cell *cells = NULL;
	int i;

	if (cols && rows) {
		cells = calloc((size_t)cols * rows, sizeof(*cells));
		if (!cells)
			return -ENOMEM;
	}
	free(s->cells);
	s->cells = cells;
	s->cols = cells ? cols : 0;
	s->rows = cells ? rows : 0;
	for (i = 0; i < FS_NZONES; i++)
		s->zone_row[FS_LEFT][i] = s->zone_row[FS_RIGHT][i] = -1;
	return 0;
}

void watch_screen_free(struct watch_screen *s)
{
	free(s->cells);
	s->cells = NULL;
	s->cols = s->rows = 0;
}

const struct watch_cell *watch_screen_at(const struct watch_screen *s,
					 unsigned int row, unsigned int col)
{
	if (row >= s->rows || col >= s->cols)
		return NULL;
	return &s->cells[(size_t)row * s->cols + col];
}

static void put(struct watch_screen *s, int row, int col, char ch,
		struct style st)
{
	struct watch_cell *c;

	if (row < 0 || col < 0 || (unsigned int)row >= s->rows ||
	    (unsigned int)col >= s->cols)
		return;
	c = &s->cells[(size_t)row * s->cols + (unsigned int)col];
	c->ch = (ch >= 0x20 && ch < 0x7f) ? ch : '?';
	c->fg = st.fg;
	c->bg = st.bg;
	c->attr = st.attr;
}

/* Text at (row, col), never past column end; returns the columns used. */
static int puts_at(struct watch_screen *s, int row, int col, int end,
		   struct style st, const char *text)
{
	int n = 0;

	for (; text[n] && col + n < end; n++)
		put(s, row, col + n, text[n], st);
	return n;
}

static int printf_at(struct watch_screen *s, int row, int col, int end,
		     struct style st, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static int printf_at(struct watch_screen *s, int row, int col, int end,
		     struct style st, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return puts_at(s, row, col, end, st, text);
}

static void fill_row(struct watch_screen *s, int row, int col, int end,
		     char ch, struct style st)
{
	for (; col < end; col++)
		put(s, row, col, ch, st);
}

static void clear(struct watch_screen *s)
{
	size_t i;
	int z;

	for (i = 0; i < (size_t)s->cols * s->rows; i++)
		s->cells[i] = (struct watch_cell){ ' ', WATCH_COLOR_DEFAULT,
						   WATCH_COLOR_DEFAULT, 0 };
	for (z = 0; z < FS_NZONES; z++)
		s->zone_row[FS_LEFT][z] = s->zone_row[FS_RIGHT][z] = -1;
}

/* --- values -------------------------------------------------------------- */

int watch_shade(unsigned int zone, double kpa)
{
	double full = zone < FS_NPLANTAR ? WATCH_PLANTAR_FULL_KPA :
					   WATCH_UPPER_FULL_KPA;
	double x;

	if (zone >= FS_NZONES || isnan(kpa))
		return -1;
	if (kpa <= 0.0)
		return 0;
	/* Any pressure at all is one step above nothing. */
	x = ceil(kpa / full * (WATCH_NSHADES - 1));
	return x >= WATCH_NSHADES - 1 ? WATCH_NSHADES - 1 : (int)x;
}

static struct style level_style(const char *level)
{
	struct style st = plain;

	if (!strcmp(level, "ok")) {
		st.fg = 34;
	} else if (!strcmp(level, "watch")) {
		st.fg = 178;
	} else if (!strcmp(level, "warning")) {
		st.fg = 208;
		st.attr = WATCH_BOLD;
	} else if (!strcmp(level, "stop")) {
		st.fg = 196;
		st.attr = WATCH_BOLD | WATCH_REVERSE;
	}
	return st;
}

static short gauge_color(int value)
{
	if (value < 30)
		return 34;
	if (value < 60)
		return 178;
	if (value < 80)
		return 208;
	return 196;
}

static void clock_text(uint64_t usec, char out[16])
{
	time_t t = (time_t)(usec / 1000000);
	struct tm tm;

	if (!usec || !localtime_r(&t, &tm)) {
		snprintf(out, 16, "--:--:--");
		return;
	}
	snprintf(out, 16, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void uptime_text(double s, char out[24])
{
	unsigned long t = isnan(s) || s < 0 ? 0 : (unsigned long)s;

	if (t < 3600)
		snprintf(out, 24, "%lum%02lus", t / 60, t % 60);
	else if (t < 86400)
		snprintf(out, 24, "%luh%02lum", t / 3600, t / 60 % 60);
	else
		snprintf(out, 24, "%lud%02luh", t / 86400, t / 3600 % 24);
}

/* As ctl_find_foot(), here so that the renderer needs no bus code. */
static const struct ctl_sock *find_foot(const struct ctl_daemon *d,
					const char *foot)
{
	size_t i;

	for (i = 0; i < d->n_socks; i++)
		if (!strcmp(d->socks[i].foot, foot))
			return &d->socks[i];
	return NULL;
}

static const char *top_cause(const struct ctl_sock *k)
{
	return k->n_causes ? k->causes[0].name : "";
}

/* --- the parts ----------------------------------------------------------- */

static void draw_title(struct watch_screen *s, const struct watch_view *v)
{
	const struct style title = { WATCH_COLOR_DEFAULT, WATCH_COLOR_DEFAULT,
				     WATCH_REVERSE };
	const struct ctl_daemon *d = v->daemon;
	int end = (int)s->cols, col;
	char clock[16], up[24];

	fill_row(s, 0, 0, end, ' ', title);
	clock_text(v->now_usec, clock);
	if (d) {
		uptime_text(d->uptime_s, up);
		col = printf_at(s, 0, 0, end, title,
				" footsockd %s  up %s  %s", d->version, up,
				clock);
		if (d->recording[0]) {
			struct style rec = title;

			rec.attr |= WATCH_BOLD;
			rec.fg = 196;
			col += 2 + puts_at(s, 0, col + 2, end, rec, "REC");
		}
	} else {
		col = printf_at(s, 0, 0, end, title, " footsockd  %s", clock);
	}
	if (end - col > 12)
		puts_at(s, 0, end - 9, end, title, "q quits ");
}

static void draw_status(struct watch_screen *s, int row,
			const struct watch_view *v)
{
	const struct style err = { 196, WATCH_COLOR_DEFAULT,
				   WATCH_BOLD | WATCH_REVERSE };
	int end = (int)s->cols;
	char when[16];

	if (row < 1)
		return;
	fill_row(s, row, 0, end, ' ', plain);
	if (v->error) {
		int col;

		fill_row(s, row, 0, end, ' ', err);
		col = printf_at(s, row, 0, end, err, " %s", v->error);
		/* When the last good data is still shown, say how old. */
		clock_text(v->updated_usec, when);
		if (v->daemon && v->updated_usec && end - col >= 28)
			printf_at(s, row, end - 27, end, err,
				  "retrying, data of %s ", when);
	} else if (v->daemon) {
		printf_at(s, row, 0, end, plain, " %s", v->daemon->status);
	} else {
		puts_at(s, row, 0, end, plain, " connecting to footsockd...");
	}
}

/* "risk [######.....]  63 rising" */
static void draw_gauge(struct watch_screen *s, int row, int col, int end,
		       const char *label, int value, const char *trend)
{
	struct style fill = bold;
	int bar = end - col - 19, filled = 0, i;

	if (bar < 4)
		bar = 4;
	if (value >= 0)
		filled = ((value > 100 ? 100 : value) * bar + 50) / 100;
	fill.fg = gauge_color(value);
	col += printf_at(s, row, col, end, plain, "%-4s [", label);
	for (i = 0; i < bar; i++)
		put(s, row, col + i, i < filled ? '#' : '.',
		    i < filled ? fill : plain);
	col += bar;
	if (value >= 0)
		printf_at(s, row, col, end, plain, "] %3d %s", value, trend);
	else
		puts_at(s, row, col, end, plain, "]   -");
}

/* One cell of a zone: its shade, '?' when the value is missing. */
static void draw_zone_cell(struct watch_screen *s, int row, int col,
			   unsigned int zone, double kpa)
{
	int shade = watch_shade(zone, kpa);
	struct style st = plain;
	char ch = '?';

	if (shade >= 0) {
		ch = WATCH_SHADES[shade];
		st.bg = shade_bg[shade];
		st.fg = shade < 4 || shade > 6 ? 231 : 16;
	}
	put(s, row, col, ch, st);
}

/* The foot point at the centre of cell (r, c) of a view `cols` wide. */
static struct foot_pt cell_point(int r, int c, int cols)
{
	return (struct foot_pt){ (c + 0.5) * FOOT_W / cols,
				 (r + 0.5) * FOOT_H / FOOT_ROWS };
}

static void note_zone(struct watch_screen *s, int foot, int z, int row,
		      int col)
{
	if (s->zone_row[foot][z] < 0) {
		s->zone_row[foot][z] = row;
		s->zone_col[foot][z] = col;
	}
}

/*
 * One view of a foot, `cols` cells across plus the outline's column on
 * each side, at (row, col). A zone too small to hold a cell's centre
 * gets the cell of its own centre, so that every zone shows.
 */
static void draw_view(struct watch_screen *s, int row, int col, int cols,
		      const struct ctl_sock *k, int foot, enum foot_view v)
{
	int r, c, z;

	for (r = 0; r < FOOT_ROWS; r++) {
		for (c = -1; c <= cols; c++) {
			struct foot_pt p = cell_point(r, c, cols);
			int x = col + 1 + c;

			if (!foot_inside(p, foot)) {
				if (c + 1 <= cols && foot_inside(cell_point(r, c + 1, cols), foot))
					put(s, row + r, x, '(', plain);
				else if (c > -1 && foot_inside(cell_point(r, c - 1, cols), foot))
					put(s, row + r, x, ')', plain);
				continue;
			}
			z = foot_zone_at(v, p, foot);
			if (z < 0)
				continue;
			draw_zone_cell(s, row + r, x, (unsigned int)z, k->pressure_kpa[z]);
			note_zone(s, foot, z, row + r, x);
		}
	}
	for (z = 0; z < FS_NZONES; z++) {
		struct foot_pt p = foot_zone_center(z, foot);

		if (foot_zone_view(z) != v || s->zone_row[foot][z] >= 0)
			continue;
		r = (int)(p.y / FOOT_H * FOOT_ROWS);
		c = (int)(p.x / FOOT_W * cols);
		draw_zone_cell(s, row + r, col + 1 + c, (unsigned int)z,
			       k->pressure_kpa[z]);
		note_zone(s, foot, z, row + r, col + 1 + c);
	}
}

/* The sole and the top of a foot side by side, each with its name. */
static void draw_zones(struct watch_screen *s, int row, int col, int end,
		       const struct ctl_sock *k, int foot)
{
	int cols = (end - col) / 2 - (LABEL_COLS + 1) - 2;

	if (cols < VIEW_MIN_COLS)
		cols = VIEW_MIN_COLS;
	if (cols > VIEW_MAX_COLS)
		cols = VIEW_MAX_COLS;
	puts_at(s, row, col, end, plain, "sole");
	draw_view(s, row, col + LABEL_COLS + 1, cols, k, foot, FOOT_PLANTAR);
	col += LABEL_COLS + 1 + cols + 2 + 1;
	puts_at(s, row, col, end, plain, "top");
	draw_view(s, row, col + LABEL_COLS, cols, k, foot, FOOT_DORSAL);
}

static void draw_box(struct watch_screen *s, int top, int left, int w, int h)
{
	int r;

	fill_row(s, top, left + 1, left + w - 1, '-', plain);
	fill_row(s, top + h - 1, left + 1, left + w - 1, '-', plain);
	put(s, top, left, '+', plain);
	put(s, top, left + w - 1, '+', plain);
	put(s, top + h - 1, left, '+', plain);
	put(s, top + h - 1, left + w - 1, '+', plain);
	for (r = top + 1; r < top + h - 1; r++) {
		put(s, r, left, '|', plain);
		put(s, r, left + w - 1, '|', plain);
	}
}

static void draw_panel(struct watch_screen *s, int top, int left, int w,
		       const char *foot, const struct ctl_sock *k)
{
	int x = left + 2, end = left + w - 1, col, r = top + 1;
	char heading[64], upper[8];
	size_t i;

	draw_box(s, top, left, w, PANEL_ROWS);
	snprintf(upper, sizeof(upper), "%s", foot);
	for (i = 0; upper[i]; i++)
		upper[i] = (char)toupper((unsigned char)upper[i]);
	snprintf(heading, sizeof(heading), " %s%s%s ", upper, k ? " " : "",
		 k ? k->serial : "");
	puts_at(s, top, left + 2, end - 1, bold, heading);

	if (!k) {
		col = left + (w - (int)strlen("no  sock") - (int)strlen(foot)) / 2;
		printf_at(s, top + PANEL_ROWS / 2, col, end, bold,
			  "no %s sock", foot);
		return;
	}

	col = x + puts_at(s, r, x, end, plain, "level ");
	col += puts_at(s, r, col, end, level_style(k->level), k->level);
	col += printf_at(s, r, col, end, plain, "  max %s", k->level_max);
	if (!k->connected)
		puts_at(s, r, col + 2, end, bold, "disconnected");

	draw_zones(s, r + 1, x, end, k, strcmp(foot, "right") ? FS_LEFT : FS_RIGHT);

	r += 1 + FOOT_ROWS;
	draw_gauge(s, r++, x, end, "risk", k->numbness_risk,
		   k->numbness_trend);
	draw_gauge(s, r++, x, end, "circ", k->circulation_restriction,
		   k->circulation_trend);
	if (k->n_causes)
		printf_at(s, r++, x, end, plain, "cause %s %.2f%s",
			  k->causes[0].name, k->causes[0].score,
			  k->n_causes > 1 ? " +more" : "");
	else if (!strcmp(k->relief.kind, "relieved"))
		/* the fix worked: say so while nothing else is wrong */
		printf_at(s, r++, x, end, plain, "cause none, %s relieved %.1f->%.1f kPa",
			  k->relief.cause, k->relief.before_kpa,
			  k->relief.after_kpa);
	else
		puts_at(s, r++, x, end, plain, "cause none");

	col = x + puts_at(s, r, x, end, plain, k->activity[0] ? k->activity :
							      "-");
	if (!isnan(k->cadence_spm))
		col += printf_at(s, r, col, end, plain, " %.0f spm",
				 k->cadence_spm);
	if (!isnan(k->stance_s))
		printf_at(s, r, col, end, plain, " stance %.2f s", k->stance_s);
}

static void draw_event(struct watch_screen *s, int row,
		       const struct ctl_event *e)
{
	const struct style flag = { 196, WATCH_COLOR_DEFAULT, WATCH_BOLD };
	bool red_flag = !strcmp(e->kind, "red_flag");
	int end = (int)s->cols, col = 1, n;
	char when[16];

	clock_text(e->realtime_usec, when);
	col += printf_at(s, row, col, end, red_flag ? flag : plain,
			 "%s %-5s %-8s ", when, e->foot, e->kind);
	n = puts_at(s, row, col, end, level_style(e->level), e->level);
	/* Levels in a column of their own ("warning" is the longest). */
	col += n > 7 ? n : 7;
	printf_at(s, row, col, end, plain, " %s%s%s", e->cause,
		  e->cause[0] ? "  " : "", e->serial);
}

static void draw_events(struct watch_screen *s, int row, int last,
			const struct watch_view *v, bool legend)
{
	int end = (int)s->cols, n, col;
	size_t first;

	if (row > last)
		return;
	col = puts_at(s, row, 1, end, bold, "recent events");
	if (legend)
		printf_at(s, row, col + 4, end, plain,
			  "shade: sole 0-%.0f kPa, top 0-%.0f kPa [%s]",
			  WATCH_PLANTAR_FULL_KPA, WATCH_UPPER_FULL_KPA,
			  WATCH_SHADES);
	row++;
	if (v->events_error && row <= last) {
		printf_at(s, row++, 1, end, plain, "events: %s", v->events_error);
	} else if (!v->n_events && row <= last) {
		puts_at(s, row, 1, end, plain, "(none yet)");
		return;
	}
	n = last - row + 1;
	if (n <= 0)
		return;
	first = v->n_events > (size_t)n ? v->n_events - (size_t)n : 0;
	for (; first < v->n_events; first++)
		draw_event(s, row++, &v->events[first]);
}

/* Two lines per foot for a small terminal. */
static int draw_compact_foot(struct watch_screen *s, int row,
			     const char *foot, const struct ctl_sock *k)
{
	int end = (int)s->cols, col;
	unsigned int z;

	if (!k) {
		printf_at(s, row, 0, end, bold, "no %s sock", foot);
		return row + 1;
	}
	col = printf_at(s, row, 0, end, bold, "%-5s ", foot);
	col += puts_at(s, row, col, end, level_style(k->level), k->level);
	printf_at(s, row, col, end, plain, " risk %d circ %d %s%s",
		  k->numbness_risk, k->circulation_restriction, top_cause(k),
		  k->connected ? "" : " disconnected");
	row++;
	col = puts_at(s, row, 0, end, plain, "  sole ");
	for (z = 0; z < FS_NZONES; z++) {
		int shade = watch_shade(z, k->pressure_kpa[z]);
		struct style st = plain;

		if (z == FS_NPLANTAR)
			col += puts_at(s, row, col, end, plain, " top ");
		if (shade >= 0)
			st.bg = shade_bg[shade];
		put(s, row, col++, shade >= 0 ? WATCH_SHADES[shade] : '?', st);
	}
	return row + 1;
}

void watch_draw(struct watch_screen *s, const struct watch_view *v)
{
	const struct ctl_sock *left = NULL, *right = NULL;
	int rows = (int)s->rows, cols = (int)s->cols, row;

	if (!s->cells)
		return;
	clear(s);
	if (v->daemon) {
		left = find_foot(v->daemon, "left");
		right = find_foot(v->daemon, "right");
	}
	draw_title(s, v);
	if (cols >= WATCH_FULL_MIN_COLS && rows >= WATCH_FULL_MIN_ROWS) {
		int w = (cols - 1) / 2;

		if (v->daemon) {
			draw_panel(s, 1, 0, w, "left", left);
			draw_panel(s, 1, cols - w, w, "right", right);
		}
		draw_events(s, 1 + PANEL_ROWS, rows - 2, v, true);
	} else {
		row = 1;
		if (v->daemon) {
			row = draw_compact_foot(s, row, "left", left);
			row = draw_compact_foot(s, row, "right", right);
		}
		draw_events(s, row, rows - 2, v, false);
	}
	draw_status(s, rows - 1, v);
}

/* --- output -------------------------------------------------------------- */

static int sgr(struct watch_buf *b, const struct watch_cell *c, bool color)
{
	int r = watch_buf_add(b, "\033[0", 3);

	if (!r && (c->attr & WATCH_BOLD))
		r = watch_buf_add(b, ";1", 2);
	if (!r && (c->attr & WATCH_REVERSE))
		r = watch_buf_add(b, ";7", 2);
	if (!r && color && c->fg >= 0)
		r = buf_printf(b, ";38;5;%d", c->fg);
	if (!r && color && c->bg >= 0)
		r = buf_printf(b, ";48;5;%d", c->bg);
	return r ? r : watch_buf_add(b, "m", 1);
}

static bool same_look(const struct watch_cell *a, const struct watch_cell *b,
		      bool color)
{
	return a->attr == b->attr &&
	       (!color || (a->fg == b->fg && a->bg == b->bg));
}

static bool is_blank(const struct watch_cell *c, bool color)
{
	return c->ch == ' ' && !c->attr &&
	       (!color || c->bg == WATCH_COLOR_DEFAULT);
}

int watch_format_screen(const struct watch_screen *s, bool color,
			struct watch_buf *b)
{
	const struct watch_cell reset = { ' ', WATCH_COLOR_DEFAULT,
					  WATCH_COLOR_DEFAULT, 0 };
	unsigned int row, col, used;
	int r = 0;

	for (row = 0; !r && row < s->rows; row++) {
		const struct watch_cell *line =
			&s->cells[(size_t)row * s->cols];
		const struct watch_cell *cur = &reset;

		/* Up to the last cell that is not plain blank. */
		for (used = s->cols; used && is_blank(&line[used - 1], color);
		     used--)
			;
		r = buf_printf(b, "\033[%u;1H\033[0m", row + 1);
		for (col = 0; !r && col < used; col++) {
			if (!same_look(cur, &line[col], color)) {
				r = sgr(b, &line[col], color);
				cur = &line[col];
			}
			if (!r)
				r = watch_buf_add(b, &line[col].ch, 1);
		}
		if (!r)
			r = watch_buf_add(b, "\033[0m\033[K", 7);
	}
	return r;
}

int watch_format_text(const struct watch_screen *s, struct watch_buf *b)
{
	unsigned int row, col, used;
	int r = 0;

	for (row = 0; !r && row < s->rows; row++) {
		const struct watch_cell *line =
			&s->cells[(size_t)row * s->cols];

		for (used = s->cols; used && line[used - 1].ch == ' '; used--)
			;
		for (col = 0; !r && col < used; col++)
			r = watch_buf_add(b, &line[col].ch, 1);
		if (!r)
			r = watch_buf_add(b, "\n", 1);
	}
	return r;
}

static int line_foot(struct watch_buf *b, const char *foot,
		     const struct ctl_sock *k)
{
	char risk[16] = "-", circ[16] = "-";

	if (!k)
		return buf_printf(b, "no %s sock", foot);
	if (k->numbness_risk >= 0)
		snprintf(risk, sizeof(risk), "%d", k->numbness_risk);
	if (k->circulation_restriction >= 0)
		snprintf(circ, sizeof(circ), "%d", k->circulation_restriction);
	return buf_printf(b, "%s %s risk %s circ %s%s%s%s", foot, k->level,
			  risk, circ, k->n_causes ? " " : "", top_cause(k),
			  k->connected ? "" : " disconnected");
}

int watch_format_line(const struct watch_view *v, struct watch_buf *b)
{
	char clock[16];
	int r;

	clock_text(v->now_usec, clock);
	if (v->error)
		return buf_printf(b, "%s error: %s", clock, v->error);
	if (!v->daemon)
		return buf_printf(b, "%s connecting", clock);
	r = buf_printf(b, "%s ", clock);
	if (!r)
		r = line_foot(b, "left", find_foot(v->daemon, "left"));
	if (!r)
		r = watch_buf_add(b, " | ", 3);
	if (!r)
		r = line_foot(b, "right", find_foot(v->daemon, "right"));
	return r;
}
