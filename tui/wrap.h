/* SPDX-License-Identifier: MIT */
/*
 * Word wrapping for the message pane.  A line's first row starts after a
 * prefix (time, sender) of FIRST columns; its continuation rows start at a
 * hanging INDENT.  Rows break at spaces when a word fits on the next row,
 * inside a word (between grapheme clusters) when it does not; a cluster is
 * never split, and a wide one that would straddle the edge goes to the next
 * row.  The spaces at a break are not drawn.
 *
 * Narrow panes degrade instead of failing: the indent is dropped when it
 * would leave fewer than WRAP_MIN_COLS columns, and a prefix that leaves
 * fewer gets row 0 to itself (the text starts on row 1, at the indent).
 * Every row holds at least one cluster, so a row is wider than the pane only
 * when a 2-column cluster meets a 1-column pane.
 */
#ifndef NATTER_TUI_WRAP_H
#define NATTER_TUI_WRAP_H

#include <stddef.h>

#define WRAP_MIN_COLS 8

/* One row: the text's bytes [start, end), drawn from column col. */
struct wrap_row {
    size_t start, end;
    int col;
};

/* Breaks TEXT[0..LEN) into rows of WIDTH columns as described above.
 * Returns the number of rows (at least 1, at most LEN + 1) and stores the
 * first MAX_ROWS of them in ROWS (which may be NULL if MAX_ROWS is 0).  Only
 * row 0 can be empty: when LEN is 0 or the prefix leaves no room. */
size_t wrap_lines(const char *text, size_t len, int width, int first, int indent,
                  struct wrap_row *rows, size_t max_rows);

#endif
