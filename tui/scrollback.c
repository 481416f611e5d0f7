/* SPDX-License-Identifier: MIT */
/*
 * Per-window scrollback (see scrollback.h).  Lines live in a ring that grows
 * by doubling up to max_lines, so an idle window costs little; once full,
 * the oldest line's slot takes the newest.  Lines are named by a sequence
 * number that keeps counting as old lines drop, so the scroll position
 * survives the ring turning.
 */
#include "scrollback.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "natter/xalloc.h"
#include "width.h"
#include "wrap.h"

struct scrollback {
    struct scrollback_line *lines; /* ring of alloc slots, count from head */
    size_t max, alloc, head, count;
    uint64_t first_seq; /* sequence number of the oldest line */
    int time_cols;
    int height, width; /* 0 until scrollback_resize */
    bool follow;       /* the view's bottom row is the newest row */
    uint64_t anchor;   /* else the line of the view's bottom row, */
    size_t hidden;     /* and how many of its rows are below the view */
    size_t unread, mentions;
    struct wrap_row *scratch; /* one line's rows, for scrollback_view */
    size_t scratch_cap;
};

static struct scrollback_line *sb_line(const struct scrollback *sb, uint64_t seq)
{
    return &sb->lines[(sb->head + (size_t)(seq - sb->first_seq)) % sb->alloc];
}

static uint64_t sb_last(const struct scrollback *sb)
{
    return sb->first_seq + sb->count - 1;
}

/* How many rows line SEQ takes at the current width (at least 1). */
static size_t sb_rows(struct scrollback *sb, uint64_t seq)
{
    struct scrollback_line *l = sb_line(sb, seq);
    if (l->rows_width != sb->width) {
        l->rows = wrap_lines(l->text, l->len, sb->width, l->prefix, l->prefix, NULL, 0);
        l->rows_width = sb->width;
    }
    return l->rows;
}

static void sb_free_line(struct scrollback_line *l)
{
    free(l->sender);
    free(l->text);
}

struct scrollback *scrollback_create(size_t max_lines, int time_cols)
{
    struct scrollback *sb = xcalloc(1, sizeof *sb);
    sb->max = max_lines ? max_lines : 1;
    sb->time_cols = time_cols > 0 ? time_cols : 0;
    sb->follow = true;
    return sb;
}

void scrollback_destroy(struct scrollback *sb)
{
    if (!sb)
        return;
    scrollback_clear(sb);
    free(sb->lines);
    free(sb->scratch);
    free(sb);
}

void scrollback_clear(struct scrollback *sb)
{
    for (size_t i = 0; i < sb->count; i++)
        sb_free_line(&sb->lines[(sb->head + i) % sb->alloc]);
    sb->first_seq += sb->count;
    sb->head = sb->count = 0;
    sb->follow = true;
}

void scrollback_push(struct scrollback *sb, time_t t, enum scrollback_kind kind, const char *sender,
                     const char *text, bool mention)
{
    if (sb->count == sb->max) {
        sb_free_line(&sb->lines[sb->head]);
        sb->head = (sb->head + 1) % sb->alloc;
        sb->count--;
        sb->first_seq++;
    } else if (sb->count == sb->alloc) {
        /* Not full, so nothing was ever dropped and the ring starts at 0:
         * growing it is a plain realloc. */
        size_t n = sb->alloc ? sb->alloc * 2 : 64;
        sb->alloc = n < sb->max ? n : sb->max;
        sb->lines = xreallocarray(sb->lines, sb->alloc, sizeof *sb->lines);
    }
    struct scrollback_line *l = &sb->lines[(sb->head + sb->count) % sb->alloc];
    sb->count++;
    l->time = t;
    l->kind = kind;
    l->mention = mention;
    l->sender = xstrdup(sender ? sender : "");
    l->text = xstrdup(text);
    l->len = strlen(l->text);
    l->prefix = sb->time_cols;
    if (l->sender[0])
        l->prefix += (int)width_str(l->sender, strlen(l->sender)) + 3; /* "<" ">" " " */
    l->rows_width = 0;
    l->rows = 0;
    if (kind == SCROLLBACK_MESSAGE)
        sb->unread++;
    if (mention)
        sb->mentions++;
}

size_t scrollback_count(const struct scrollback *sb)
{
    return sb->count;
}

const struct scrollback_line *scrollback_line(const struct scrollback *sb, size_t i)
{
    return sb_line(sb, sb->first_seq + i);
}

/* Moves the bottom row down N rows; reaching the newest row follows. */
static void sb_down(struct scrollback *sb, size_t n)
{
    while (!sb->follow && n > 0) {
        if (sb->hidden >= n) {
            sb->hidden -= n;
            break;
        }
        n -= sb->hidden;
        sb->hidden = 0;
        if (sb->anchor == sb_last(sb))
            break;
        sb->anchor++;
        sb->hidden = sb_rows(sb, sb->anchor) - 1;
        n--;
    }
    if (!sb->follow && sb->anchor == sb_last(sb) && sb->hidden == 0)
        sb->follow = true;
}

