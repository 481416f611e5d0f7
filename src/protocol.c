/* SPDX-License-Identifier: MIT */
/* Name tables of natter/1, generated from the lists in natter/protocol.h. */
#include "natter/protocol.h"

#include <stdbool.h>
#include <string.h>

#define X_COMMAND(id, name, aliases, usage, summary) [id] = {name, aliases, usage, summary},
const struct protocol_command protocol_commands[CMD_COUNT] = {NATTER_COMMANDS(X_COMMAND)};

#define X_NAME(id, name) [id] = name,
const char *const protocol_error_names[E_COUNT] = {NATTER_ERRORS(X_NAME)};
const char *const protocol_bye_names[BYE_COUNT] = {NATTER_BYES(X_NAME)};

#define X_LINE_NAME(id, name, args) [id] = name,
#define X_LINE_ARGS(id, name, args) [id] = args,
const char *const protocol_line_names[LINE_COUNT] = {NATTER_LINES(X_LINE_NAME)};
const unsigned char protocol_line_args[LINE_COUNT] = {NATTER_LINES(X_LINE_ARGS)};

static char ascii_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* WORD equals the upper-case NAME[0..len) without regard to case. */
static bool word_is(const char *word, const char *name, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!word[i] || ascii_upper(word[i]) != name[i])
            return false;
    return word[len] == '\0';
}

enum natter_cmd protocol_command_lookup(const char *word)
{
    if (word[0] == '/')
        word++;
    if (!word[0])
        return CMD_NONE;
    for (int id = 0; id < CMD_COUNT; id++) {
        const struct protocol_command *c = &protocol_commands[id];
        if (word_is(word, c->name, strlen(c->name)))
            return (enum natter_cmd)id;
        for (const char *a = c->aliases; *a;) {
            size_t len = strcspn(a, " ");
            if (word_is(word, a, len))
                return (enum natter_cmd)id;
            a += len;
            a += strspn(a, " ");
        }
    }
    return CMD_NONE;
}

enum natter_line protocol_line_lookup(const char *word)
{
    for (int id = 0; id < LINE_COUNT; id++)
        if (strcmp(word, protocol_line_names[id]) == 0)
            return (enum natter_line)id;
    return LINE_UNKNOWN;
}

int protocol_error_lookup(const char *code)
{
    for (int id = 0; id < E_COUNT; id++)
        if (strcmp(code, protocol_error_names[id]) == 0)
            return id;
    return -1;
}
