/* SPDX-License-Identifier: MIT */
/*
 * Tab completion as a pure state machine.  The caller supplies the line, the
 * cursor and the candidates (user names, "#rooms", "/commands", in the
 * order it wants them offered); complete_start finds the word before the
 * cursor and its first match, complete_next cycles through the others, and
 * each step returns the edit that puts the match in the line (the caller
 * applies it with edit_replace).  Any key but Tab ends a completion with
 * complete_reset.
 *
 * The word is everything from the last space before the cursor up to the
 * cursor; it must not be empty.  Matching is an ASCII case-insensitive
 * prefix match; equal candidates are offered once; "/commands" are only
 * offered for the first word of the line.  A match gets a space
 * after it, or ": " when it is a user name completed as the first word of
 * the line (addressing someone, as in irssi); when a space already follows
 * the cursor, that space is reused.
 */
#ifndef NATTER_TUI_COMPLETE_H
#define NATTER_TUI_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

struct complete {
    bool active;
    size_t from;      /* where the word starts in the line */
    size_t to;        /* end of what the last step put in the line */
    bool first_word;  /* the word is the line's first */
    bool space_after; /* a space follows the cursor already */
    char **matches;   /* copies of the matching candidates, in order */
    size_t nmatches, next;
    char *repl; /* the text of the last step */
};

/* One step: replace bytes [from, to) of the line with text[0..len), after
 * which the cursor goes to from + len.  TEXT lives until the next call. */
struct complete_edit {
    size_t from, to;
    const char *text;
    size_t len;
};

/* Sets up an idle completion. */
void complete_init(struct complete *c);
/* Ends the completion and frees its state; also the destructor. */
void complete_reset(struct complete *c);
/* Whether a completion is under way (so Tab means complete_next). */
bool complete_active(const struct complete *c);

/* First Tab: completes the word ending at CURSOR in LINE[0..LEN) with the
 * first of the NCANDS candidates that matches.  Returns false, leaving the
 * completion idle, if the word is empty or nothing matches. */
bool complete_start(struct complete *c, const char *line, size_t len, size_t cursor,
                    const char *const *cands, size_t ncands, struct complete_edit *out);
/* Next Tab: replaces the last match with the next one, back to the first
 * after the last.  Returns false if no completion is active. */
bool complete_next(struct complete *c, struct complete_edit *out);

#endif
