/* SPDX-License-Identifier: MIT */
/*
 * The input line editor: one UTF-8 line with a cursor, a kill buffer and an
 * input history, plus the horizontal scrolling that shows it in a row of
 * the screen.  Pure: no curses, no I/O; input.c maps keys to these calls and
 * ui.c draws what edit_view says.
 *
 * The cursor is a byte offset that is always on a grapheme-cluster boundary,
 * so every motion and deletion moves over whole clusters (an "e" with its
 * combining accent, a flag, a ZWJ emoji family).  The line is at most
 * EDIT_MAX bytes, so it fits the server's 4096-byte line with a command
 * word; an insertion that would pass that is refused whole.  Words, for
 * Ctrl-W and Alt-B/Alt-F, are runs of anything but spaces, as in readline's
 * unix-word-rubout.
 */
#ifndef NATTER_TUI_EDIT_H
#define NATTER_TUI_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EDIT_MAX 4000
/* A reasonable history_max for edit_init. */
#define EDIT_HISTORY_DEFAULT 500

enum edit_result {
    EDIT_OK = 0,
    EDIT_TOO_LONG, /* the line would pass EDIT_MAX bytes: nothing changed */
    EDIT_INVALID,  /* not UTF-8, or a control character: nothing changed */
};

/* A cluster boundary of the line and the column it is drawn at. */
struct edit_bound {
    uint16_t off, col;
};

struct edit {
    char buf[EDIT_MAX + 1]; /* the line, NUL-terminated */
    size_t len;
    size_t pos;    /* the cursor */
    size_t scroll; /* first byte shown, kept between edit_view calls */
    /* Every cluster boundary, from {0, 0} to {len, width of the line}:
     * rebuilt after each change so that motion never rescans the line. */
    struct edit_bound bound[EDIT_MAX + 1];
    size_t nbound;
    char kill[EDIT_MAX]; /* the last text killed, for Ctrl-Y */
    size_t kill_len;
    char **hist; /* ring of hist_max submitted lines, oldest at hist_head */
    size_t hist_max, hist_head, hist_count;
    size_t hist_pos; /* 0: editing the draft; k: showing the k-th newest entry */
    char *draft;     /* the line being typed when Up left it, or NULL */
};

/* What edit_view shows: bytes [start, end) of the line from column 0, and
 * the cursor's column. */
struct edit_view {
    size_t start, end;
    int cursor;
};

/* Sets up an empty line with room for HISTORY_MAX history entries. */
void edit_init(struct edit *e, size_t history_max);
/* Frees the history; E may be half-built. */
void edit_destroy(struct edit *e);

/* The line, NUL-terminated (valid until the next change); *LEN if LEN. */
const char *edit_text(const struct edit *e, size_t *len);
/* The cursor's byte offset. */
size_t edit_cursor(const struct edit *e);

/* Inserts S[0..N) at the cursor and moves the cursor after it. */
enum edit_result edit_insert(struct edit *e, const char *s, size_t n);
/* Replaces bytes [FROM, TO) of the line with S[0..N) (which must not point
 * into the line) and puts the cursor after it (for completion). */
enum edit_result edit_replace(struct edit *e, size_t from, size_t to, const char *s, size_t n);
/* Empties the line (not the kill buffer or the history). */
void edit_clear(struct edit *e);

/* Cursor motion by one cluster, to either end, or by one word (to the start
 * of this or the previous word; to the end of this or the next word).  The
 * bool ones return false when the cursor could not move. */
bool edit_left(struct edit *e);
bool edit_right(struct edit *e);
void edit_home(struct edit *e);
void edit_end(struct edit *e);
bool edit_word_left(struct edit *e);
bool edit_word_right(struct edit *e);

/* Deletes the cluster before / under the cursor; false if there is none. */
bool edit_backspace(struct edit *e);
bool edit_delete(struct edit *e);
/* Ctrl-W, Ctrl-U, Ctrl-K: deletes the word before the cursor (spaces just
 * before it first), everything before it, everything after it, into the
 * kill buffer.  False if there was nothing to delete. */
bool edit_kill_word(struct edit *e);
bool edit_kill_home(struct edit *e);
bool edit_kill_end(struct edit *e);
/* Ctrl-Y: inserts the kill buffer at the cursor. */
enum edit_result edit_yank(struct edit *e);

/* Up: shows the next older history entry, keeping the line being typed as
 * the draft.  False at the oldest entry. */
bool edit_history_up(struct edit *e);
/* Down: shows the next newer entry, or the draft again after the newest.
 * False when already at the draft.  Changes to a recalled entry are lost. */
bool edit_history_down(struct edit *e);
/* Enter, after the caller has taken edit_text: adds the line to the history
 * (unless empty or equal to the newest entry) and empties it. */
void edit_submit(struct edit *e);

/* Lays the line out in COLS columns: the cursor is always inside them, with
 * a margin of context on either side when there is text there, and scrolling
 * happens only when the cursor would leave that margin. */
void edit_view(struct edit *e, int cols, struct edit_view *v);

#endif
