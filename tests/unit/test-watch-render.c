// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl watch's renderer on synthetic snapshots: both feet with
 * their labels, zones shaded by pressure, gauges proportional to the
 * value, the layout inside the terminal at every size, a missing foot,
 * the error line, the events and the one-line form for pipes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "foot-shape.h"
#include "watch-render.h"

/* 2026-11-28 12:00:01 UTC */
#define NOON_USEC 1795867201000000ULL

static void fill_sock(struct ctl_sock *k, const char *foot, const char *serial,
		      const char *level, int risk, int circ)
{
	unsigned int z;

	memset(k, 0, sizeof(*k));
	snprintf(k->foot, sizeof(k->foot), "%s", foot);
	snprintf(k->serial, sizeof(k->serial), "%s", serial);
	snprintf(k->level, sizeof(k->level), "%s", level);
	snprintf(k->level_max, sizeof(k->level_max), "%s", level);
	snprintf(k->activity, sizeof(k->activity), "running");
	snprintf(k->numbness_trend, sizeof(k->numbness_trend), "steady");
	snprintf(k->circulation_trend, sizeof(k->circulation_trend), "steady");
	k->connected = true;
	k->rate_hz = 200;
	k->numbness_risk = k->numbness_risk_max = risk;
	k->circulation_restriction = k->circulation_restriction_max = circ;
	k->cadence_spm = 171.0;
	k->stance_s = 0.24;
	k->swing_s = 0.46;
	for (z = 0; z < FS_NZONES; z++)
		k->pressure_kpa[z] = 0.0;
}

struct scene {
	struct ctl_sock socks[2];
	struct ctl_daemon d;
	struct watch_screen screen;
	struct watch_buf text;
};

/* Left: tight laces, heel loaded, toes nearly unloaded. Right: fine. */
static void scene_init(struct scene *sc)
{
	memset(sc, 0, sizeof(*sc));
	fill_sock(&sc->socks[0], "left", "FS-0001", "warning", 63, 41);
	sc->socks[0].pressure_kpa[FS_Z_HEEL_LAT] = 320.0;
	sc->socks[0].pressure_kpa[FS_Z_TOES] = 5.0;
	sc->socks[0].pressure_kpa[FS_Z_DORSUM] = 14.0;
	sc->socks[0].pressure_kpa[FS_Z_CUFF] = 1.0;
	snprintf(sc->socks[0].causes[0].name, sizeof(sc->socks[0].causes[0].name),
		 "tight_laces");
	sc->socks[0].causes[0].score = 0.82;
	sc->socks[0].n_causes = 1;
	fill_sock(&sc->socks[1], "right", "FS-0002", "ok", 20, 0);
	sc->socks[1].pressure_kpa[FS_Z_HEEL_LAT] = 40.0;
	snprintf(sc->d.version, sizeof(sc->d.version), "0.1.0");
	snprintf(sc->d.status, sizeof(sc->d.status),
		 "left warning tight_laces; right ok");
	sc->d.uptime_s = 812.0;
	sc->d.socks = sc->socks;
	sc->d.n_socks = 2;
}

static void scene_free(struct scene *sc)
{
	watch_screen_free(&sc->screen);
	watch_buf_free(&sc->text);
}

static const char *render(struct scene *sc, const struct watch_view *v,
			  unsigned int cols, unsigned int rows)
{
	if (watch_screen_init(&sc->screen, cols, rows) < 0)
		return NULL;
	watch_draw(&sc->screen, v);
	watch_buf_reset(&sc->text);
	if (watch_format_text(&sc->screen, &sc->text) < 0)
		return NULL;
	return sc->text.data;
}

/* Row and column of the first `word` within columns [from, to), or -1. */
static int find(const struct watch_screen *s, const char *word,
		unsigned int from, unsigned int to, unsigned int *row)
{
	size_t n = strlen(word);
	unsigned int r, c, i;

	for (r = 0; r < s->rows; r++)
		for (c = from; c + n <= to && c + n <= s->cols; c++) {
			for (i = 0; i < n; i++)
				if (watch_screen_at(s, r, c + i)->ch != word[i])
					break;
			if (i == n) {
				*row = r;
				return (int)c;
			}
		}
	return -1;
}

/*
 * The shade index of a zone of a foot, read from a cell where the frame
 * drew it; -2 when not drawn, -3 when the cell holds no shade.
 */
