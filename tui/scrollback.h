/* SPDX-License-Identifier: MIT */
/*
 * A window's scrollback: a ring of at most max_lines lines (the oldest is
 * dropped), a scroll position in display rows, and unread/mention counters.
 * Pure: no curses; window.c asks scrollback_view what to draw.
 *
 * Layout, said once here: a line's first row shows the time in time_cols
 * columns, then "<sender> " when there is a sender, then the text; its
 * continuation rows are indented to where the text started (wrap.c drops
 * that indent when the pane is too narrow for it).  Lines are wrapped when
 * drawn, not when stored, so a resize needs no reflow; each line caches its
 * row count for the current width.
 *
 * The position is the view's bottom row: either following the newest line
 * (new lines scroll the view), or a line and how many of its rows are below
 * the view (new lines leave the view alone and "more below" shows).
 * Scrolling, drawing and clamping walk line by line from that row, so their
 * cost depends on the rows moved and shown, not on the number of lines.
 */
#ifndef NATTER_TUI_SCROLLBACK_H
#define NATTER_TUI_SCROLLBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum scrollback_kind {
    SCROLLBACK_MESSAGE = 0, /* someone's message: counts as unread */
    SCROLLBACK_SYSTEM,      /* joins, topics, notices: drawn dim */
    SCROLLBACK_ERROR,
    SCROLLBACK_OWN, /* what we sent */
};

struct scrollback_line {
    time_t time;
    enum scrollback_kind kind;
    bool mention; /* it names us: drawn highlighted */
    char *sender; /* "" when there is none */
    char *text;
    size_t len;     /* of text */
    int prefix;     /* columns before the text on the first row */
    int rows_width; /* width the rows count is for; 0 if not counted */
    size_t rows;
};

/* One row of the view: bytes [start, end) of line->text drawn from column
 * col; on a line's first row the time and sender go before col. */
struct scrollback_row {
    const struct scrollback_line *line;
    size_t start, end;
    int col;
    bool first;
};

struct scrollback;

/* A scrollback of at most MAX_LINES lines (at least 1) whose timestamps
 * take TIME_COLS columns with the space after them (0 hides them),
 * following the newest line. */
struct scrollback *scrollback_create(size_t max_lines, int time_cols);
/* Frees SB and its lines; SB may be NULL. */
void scrollback_destroy(struct scrollback *sb);

/* Appends a line (copying SENDER, which may be NULL, and TEXT), dropping the
 * oldest when full; counts it as unread if a MESSAGE, as a mention if
 * MENTION. */
void scrollback_push(struct scrollback *sb, time_t t, enum scrollback_kind kind, const char *sender,
                     const char *text, bool mention);
/* Drops every line (/clear) and goes back to the bottom. */
void scrollback_clear(struct scrollback *sb);
size_t scrollback_count(const struct scrollback *sb);
/* Line I, 0 being the oldest; I < scrollback_count. */
const struct scrollback_line *scrollback_line(const struct scrollback *sb, size_t i);

/* Sets the pane's size; nothing scrolls or draws before the first call. */
void scrollback_resize(struct scrollback *sb, int height, int width);
/* Moves the view up or down by ROWS display rows, stopping at the oldest
 * line's first row at the top and at the bottom (which then follows). */
void scrollback_scroll_up(struct scrollback *sb, size_t rows);
void scrollback_scroll_down(struct scrollback *sb, size_t rows);
/* PageUp/PageDown: a screenful less one row, so one row stays in view. */
void scrollback_page_up(struct scrollback *sb);
void scrollback_page_down(struct scrollback *sb);
void scrollback_scroll_top(struct scrollback *sb);
void scrollback_scroll_bottom(struct scrollback *sb);
/* Whether the view shows the newest row (else "more below"). */
bool scrollback_at_bottom(const struct scrollback *sb);
/* How many lines are wholly below the view. */
size_t scrollback_below(const struct scrollback *sb);

/* Fills ROWS with what the pane shows, top to bottom, at most the height
 * and MAX; returns how many.  Fewer than the height only when all the lines
 * fit: the caller chooses whether they hang from the top or sit at the
 * bottom.  Pointers into SB are valid until the next push or clear. */
size_t scrollback_view(struct scrollback *sb, struct scrollback_row *rows, size_t max);

/* Lines counted since the last clear_unread: MESSAGE lines, and mentions. */
size_t scrollback_unread(const struct scrollback *sb);
size_t scrollback_mentions(const struct scrollback *sb);
void scrollback_clear_unread(struct scrollback *sb);

#endif
