/* SPDX-License-Identifier: MIT */
/*
 * Word wrapping (see wrap.h).  Pure and allocation-free.  Each row is filled
 * cluster by cluster while remembering the last run of spaces; on overflow
 * the row is cut at that run, or inside the word when there is none.  Every
 * row but an empty row 0 takes at least one cluster, so the loop always ends
 * and there are never more rows than bytes plus one.
 */
#include "wrap.h"

#include <stdbool.h>

#include "width.h"

static bool wrap_is_space(const char *s, size_t clen)
{
    return clen == 1 && s[0] == ' ';
}

/* Whether text may start at column COL of a WIDTH-column row. */
static bool wrap_roomy(int col, int width)
{
    return col == 0 || width - col >= WRAP_MIN_COLS;
}

/* Where the spaces starting at POS end. */
static size_t wrap_skip_spaces(const char *text, size_t len, size_t pos)
{
    while (pos < len) {
        size_t clen;
        width_next_grapheme(text + pos, len - pos, &clen);
        if (!wrap_is_space(text + pos, clen))
            break;
        pos += clen;
    }
    return pos;
}

/* Fills a row of AVAIL columns with the text from START: stores where the
 * row's text ends in *END and returns where the next row starts (LEN when
 * the text is done). */
static size_t wrap_row(const char *text, size_t len, size_t start, size_t avail, size_t *end)
{
    size_t pos = start, used = 0;
    /* The last run of spaces in the row is [brk, brk_next); brk == start
     * means there is none to break at. */
    size_t brk = start, brk_next = start;
    bool in_run = false;
    while (pos < len) {
        size_t clen;
        size_t w = (size_t)width_next_grapheme(text + pos, len - pos, &clen);
        bool space = wrap_is_space(text + pos, clen);
        if (used + w > avail && pos > start) {
            if (space) {
                *end = in_run && brk > start ? brk : pos;
                return wrap_skip_spaces(text, len, pos);
            }
            if (brk > start) {
                *end = brk;
                return brk_next;
            }
            *end = pos;
            return pos;
        }
        if (space) {
            if (!in_run)
                brk = pos;
            brk_next = pos + clen;
        }
        in_run = space;
        used += w;
        pos += clen;
    }
    *end = len;
    return len;
}

static void wrap_store(struct wrap_row *rows, size_t max_rows, size_t n, size_t start, size_t end,
                       int col)
{
    if (n < max_rows)
        rows[n] = (struct wrap_row){start, end, col};
}

size_t wrap_lines(const char *text, size_t len, int width, int first, int indent,
                  struct wrap_row *rows, size_t max_rows)
{
    size_t n = 0, pos = 0, end;
    if (width < 1)
        width = 1;
    if (first < 0)
        first = 0;
    if (indent < 0 || !wrap_roomy(indent, width))
        indent = 0;
    if (wrap_roomy(first, width)) {
        pos = wrap_row(text, len, 0, (size_t)(width - first), &end);
        wrap_store(rows, max_rows, n++, 0, end, first);
    } else {
        /* The prefix fills the row: it gets the row to itself. */
        wrap_store(rows, max_rows, n++, 0, 0, first);
    }
    while (pos < len) {
        size_t start = pos;
        pos = wrap_row(text, len, start, (size_t)(width - indent), &end);
        wrap_store(rows, max_rows, n++, start, end, indent);
    }
    return n;
}