static int zone_shade(const struct watch_screen *s, int foot, int zone)
{
	const char *p;
	char ch;

	if (s->zone_row[foot][zone] < 0)
		return -2;
	ch = watch_screen_at(s, (unsigned int)s->zone_row[foot][zone],
			     (unsigned int)s->zone_col[foot][zone])->ch;
	p = strchr(WATCH_SHADES, ch);
	return p && ch ? (int)(p - WATCH_SHADES) : -3;
}

/* Filled cells and bar length of the gauge `label [###...]` in [from, to). */
static void gauge(const struct watch_screen *s, const char *label,
		  unsigned int from, unsigned int to, int *filled, int *len)
{
	char word[16];
	unsigned int row, c;
	int col;

	snprintf(word, sizeof(word), "%s [", label);
	*filled = *len = 0;
	col = find(s, word, from, to, &row);
	if (col < 0)
		return;
	for (c = (unsigned int)col + (unsigned int)strlen(word); c < s->cols; c++) {
		char ch = watch_screen_at(s, row, c)->ch;

		if (ch == ']')
			break;
		*len += 1;
		*filled += ch == '#';
	}
}

static size_t longest_line(const char *text)
{
	size_t longest = 0;

	while (*text) {
		size_t n = strcspn(text, "\n");

		if (n > longest)
			longest = n;
		text += n + (text[n] == '\n');
	}
	return longest;
}

FIXTURE(render)
{
	struct scene sc;
	struct watch_view v;
};

void render_setup(struct __test_metadata *_metadata,
		  FIXTURE_DATA(render) *self, const FIXTURE_VARIANT(render) *variant);
void render_teardown(struct __test_metadata *_metadata,
		     FIXTURE_DATA(render) *self,
		     const FIXTURE_VARIANT(render) *variant);

FIXTURE_SETUP(render)
{
	setenv("TZ", "UTC", 1);
	tzset();
	scene_init(&self->sc);
	memset(&self->v, 0, sizeof(self->v));
	self->v.daemon = &self->sc.d;
	self->v.now_usec = NOON_USEC;
	self->v.updated_usec = NOON_USEC;
}

FIXTURE_TEARDOWN(render)
{
	scene_free(&self->sc);
}

TEST_F(render, both_feet_fit_80x24)
{
	const char *text = render(&self->sc, &self->v, 80, 24);
	unsigned int row, row2;
	int col;

	ASSERT_NE(NULL, text);
	EXPECT_MSG(longest_line(text) <= 80, "%s", text);
	col = find(&self->sc.screen, "LEFT FS-0001", 0, 40, &row);
	EXPECT_MSG(col >= 0, "%s", text);
	col = find(&self->sc.screen, "RIGHT FS-0002", 40, 80, &row2);
	EXPECT_MSG(col >= 0, "%s", text);
	EXPECT_EQ(row, row2);
	EXPECT_LE(0, find(&self->sc.screen, "level warning", 0, 40, &row));
	EXPECT_LE(0, find(&self->sc.screen, "level ok", 40, 80, &row));
	EXPECT_LE(0, find(&self->sc.screen, "cause tight_laces 0.82", 0, 40, &row));
	EXPECT_LE(0, find(&self->sc.screen, "cause none", 40, 80, &row));
	EXPECT_LE(0, find(&self->sc.screen, "171 spm", 0, 40, &row));
	EXPECT_LE(0, find(&self->sc.screen, "footsockd 0.1.0", 0, 80, &row));
	EXPECT_EQ(0, row);
	EXPECT_LE(0, find(&self->sc.screen, "left warning tight_laces", 0, 80, &row));
	EXPECT_EQ(23, row);
	EXPECT_LE(0, find(&self->sc.screen, "]  63 steady", 0, 40, &row));
	EXPECT_GT(0, find(&self->sc.screen, "REC", 0, 80, &row));
	/* Every zone drawn for each foot, in its own panel. */
	for (col = 0; col < FS_NZONES; col++) {
		EXPECT_LE(0, self->sc.screen.zone_row[FS_LEFT][col]);
		EXPECT_GT(40, self->sc.screen.zone_col[FS_LEFT][col]);
		EXPECT_LE(0, self->sc.screen.zone_row[FS_RIGHT][col]);
		EXPECT_LE(40, self->sc.screen.zone_col[FS_RIGHT][col]);
	}
	EXPECT_LE(0, find(&self->sc.screen, "sole", 0, 40, &row));
	EXPECT_LE(0, find(&self->sc.screen, "top", 40, 80, &row));

	/* A recording running: said in the title. */
	snprintf(self->sc.d.recording, sizeof(self->sc.d.recording),
		 "/var/lib/footsock/recordings/S01.csv");
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	EXPECT_LE(0, find(&self->sc.screen, "REC", 0, 80, &row));
	EXPECT_EQ(0, row);
	EXPECT_LE(0, find(&self->sc.screen, "q quits", 0, 80, &row));
}

