/* SPDX-License-Identifier: MIT */
/*
 * Tab completion (see complete.h).  The matches are copied at the first Tab,
 * so the caller's candidate list may change (someone joins) while Tab is
 * being pressed without the cycle skipping or repeating.
 */
#include "complete.h"

#include <stdlib.h>
#include <string.h>

#include "natter/xalloc.h"

static char complete_lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Whether S starts with WORD[0..N), ignoring ASCII case.  Bytes above 0x7F
 * must match exactly: no locale is consulted. */
static bool complete_prefix(const char *s, const char *word, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0' || complete_lower(s[i]) != complete_lower(word[i]))
            return false;
    return true;
}

static bool complete_seen(const struct complete *c, const char *s)
{
    for (size_t i = 0; i < c->nmatches; i++)
        if (strcmp(c->matches[i], s) == 0)
            return true;
    return false;
}

void complete_init(struct complete *c)
{
    memset(c, 0, sizeof *c);
}

void complete_reset(struct complete *c)
{
    for (size_t i = 0; i < c->nmatches; i++)
        free(c->matches[i]);
    free(c->matches);
    free(c->repl);
    complete_init(c);
}

bool complete_active(const struct complete *c)
{
    return c->active;
}

/* Puts match C->next in the line in place of the previous step. */
static void complete_step(struct complete *c, struct complete_edit *out)
{
    const char *m = c->matches[c->next];
    const char *suffix = " ";
    if (c->first_word && m[0] != '/' && m[0] != '#')
        suffix = ": ";
    if (c->space_after)
        suffix = suffix[0] == ':' ? ":" : "";
    free(c->repl);
    c->repl = xasprintf("%s%s", m, suffix);
    out->from = c->from;
    out->to = c->to;
    out->text = c->repl;
    out->len = strlen(c->repl);
    c->to = c->from + out->len;
    c->next = (c->next + 1) % c->nmatches;
}

bool complete_start(struct complete *c, const char *line, size_t len, size_t cursor,
                    const char *const *cands, size_t ncands, struct complete_edit *out)
{
    complete_reset(c);
    if (cursor > len)
        return false;
    size_t from = cursor;
    while (from > 0 && line[from - 1] != ' ')
        from--;
    size_t n = cursor - from;
    if (n == 0)
        return false;
    bool first_word = from == 0;
    c->matches = xcalloc(ncands, sizeof *c->matches);
    for (size_t i = 0; i < ncands; i++) {
        /* Commands only make sense as the line's first word. */
        if ((cands[i][0] == '/' && !first_word) || !complete_prefix(cands[i], line + from, n) ||
            complete_seen(c, cands[i]))
            continue;
        c->matches[c->nmatches++] = xstrdup(cands[i]);
    }
    if (c->nmatches == 0) {
        complete_reset(c);
        return false;
    }
    c->active = true;
    c->from = from;
    c->to = cursor;
    c->first_word = first_word;
    c->space_after = cursor < len && line[cursor] == ' ';
    complete_step(c, out);
    return true;
}

bool complete_next(struct complete *c, struct complete_edit *out)
{
    if (!c->active)
        return false;
    complete_step(c, out);
    return true;
}
