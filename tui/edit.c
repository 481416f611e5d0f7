/* SPDX-License-Identifier: MIT */
/*
 * The input line editor (see edit.h).  Every change goes through
 * edit_replace, which rebuilds the table of cluster boundaries; motion,
 * deletion and the view then work on that table.  An insertion can change
 * where clusters end (a combining mark joins the letter before it, a
 * regional indicator pairs with its neighbour), so after each change the
 * cursor is moved forward to the next boundary.
 */
#include "edit.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "natter/xalloc.h"
#include "width.h"

/* Columns of context kept beside the cursor when the line scrolls: a quarter
 * of the row, but no more than this. */
#define EDIT_VIEW_MARGIN 10

/* Whether S[0..N) is UTF-8 without control characters, i.e. text a line
 * may carry. */
static bool edit_valid(const char *s, size_t n)
{
    size_t pos = 0;
    while (pos < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + pos,
                                              n - pos > 4 ? 4 : (utf8proc_ssize_t)(n - pos), &cp);
        if (k <= 0 || utf8proc_category(cp) == UTF8PROC_CATEGORY_CC)
            return false;
        pos += (size_t)k;
    }
    return true;
}

/* Index of the first boundary at or after byte OFF. */
static size_t edit_index(const struct edit *e, size_t off)
{
    size_t lo = 0, hi = e->nbound - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e->bound[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t edit_cur(const struct edit *e)
{
    return edit_index(e, e->pos);
}

/* Rebuilds the boundary table and puts the cursor back on a boundary. */
static void edit_reflow(struct edit *e)
{
    size_t pos = 0, col = 0, n = 0;
    e->bound[n++] = (struct edit_bound){0, 0};
    while (pos < e->len) {
        size_t clen;
        col += (size_t)width_next_grapheme(e->buf + pos, e->len - pos, &clen);
        pos += clen;
        e->bound[n++] = (struct edit_bound){(uint16_t)pos, (uint16_t)col};
    }
    e->nbound = n;
    if (e->pos > e->len)
        e->pos = e->len;
    e->pos = e->bound[edit_cur(e)].off;
}

/* Replaces the line with S (from the history), cursor at the end. */
static void edit_load(struct edit *e, const char *s)
{
    size_t n = strlen(s);
    assert(n <= EDIT_MAX);
    memcpy(e->buf, s, n);
    e->buf[n] = '\0';
    e->len = e->pos = n;
    e->scroll = 0;
    edit_reflow(e);
}

void edit_init(struct edit *e, size_t history_max)
{
    memset(e, 0, sizeof *e);
    e->hist_max = history_max;
    if (history_max)
        e->hist = xcalloc(history_max, sizeof *e->hist);
    edit_reflow(e);
}

void edit_destroy(struct edit *e)
{
    if (e->hist)
        for (size_t i = 0; i < e->hist_max; i++)
            free(e->hist[i]);
    free(e->hist);
    free(e->draft);
    e->hist = NULL;
    e->draft = NULL;
    e->hist_max = e->hist_count = e->hist_pos = 0;
}

const char *edit_text(const struct edit *e, size_t *len)
{
    if (len)
        *len = e->len;
    return e->buf;
}

size_t edit_cursor(const struct edit *e)
{
    return e->pos;
}

enum edit_result edit_replace(struct edit *e, size_t from, size_t to, const char *s, size_t n)
{
    assert(from <= to && to <= e->len);
    if (!edit_valid(s, n))
        return EDIT_INVALID;
    if (e->len - (to - from) + n > EDIT_MAX)
        return EDIT_TOO_LONG;
    memmove(e->buf + from + n, e->buf + to, e->len - to);
    if (n)
        memcpy(e->buf + from, s, n);
    e->len = e->len - (to - from) + n;
    e->buf[e->len] = '\0';
    e->pos = from + n;
    edit_reflow(e);
    return EDIT_OK;
}

enum edit_result edit_insert(struct edit *e, const char *s, size_t n)
{
    return edit_replace(e, e->pos, e->pos, s, n);
}

void edit_clear(struct edit *e)
{
    e->len = e->pos = e->scroll = 0;
    e->buf[0] = '\0';
    edit_reflow(e);
}

bool edit_left(struct edit *e)
{
    size_t i = edit_cur(e);
    if (i == 0)
        return false;
    e->pos = e->bound[i - 1].off;
    return true;
}

bool edit_right(struct edit *e)
{
    size_t i = edit_cur(e);
    if (i + 1 >= e->nbound)
        return false;
    e->pos = e->bound[i + 1].off;
    return true;
}

void edit_home(struct edit *e)
{
    e->pos = 0;
}

void edit_end(struct edit *e)
{
    e->pos = e->len;
}

/* Whether cluster I (from boundary I to I + 1) is a plain space. */
static bool edit_is_space(const struct edit *e, size_t i)
{
    size_t off = e->bound[i].off;
    return e->bound[i + 1].off == off + 1 && e->buf[off] == ' ';
}

/* Boundary index of the start of the word before boundary I. */
static size_t edit_word_start(const struct edit *e, size_t i)
{
    while (i > 0 && edit_is_space(e, i - 1))
        i--;
    while (i > 0 && !edit_is_space(e, i - 1))
        i--;
    return i;
}

/* Boundary index of the end of the word after boundary I. */
static size_t edit_word_end(const struct edit *e, size_t i)
{
    size_t last = e->nbound - 1;
    while (i < last && edit_is_space(e, i))
        i++;
    while (i < last && !edit_is_space(e, i))
        i++;
    return i;
}

bool edit_word_left(struct edit *e)
{
    size_t old = e->pos;
    e->pos = e->bound[edit_word_start(e, edit_cur(e))].off;
    return e->pos != old;
}

bool edit_word_right(struct edit *e)
{
    size_t old = e->pos;
    e->pos = e->bound[edit_word_end(e, edit_cur(e))].off;
    return e->pos != old;
}

/* Deletes bytes [FROM, TO), saving them for Ctrl-Y if KILL. */
static bool edit_cut(struct edit *e, size_t from, size_t to, bool kill)
{
    if (from == to)
        return false;
    if (kill) {
        memcpy(e->kill, e->buf + from, to - from);
        e->kill_len = to - from;
    }
    edit_replace(e, from, to, "", 0);
    return true;
}

bool edit_backspace(struct edit *e)
{
    size_t i = edit_cur(e);
    return i > 0 && edit_cut(e, e->bound[i - 1].off, e->pos, false);
}

bool edit_delete(struct edit *e)
{
    size_t i = edit_cur(e);
    return i + 1 < e->nbound && edit_cut(e, e->pos, e->bound[i + 1].off, false);
}

bool edit_kill_word(struct edit *e)
{
    return edit_cut(e, e->bound[edit_word_start(e, edit_cur(e))].off, e->pos, true);
}

bool edit_kill_home(struct edit *e)
{
    return edit_cut(e, 0, e->pos, true);
}

bool edit_kill_end(struct edit *e)
{
    return edit_cut(e, e->pos, e->len, true);
}

enum edit_result edit_yank(struct edit *e)
{
    return edit_insert(e, e->kill, e->kill_len);
}

/* The K-th newest history entry, 1 <= K <= hist_count. */
static const char *edit_history_entry(const struct edit *e, size_t k)
{
    return e->hist[(e->hist_head + e->hist_count - k) % e->hist_max];
}

bool edit_history_up(struct edit *e)
{
    if (e->hist_pos >= e->hist_count)
        return false;
    if (e->hist_pos == 0) {
        free(e->draft);
        e->draft = xstrndup(e->buf, e->len);
    }
    e->hist_pos++;
    edit_load(e, edit_history_entry(e, e->hist_pos));
    return true;
}

bool edit_history_down(struct edit *e)
{
    if (e->hist_pos == 0)
        return false;
    e->hist_pos--;
    if (e->hist_pos > 0) {
        edit_load(e, edit_history_entry(e, e->hist_pos));
    } else {
        edit_load(e, e->draft ? e->draft : "");
        free(e->draft);
        e->draft = NULL;
    }
    return true;
}

void edit_submit(struct edit *e)
{
    if (e->len > 0 && e->hist_max > 0 &&
        (e->hist_count == 0 || strcmp(edit_history_entry(e, 1), e->buf) != 0)) {
        char *line = xstrndup(e->buf, e->len);
        if (e->hist_count == e->hist_max) {
            /* Full: the oldest entry's slot takes the new one. */
            free(e->hist[e->hist_head]);
            e->hist[e->hist_head] = line;
            e->hist_head = (e->hist_head + 1) % e->hist_max;
        } else {
            e->hist[(e->hist_head + e->hist_count) % e->hist_max] = line;
            e->hist_count++;
        }
    }
    e->hist_pos = 0;
    free(e->draft);
    e->draft = NULL;
    edit_clear(e);
}

void edit_view(struct edit *e, int cols, struct edit_view *v)
{
    const struct edit_bound *b = e->bound;
    size_t width = cols < 1 ? 1 : (size_t)cols;
    size_t last = e->nbound - 1;
    size_t ci = edit_cur(e);
    size_t si = edit_index(e, e->scroll);
    size_t margin = (width - 1) / 4;
    if (margin > EDIT_VIEW_MARGIN)
        margin = EDIT_VIEW_MARGIN;
    /* Context wanted left and right of the cursor: margin columns, or as
     * much text as there is. */
    size_t before = b[ci].col, after = (size_t)b[last].col - b[ci].col;
    size_t left = before < margin ? before : margin;
    size_t right = after < margin ? after : margin;

    if (si > ci || (size_t)b[ci].col - b[si].col < left) {
        /* The cursor went (too far) left: show margin columns before it. */
        si = ci;
        while (si > 0 && (size_t)b[ci].col - b[si - 1].col <= margin)
            si--;
    } else {
        /* Too far right: scroll just enough to keep the right margin. */
        while ((size_t)b[ci].col - b[si].col > width - 1 - right)
            si++;
    }
    /* While text is hidden on the left, leave no columns empty on the right
     * (one stays free for the cursor at the end of the line). */
    while (si > 0 && (size_t)b[last].col - b[si - 1].col <= width - 1)
        si--;

    size_t ei = si;
    while (ei < last && (size_t)b[ei + 1].col - b[si].col <= width)
        ei++;
    e->scroll = b[si].off;
    v->start = b[si].off;
    v->end = b[ei].off;
    v->cursor = (int)(b[ci].col - b[si].col);
}