TEST_F(render, pressure_shades_darker)
{
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	const struct watch_screen *sc = &self->sc.screen;

	/* Left: heel 320 kPa, toes 5 kPa, hallux nothing. */
	EXPECT_EQ(WATCH_NSHADES - 2, zone_shade(sc, FS_LEFT, FS_Z_HEEL_LAT));
	EXPECT_EQ(1, zone_shade(sc, FS_LEFT, FS_Z_TOES));
	EXPECT_EQ(0, zone_shade(sc, FS_LEFT, FS_Z_HALLUX));
	EXPECT_LT(zone_shade(sc, FS_LEFT, FS_Z_TOES),
		  zone_shade(sc, FS_LEFT, FS_Z_HEEL_LAT));
	/* The upper zones have their own scale: 14 kPa under the laces is
	 * dark although it is a twentieth of the heel's. */
	EXPECT_LT(zone_shade(sc, FS_LEFT, FS_Z_CUFF),
		  zone_shade(sc, FS_LEFT, FS_Z_DORSUM));
	EXPECT_LE(7, zone_shade(sc, FS_LEFT, FS_Z_DORSUM));
	/* The same heel zone, less loaded on the right. */
	EXPECT_LT(zone_shade(sc, FS_RIGHT, FS_Z_HEEL_LAT),
		  zone_shade(sc, FS_LEFT, FS_Z_HEEL_LAT));

	/* A missing value is not drawn as "no pressure". */
	self->sc.socks[0].pressure_kpa[FS_Z_TOES] = NAN;
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	EXPECT_EQ(-3, zone_shade(sc, FS_LEFT, FS_Z_TOES));
}

TEST_F(render, colour_ramp_follows_the_shade)
{
	const struct watch_screen *sc = &self->sc.screen;
	const struct watch_cell *hl, *toes;
	unsigned int row, c;
	int n = 0;

	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	ASSERT_LE(0, sc->zone_row[FS_LEFT][FS_Z_HEEL_LAT]);
	ASSERT_LE(0, sc->zone_row[FS_LEFT][FS_Z_TOES]);
	hl = watch_screen_at(sc, (unsigned int)sc->zone_row[FS_LEFT][FS_Z_HEEL_LAT],
			     (unsigned int)sc->zone_col[FS_LEFT][FS_Z_HEEL_LAT]);
	toes = watch_screen_at(sc, (unsigned int)sc->zone_row[FS_LEFT][FS_Z_TOES],
			       (unsigned int)sc->zone_col[FS_LEFT][FS_Z_TOES]);
	EXPECT_NE(WATCH_COLOR_DEFAULT, hl->bg);
	EXPECT_NE(toes->bg, hl->bg);
	/* Every cell of the heel's shade carries its colour: the zone is more
	 * than one cell. */
	row = (unsigned int)sc->zone_row[FS_LEFT][FS_Z_HEEL_LAT];
	for (c = 0; c < 40; c++) {
		if (watch_screen_at(sc, row, c)->ch != hl->ch)
			continue;
		EXPECT_EQ(hl->bg, watch_screen_at(sc, row, c)->bg);
		n++;
	}
	EXPECT_LE(2, n);
	/* Colour is only sent when asked for. */
	watch_buf_reset(&self->sc.text);
	ASSERT_EQ(0, watch_format_screen(&self->sc.screen, true, &self->sc.text));
	EXPECT_NE(NULL, strstr(self->sc.text.data, ";48;5;"));
	watch_buf_reset(&self->sc.text);
	ASSERT_EQ(0, watch_format_screen(&self->sc.screen, false, &self->sc.text));
	EXPECT_EQ(NULL, strstr(self->sc.text.data, ";5;"));
	EXPECT_NE(NULL, strstr(self->sc.text.data, "sole"));
}

