/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockctl watch: the renderer. Pure: a snapshot of the daemon, the
 * recent events and the terminal's size go in, a grid of character cells
 * comes out, and the grid is turned into text (plain, or with escape
 * sequences) in a memory buffer. No terminal, no bus, no clock, so the
 * unit test renders synthetic snapshots and reads the cells back.
 */
#ifndef FOOTSOCKCTL_WATCH_RENDER_H
#define FOOTSOCKCTL_WATCH_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "client.h"

/* The shades, lightest (no pressure) to darkest (full scale). */
#define WATCH_SHADES " .:-=+*#%@"
#define WATCH_NSHADES 10

/* Full scale of the shading: plantar zones carry body weight (running
 * peaks reach 250-450 kPa), the upper zones matter from a few kPa (the
 * analysis' block_kpa is 8 kPa), so each group has its own scale. */
#define WATCH_PLANTAR_FULL_KPA 400.0
#define WATCH_UPPER_FULL_KPA 16.0

/* The full layout needs this much room; below it, a compact one. */
#define WATCH_FULL_MIN_COLS 79
#define WATCH_FULL_MIN_ROWS 15

#define WATCH_COLOR_DEFAULT (-1)

enum watch_attr {
	WATCH_BOLD = 1 << 0,
	WATCH_REVERSE = 1 << 1,
};

struct watch_cell {
	char ch;			/* printable ASCII */
	short fg, bg;			/* xterm 256-colour index, or -1 */
	unsigned char attr;		/* enum watch_attr */
};

struct watch_screen {
	unsigned int cols, rows;
	struct watch_cell *cells;	/* rows * cols, row-major */
	/*
	 * Where the last frame drew each zone of each foot (FS_LEFT,
	 * FS_RIGHT): a cell of it, row -1 when not drawn (the compact
	 * layout, no sock). Set by watch_draw(); the tests read it.
	 */
	int zone_row[2][FS_NZONES], zone_col[2][FS_NZONES];
};

/* What one frame shows. */
struct watch_view {
	const struct ctl_daemon *daemon;	/* NULL: nothing read yet */
	const struct ctl_event *events;		/* oldest first */
	size_t n_events;
	const char *events_error;	/* why events are missing, or NULL */
	const char *error;		/* the last update failed, or NULL */
	uint64_t now_usec;		/* CLOCK_REALTIME of this frame */
	uint64_t updated_usec;		/* CLOCK_REALTIME of the data */
};

struct watch_buf {
	char *data;			/* NUL-terminated */
	size_t len, cap;
};

int watch_screen_init(struct watch_screen *s, unsigned int cols,
		      unsigned int rows);
void watch_screen_free(struct watch_screen *s);
const struct watch_cell *watch_screen_at(const struct watch_screen *s,
					 unsigned int row, unsigned int col);

/* Draw a frame over the whole screen (cleared first). */
void watch_draw(struct watch_screen *s, const struct watch_view *v);

/*
 * The screen as terminal output: every row positioned with CUP, SGR for
 * the attributes (and 256 colours when color), the rest of each row
 * erased. Appends to b; -ENOMEM on failure.
 */
int watch_format_screen(const struct watch_screen *s, bool color,
			struct watch_buf *b);
/* The screen as plain lines, trailing blanks dropped, '\n' after each. */
int watch_format_text(const struct watch_screen *s, struct watch_buf *b);

/*
 * One line for a pipe, without the newline:
 * "12:00:01 left warning risk 63 circ 41 tight_laces | right ok risk 3 circ 0"
 */
int watch_format_line(const struct watch_view *v, struct watch_buf *b);

/* 0 (lightest) .. WATCH_NSHADES - 1 for a zone's pressure; -1 if NAN. */
int watch_shade(unsigned int zone, double kpa);

int watch_buf_add(struct watch_buf *b, const char *s, size_t n);
void watch_buf_reset(struct watch_buf *b);
void watch_buf_free(struct watch_buf *b);

#endif