/* Moves the bottom row up N rows, no further than the oldest row. */
static void sb_up(struct scrollback *sb, size_t n)
{
    while (n > 0) {
        size_t above = sb_rows(sb, sb->anchor) - 1 - sb->hidden;
        if (above >= n) {
            sb->hidden += n;
            break;
        }
        n -= above;
        sb->hidden += above;
        if (sb->anchor == sb->first_seq)
            break;
        sb->anchor--;
        sb->hidden = 0;
        n--;
    }
}

/* Makes the position valid after drops, resizes and upward moves: the view
 * must not start above the oldest row, so there must be a screenful of rows
 * from there down to the bottom row. */
static void sb_clamp(struct scrollback *sb)
{
    if (sb->follow)
        return;
    if (sb->count == 0) {
        sb->follow = true;
        return;
    }
    if (sb->anchor < sb->first_seq) {
        sb->anchor = sb->first_seq;
        sb->hidden = sb_rows(sb, sb->anchor) - 1;
    }
    size_t rows = sb_rows(sb, sb->anchor);
    if (sb->hidden >= rows)
        sb->hidden = rows - 1;
    size_t total = rows - sb->hidden;
    for (uint64_t seq = sb->anchor; total < (size_t)sb->height && seq > sb->first_seq;)
        total += sb_rows(sb, --seq);
    if (total < (size_t)sb->height)
        sb_down(sb, (size_t)sb->height - total);
    else
        sb_down(sb, 0); /* only to notice being at the bottom */
}

void scrollback_resize(struct scrollback *sb, int height, int width)
{
    sb->height = height > 0 ? height : 0;
    sb->width = width > 0 ? width : 0;
    if (sb->height && sb->width)
        sb_clamp(sb);
}

static bool sb_ready(const struct scrollback *sb)
{
    return sb->count > 0 && sb->height > 0 && sb->width > 0;
}

void scrollback_scroll_up(struct scrollback *sb, size_t rows)
{
    if (!sb_ready(sb) || rows == 0)
        return;
    if (sb->follow) {
        sb->follow = false;
        sb->anchor = sb_last(sb);
        sb->hidden = 0;
    }
    sb_up(sb, rows);
    sb_clamp(sb);
}

void scrollback_scroll_down(struct scrollback *sb, size_t rows)
{
    if (!sb_ready(sb))
        return;
    sb_clamp(sb);
    sb_down(sb, rows);
}

static size_t sb_page(const struct scrollback *sb)
{
    return sb->height > 1 ? (size_t)sb->height - 1 : 1;
}

void scrollback_page_up(struct scrollback *sb)
{
    scrollback_scroll_up(sb, sb_page(sb));
}

void scrollback_page_down(struct scrollback *sb)
{
    scrollback_scroll_down(sb, sb_page(sb));
}

void scrollback_scroll_top(struct scrollback *sb)
{
    if (!sb_ready(sb))
        return;
    sb->follow = false;
    sb->anchor = sb->first_seq;
    sb->hidden = sb_rows(sb, sb->anchor) - 1;
    sb_clamp(sb);
}

void scrollback_scroll_bottom(struct scrollback *sb)
{
    sb->follow = true;
}

bool scrollback_at_bottom(const struct scrollback *sb)
{
    return sb->follow;
}

size_t scrollback_below(const struct scrollback *sb)
{
    if (sb->follow)
        return 0;
    if (sb->anchor < sb->first_seq) /* dropped: the next view shows the top */
        return sb->count - 1;
    return (size_t)(sb_last(sb) - sb->anchor);
}

size_t scrollback_view(struct scrollback *sb, struct scrollback_row *rows, size_t max)
{
    if (!sb_ready(sb))
        return 0;
    sb_clamp(sb);
    size_t n = (size_t)sb->height < max ? (size_t)sb->height : max;
    size_t k = n; /* rows[k..n) are filled, bottom up */
    uint64_t seq = sb->follow ? sb_last(sb) : sb->anchor;
    size_t skip = sb->follow ? 0 : sb->hidden;
    while (k > 0) {
        const struct scrollback_line *l = sb_line(sb, seq);
        size_t r = sb_rows(sb, seq);
        if (r > sb->scratch_cap) {
            sb->scratch = xreallocarray(sb->scratch, r, sizeof *sb->scratch);
            sb->scratch_cap = r;
        }
        wrap_lines(l->text, l->len, sb->width, l->prefix, l->prefix, sb->scratch, r);
        for (size_t j = r - skip; j > 0 && k > 0; j--) {
            const struct wrap_row *w = &sb->scratch[j - 1];
            rows[--k] = (struct scrollback_row){l, w->start, w->end, w->col, j == 1};
        }
        skip = 0;
        if (seq == sb->first_seq)
            break;
        seq--;
    }
    if (k > 0)
        memmove(rows, rows + k, (n - k) * sizeof *rows);
    return n - k;
}

size_t scrollback_unread(const struct scrollback *sb)
{
    return sb->unread;
}

size_t scrollback_mentions(const struct scrollback *sb)
{
    return sb->mentions;
}

void scrollback_clear_unread(struct scrollback *sb)
{
    sb->unread = sb->mentions = 0;
}