TEST_F(render, feet_drawn_as_feet)
{
	const struct watch_screen *sc = &self->sc.screen;
	int foot, z, r, c, opens, closes;

	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	/* Big toes towards the middle: the left foot's hallux right of its
	 * lesser toes and met1 right of met5; the right foot the mirror. */
	EXPECT_GT(sc->zone_col[FS_LEFT][FS_Z_HALLUX], sc->zone_col[FS_LEFT][FS_Z_TOES]);
	EXPECT_LT(sc->zone_col[FS_RIGHT][FS_Z_HALLUX], sc->zone_col[FS_RIGHT][FS_Z_TOES]);
	EXPECT_GT(sc->zone_col[FS_LEFT][FS_Z_MET1], sc->zone_col[FS_LEFT][FS_Z_MET5]);
	EXPECT_LT(sc->zone_col[FS_RIGHT][FS_Z_MET1], sc->zone_col[FS_RIGHT][FS_Z_MET5]);
	for (foot = FS_LEFT; foot <= FS_RIGHT; foot++) {
		/* Toes on top, heel at the bottom; the laces above the cuff. */
		EXPECT_LT(sc->zone_row[foot][FS_Z_HALLUX], sc->zone_row[foot][FS_Z_MET1]);
		EXPECT_LT(sc->zone_row[foot][FS_Z_MET1], sc->zone_row[foot][FS_Z_HEEL_MED]);
		EXPECT_LT(sc->zone_row[foot][FS_Z_TOEBOX_TOP], sc->zone_row[foot][FS_Z_DORSUM]);
		EXPECT_LT(sc->zone_row[foot][FS_Z_DORSUM], sc->zone_row[foot][FS_Z_CUFF]);
		/* The top's zones right of the sole's. */
		EXPECT_LT(sc->zone_col[foot][FS_Z_HEEL_LAT], sc->zone_col[foot][FS_Z_DORSUM]);
		/* Each row of each view between an outline's '(' and ')': two
		 * of each a row per foot (sole and top). */
		for (r = sc->zone_row[foot][FS_Z_HALLUX];
		     r <= sc->zone_row[foot][FS_Z_HEEL_MED]; r++) {
			opens = closes = 0;
			for (c = foot ? 40 : 0; c < (foot ? 80 : 40); c++) {
				opens += watch_screen_at(sc, (unsigned int)r, (unsigned int)c)->ch == '(';
				closes += watch_screen_at(sc, (unsigned int)r, (unsigned int)c)->ch == ')';
			}
			EXPECT_EQ(2, opens);
			EXPECT_EQ(2, closes);
		}
		/* Zones of the same view do not share a cell. */
		for (z = 0; z < FS_NZONES; z++)
			for (c = z + 1; c < FS_NZONES; c++)
				EXPECT_FALSE(sc->zone_row[foot][z] == sc->zone_row[foot][c] &&
					     sc->zone_col[foot][z] == sc->zone_col[foot][c]);
	}
	/* The same outline as footsockctl report: a cell of the left sole's
	 * heel is inside foot-shape.c's heel polygon. */
	EXPECT_EQ(FS_Z_HEEL_LAT, foot_zone_at(FOOT_PLANTAR,
		  (struct foot_pt){ 35, 215 }, FS_LEFT));
}

TEST_F(render, gauges_proportional)
{
	static const int values[] = { 0, 1, 20, 50, 63, 99, 100 };
	unsigned int sizes[][2] = { { 80, 24 }, { 100, 30 }, { 200, 50 } };
	int filled, len, right_filled, right_len;
	size_t i, j;

	for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
		unsigned int half = sizes[j][0] / 2;

		for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			self->sc.socks[0].numbness_risk = values[i];
			self->sc.socks[1].circulation_restriction = values[i];
			ASSERT_NE(NULL, render(&self->sc, &self->v, sizes[j][0],
					       sizes[j][1]));
			gauge(&self->sc.screen, "risk", 0, half, &filled, &len);
			ASSERT_LE(10, len);
			EXPECT_MSG(fabs(filled - values[i] * len / 100.0) <= 0.5,
				   "risk %d: %d of %d", values[i], filled, len);
			gauge(&self->sc.screen, "circ", half, sizes[j][0],
			      &right_filled, &right_len);
			EXPECT_EQ(len, right_len);
			EXPECT_EQ(filled, right_filled);
		}
	}
	/* 63 against 20 on the same screen. */
	self->sc.socks[0].numbness_risk = 63;
	self->sc.socks[1].numbness_risk = 20;
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	gauge(&self->sc.screen, "risk", 0, 40, &filled, &len);
	gauge(&self->sc.screen, "risk", 40, 80, &right_filled, &right_len);
	EXPECT_EQ(len, right_len);
	EXPECT_EQ((63 * len + 50) / 100, filled);
	EXPECT_EQ((20 * len + 50) / 100, right_filled);
	/* Unknown: an empty bar, no number. */
	self->sc.socks[0].numbness_risk = -1;
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	gauge(&self->sc.screen, "risk", 0, 40, &filled, &len);
	EXPECT_EQ(0, filled);
}

TEST_F(render, missing_foot)
{
	unsigned int row;
	const char *text;

	self->sc.d.n_socks = 1;
	text = render(&self->sc, &self->v, 80, 24);
	ASSERT_NE(NULL, text);
	EXPECT_LE(0, find(&self->sc.screen, "LEFT FS-0001", 0, 40, &row));
	EXPECT_MSG(find(&self->sc.screen, "no right sock", 40, 80, &row) >= 0,
		   "%s", text);
	EXPECT_GT(0, find(&self->sc.screen, "level ok", 0, 80, &row));

	/* Only the right one. */
	self->sc.d.socks = &self->sc.socks[1];
	text = render(&self->sc, &self->v, 80, 24);
	EXPECT_LE(0, find(&self->sc.screen, "no left sock", 0, 40, &row));
	EXPECT_LE(0, find(&self->sc.screen, "RIGHT FS-0002", 40, 80, &row));

	/* Known but unplugged (or a replay that ended): said so. */
	EXPECT_GT(0, find(&self->sc.screen, "disconnected", 0, 80, &row));
	self->sc.socks[1].connected = false;
	render(&self->sc, &self->v, 80, 24);
	EXPECT_LE(0, find(&self->sc.screen, "disconnected", 40, 80, &row));
}

/* Every size from 1x1 up: nothing outside the screen, and the compact
 * layout still names both feet and their levels when there is room. */
TEST_F(render, every_size_fits)
{
	unsigned int cols, rows, row;

	for (cols = 1; cols <= 120; cols += 1)
		for (rows = 1; rows <= 40; rows += 3) {
			const char *text = render(&self->sc, &self->v, cols, rows);
			const char *p;
			size_t n = 0;

			ASSERT_NE(NULL, text);
			ASSERT_MSG(longest_line(text) <= cols, "%ux%u", cols, rows);
			for (p = text; *p; p++)
				n += *p == '\n';
			ASSERT_EQ(rows, n);

			/* The terminal form: visible columns only. */
			watch_buf_reset(&self->sc.text);
			ASSERT_EQ(0, watch_format_screen(&self->sc.screen, true,
							 &self->sc.text));
			for (p = self->sc.text.data, n = 0; *p; p++) {
				if (*p == '\033') {
					p += strcspn(p, "HmKJ");
					if (*p == 'H')
						n = 0;
					continue;
				}
				n++;
				ASSERT_MSG(n <= cols, "%ux%u", cols, rows);
			}
		}
	render(&self->sc, &self->v, 60, 12);
	EXPECT_LE(0, find(&self->sc.screen, "left  warning risk 63 circ 41 tight_laces",
			  0, 60, &row));
	EXPECT_LE(0, find(&self->sc.screen, "right ok risk 20 circ 0", 0, 60, &row));
}

TEST_F(render, error_in_status_line)
{
	unsigned int row;

	self->v.error = "footsockd is not running (systemctl start footsockd)";
	self->v.updated_usec = NOON_USEC - 5000000;
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	EXPECT_LE(0, find(&self->sc.screen, "footsockd is not running", 0, 80, &row));
	EXPECT_EQ(23, row);
	/* With room, how old the data on screen is. */
	ASSERT_NE(NULL, render(&self->sc, &self->v, 100, 30));
	EXPECT_LE(0, find(&self->sc.screen, "footsockd is not running", 0, 100, &row));
	EXPECT_LE(0, find(&self->sc.screen, "retrying, data of 11:59:56", 0, 100, &row));
	EXPECT_EQ(29, row);
	/* The last good data stays. */
	EXPECT_LE(0, find(&self->sc.screen, "LEFT FS-0001", 0, 40, &row));

	/* Nothing read yet: no panels, but the reason. */
	self->v.daemon = NULL;
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	EXPECT_GT(0, find(&self->sc.screen, "LEFT", 0, 80, &row));
	EXPECT_LE(0, find(&self->sc.screen, "footsockd is not running", 0, 80, &row));
}

TEST_F(render, recent_events)
{
	struct ctl_event ev[12];
	unsigned int row_first, row_last;
	char word[64];
	size_t i;

	memset(ev, 0, sizeof(ev));
	for (i = 0; i < 12; i++) {
		ev[i].realtime_usec = NOON_USEC + i * 60000000ULL;
		snprintf(ev[i].kind, sizeof(ev[i].kind), "level");
		snprintf(ev[i].foot, sizeof(ev[i].foot), "left");
		snprintf(ev[i].serial, sizeof(ev[i].serial), "FS-0001");
		snprintf(ev[i].level, sizeof(ev[i].level), "warning");
		snprintf(ev[i].cause, sizeof(ev[i].cause), "tight_laces");
	}
	self->v.events = ev;
	self->v.n_events = 12;
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	EXPECT_LE(0, find(&self->sc.screen, "recent events", 0, 80, &row_first));
	/* The newest at the bottom, above the status line. */
	EXPECT_LE(0, find(&self->sc.screen, "12:11:01 left  level    warning tight_laces  FS-0001",
			  0, 80, &row_last));
	EXPECT_EQ(22, row_last);
	/* The oldest did not fit. */
	EXPECT_GT(0, find(&self->sc.screen, "12:00:01 left", 0, 80, &row_first));
	/* A taller screen shows more of them. */
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 40));
	snprintf(word, sizeof(word), "12:00:01 left");
	EXPECT_LE(0, find(&self->sc.screen, word, 0, 80, &row_first));

	self->v.n_events = 0;
	self->v.events_error = "Unknown method GetEvents";
	ASSERT_NE(NULL, render(&self->sc, &self->v, 80, 24));
	EXPECT_LE(0, find(&self->sc.screen, "events: Unknown method GetEvents",
			  0, 80, &row_first));
}

TEST_F(render, one_line_for_pipes)
{
	struct watch_buf b = { 0 };

	ASSERT_EQ(0, watch_format_line(&self->v, &b));
	EXPECT_STREQ("12:00:01 left warning risk 63 circ 41 tight_laces | right ok risk 20 circ 0",
		     b.data);

	watch_buf_reset(&b);
	self->sc.socks[1].connected = false;
	self->sc.socks[1].numbness_risk = -1;
	ASSERT_EQ(0, watch_format_line(&self->v, &b));
	EXPECT_STREQ("12:00:01 left warning risk 63 circ 41 tight_laces | right ok risk - circ 0 disconnected",
		     b.data);

	watch_buf_reset(&b);
	self->sc.d.n_socks = 1;
	ASSERT_EQ(0, watch_format_line(&self->v, &b));
	EXPECT_STREQ("12:00:01 left warning risk 63 circ 41 tight_laces | no right sock",
		     b.data);

	watch_buf_reset(&b);
	self->v.error = "footsockd is not running (systemctl start footsockd)";
	ASSERT_EQ(0, watch_format_line(&self->v, &b));
	EXPECT_STREQ("12:00:01 error: footsockd is not running (systemctl start footsockd)",
		     b.data);
	watch_buf_free(&b);
}

TEST(shade_scale)
{
	int last = 0, s;
	double kpa;

	EXPECT_EQ(-1, watch_shade(FS_Z_HEEL_LAT, NAN));
	EXPECT_EQ(-1, watch_shade(FS_NZONES, 10.0));
	EXPECT_EQ(0, watch_shade(FS_Z_HEEL_LAT, 0.0));
	EXPECT_EQ(0, watch_shade(FS_Z_HEEL_LAT, -3.0));
	EXPECT_EQ(1, watch_shade(FS_Z_HEEL_LAT, 0.5));
	EXPECT_EQ(WATCH_NSHADES - 1, watch_shade(FS_Z_HEEL_LAT, WATCH_PLANTAR_FULL_KPA));
	EXPECT_EQ(WATCH_NSHADES - 1, watch_shade(FS_Z_HEEL_LAT, 5000.0));
	EXPECT_EQ(WATCH_NSHADES - 1, watch_shade(FS_Z_DORSUM, WATCH_UPPER_FULL_KPA));
	/* Monotonic, and every shade is reached. */
	for (kpa = 0.0; kpa <= WATCH_PLANTAR_FULL_KPA; kpa += 1.0) {
		s = watch_shade(FS_Z_MET1, kpa);
		EXPECT_LE(last, s);
		EXPECT_GE(last + 1, s);
		last = s;
	}
	EXPECT_EQ(WATCH_NSHADES - 1, last);
}

TEST_HARNESS_MAIN
