/* SPDX-License-Identifier: MIT */
/*
 * The natter/1 front end: reads a client's command lines, checks them
 * against the command table, and calls the chat core.  Commands are data:
 * the table says who may run each one and how many arguments it takes, the
 * dispatcher checks state, then arity, then calls the handler, and handlers
 * never check those again.  Every handler ends with exactly one final line.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chat.h"
#include "frontend.h"
#include "log.h"
#include "natter/line.h"
#include "natter1_format.h"
#include "registry.h"
#include "server.h"
#include "session.h"

enum needs { NEEDS_ANY, NEEDS_ANON, NEEDS_LOGIN };
enum text_mode {
    TEXT_NONE,     /* extra words are BAD_ARGS */
    TEXT_OPTIONAL, /* the rest of the line, may be empty */
    TEXT_MESSAGE,  /* the rest of the line; empty is EMPTY_MESSAGE */
};

#define MAX_ARGS 2

struct command {
    enum session_action (*handler)(struct session *s, enum natter_cmd cmd, char **argv,
                                   char *text);
    unsigned char min_args, max_args;
    enum text_mode text;
    enum needs needs;
    bool unlimited; /* never rate limited: a client can always answer and leave */
};

static enum session_action cmd_help(struct session *s, enum natter_cmd cmd, char **argv,
                                    char *text)
{
    if (argv[0]) {
        enum natter_cmd c = protocol_command_lookup(argv[0]);
        if (c == CMD_NONE)
            return natter1_err(s, "HELP", E_BAD_ARGS, "no such command: %s", argv[0]);
        const struct protocol_command *pc = &protocol_commands[c];
        natter1_line(s, "INFO %s", pc->usage);
        natter1_line(s, "INFO   %s", pc->summary);
        if (pc->aliases[0])
            natter1_line(s, "INFO   also: %s", pc->aliases);
        return natter1_ok(s, cmd, NULL);
    }
    natter1_line(s, "INFO Commands (case does not matter; a leading / is allowed):");
    for (int c = 0; c < CMD_COUNT; c++) {
        const struct protocol_command *pc = &protocol_commands[c];
        natter1_line(s, "INFO   %-28s %s%s%s%s", pc->usage, pc->summary,
                     pc->aliases[0] ? " (also " : "", pc->aliases, pc->aliases[0] ? ")" : "");
    }
    natter1_line(s, "INFO Rooms start with #. HELP <command> explains one command.");
    return natter1_ok(s, cmd, NULL);
}

/* The final line for REGISTER, LOGIN and NICK. */
static enum session_action natter1_logged_in(struct session *s, enum natter_cmd cmd,
                                             enum natter_err err)
{
    if (err != E_NONE) {
        static const char *const why[E_COUNT] = {
            [E_BAD_NAME] = "names are 1 to 32 of A-Z a-z 0-9 _ -",
            [E_BAD_PASSWORD] = "passwords are 8 to 256 bytes",
            [E_NAME_TAKEN] = "that name is taken",
            [E_LOGIN_FAILED] = "wrong name or password",
            [E_INTERNAL] = "the server could not do that; try again later",
        };
        return natter1_err(s, protocol_commands[cmd].name, err, "%s",
                           why[err] ? why[err] : "failed");
    }
    return natter1_ok(s, cmd, "%s", s->name);
}

static enum session_action cmd_register(struct session *s, enum natter_cmd cmd, char **argv,
                                        char *text)
{
    return natter1_logged_in(s, cmd, chat_register(s, argv[0], argv[1]));
}

static enum session_action cmd_login(struct session *s, enum natter_cmd cmd, char **argv,
                                     char *text)
{
    return natter1_logged_in(s, cmd, chat_login(s, argv[0], argv[1]));
}

static enum session_action cmd_nick(struct session *s, enum natter_cmd cmd, char **argv,
                                    char *text)
{
    return natter1_logged_in(s, cmd, chat_guest(s, argv[0]));
}

static enum session_action cmd_logout(struct session *s, enum natter_cmd cmd, char **argv,
                                      char *text)
{
    chat_logout(s);
    return natter1_ok(s, cmd, NULL);
}

static enum session_action cmd_all(struct session *s, enum natter_cmd cmd, char **argv,
                                   char *text)
{
    size_t n;
    chat_broadcast(s, text, &n);
    return natter1_ok(s, cmd, "%zu", n);
}

static enum session_action cmd_dm(struct session *s, enum natter_cmd cmd, char **argv,
                                  char *text)
{
    char to[NAME_BUF];
    enum natter_err err = chat_direct(s, argv[0], text, to);
    if (err == E_NO_SUCH_USER)
        return natter1_err(s, "DM", err, "%s is not online", argv[0]);
    if (err == E_SELF)
        return natter1_err(s, "DM", err, "that is you");
    return natter1_ok(s, cmd, "%s", to);
}

/* The ERR line for a room command's failure. */
static enum session_action natter1_room_err(struct session *s, enum natter_cmd cmd,
                                            enum natter_err err, const char *room)
{
    static const char *const why[E_COUNT] = {
        [E_BAD_NAME] = "room names are # and 1 to 32 of A-Z a-z 0-9 _ -",
        [E_NO_SUCH_ROOM] = "no such room",
        [E_NOT_IN_ROOM] = "you are not in that room",
        [E_TOO_MANY_ROOMS] = "you are in too many rooms; leave one first",
        [E_NO_SUCH_USER] = "no such user online",
        [E_SELF] = "that is you",
        [E_INTERNAL] = "the server could not do that; try again later",
    };
    return natter1_err(s, protocol_commands[cmd].name, err, "%s: %s", room,
                       why[err] ? why[err] : "failed");
}

static enum session_action cmd_join(struct session *s, enum natter_cmd cmd, char **argv,
                                    char *text)
{
    size_t members;
    char room[NAME_BUF];
    enum natter_err err = chat_join(s, argv[0], &members, room);
    if (err != E_NONE)
        return natter1_room_err(s, cmd, err, argv[0]);
    return natter1_ok(s, cmd, "%s %zu", room, members);
}

static enum session_action cmd_leave(struct session *s, enum natter_cmd cmd, char **argv,
                                     char *text)
{
    char room[NAME_BUF];
    enum natter_err err = chat_leave(s, argv[0], room);
    if (err != E_NONE)
        return natter1_room_err(s, cmd, err, argv[0]);
    return natter1_ok(s, cmd, "%s", room);
}

static enum session_action cmd_say(struct session *s, enum natter_cmd cmd, char **argv,
                                   char *text)
{
    char room[NAME_BUF];
    enum natter_err err = chat_say(s, argv[0], text, room);
    if (err != E_NONE)
        return natter1_room_err(s, cmd, err, argv[0]);
    return natter1_ok(s, cmd, "%s", room);
}

static enum session_action cmd_connect(struct session *s, enum natter_cmd cmd, char **argv,
                                       char *text)
{
    char room[NAME_BUF];
    enum natter_err err = chat_connect(s, argv[0], room);
    if (err != E_NONE)
        return natter1_room_err(s, cmd, err, argv[0]);
    return natter1_ok(s, cmd, "%s", room);
}

static enum session_action cmd_who(struct session *s, enum natter_cmd cmd, char **argv,
                                   char *text)
{
    struct registry_user_info *users;
    size_t n;
    enum natter_err err = chat_who(s, argv[0], &users, &n);
    if (err != E_NONE)
        return natter1_room_err(s, cmd, err, argv[0]);
    for (size_t i = 0; i < n; i++)
        natter1_line(s, "USER %s %s%s%s", users[i].name, users[i].account ? "user" : "guest",
                     users[i].rooms[0] ? " " : "", users[i].rooms);
    registry_who_free(users, n);
    return natter1_ok(s, cmd, "%zu", n);
}

static enum session_action cmd_rooms(struct session *s, enum natter_cmd cmd, char **argv,
                                     char *text)
{
    struct registry_room_info *rooms;
    size_t n;
    chat_rooms(s, &rooms, &n);
    for (size_t i = 0; i < n; i++)
        natter1_line(s, "ROOM %s %zu%s%s", rooms[i].name, rooms[i].members,
                     rooms[i].topic[0] ? " " : "", rooms[i].topic);
    registry_rooms_free(rooms, n);
    return natter1_ok(s, cmd, "%zu", n);
}

static enum session_action cmd_time(struct session *s, enum natter_cmd cmd, char **argv,
                                    char *text)
{
    struct timespec ts;
    struct tm tm;
    char when[32];
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    return natter1_ok(s, cmd, "%s.%03ldZ", when, ts.tv_nsec / 1000000);
}

static enum session_action cmd_ping(struct session *s, enum natter_cmd cmd, char **argv,
                                    char *text)
{
    natter1_line(s, "PONG%s%s", argv[0] ? " " : "", argv[0] ? argv[0] : "");
    return SESSION_KEEP;
}

static enum session_action cmd_pong(struct session *s, enum natter_cmd cmd, char **argv,
                                    char *text)
{
    return SESSION_KEEP; /* any line proves the client is alive */
}

static enum session_action cmd_quit(struct session *s, enum natter_cmd cmd, char **argv,
                                    char *text)
{
    natter1_ok(s, cmd, NULL);
    session_close(s, BYE_QUIT, "goodbye");
    return SESSION_CLOSE;
}

static const struct command natter1_commands[CMD_COUNT] = {
    [CMD_HELP] = {cmd_help, 0, 1, TEXT_NONE, NEEDS_ANY, false},
    [CMD_REGISTER] = {cmd_register, 2, 2, TEXT_NONE, NEEDS_ANON, false},
    [CMD_LOGIN] = {cmd_login, 2, 2, TEXT_NONE, NEEDS_ANON, false},
    [CMD_NICK] = {cmd_nick, 1, 1, TEXT_NONE, NEEDS_ANON, false},
    [CMD_LOGOUT] = {cmd_logout, 0, 0, TEXT_NONE, NEEDS_LOGIN, false},
    [CMD_ALL] = {cmd_all, 0, 0, TEXT_MESSAGE, NEEDS_LOGIN, false},
    [CMD_DM] = {cmd_dm, 1, 1, TEXT_MESSAGE, NEEDS_LOGIN, false},
    [CMD_JOIN] = {cmd_join, 1, 1, TEXT_NONE, NEEDS_LOGIN, false},
    [CMD_LEAVE] = {cmd_leave, 1, 1, TEXT_NONE, NEEDS_LOGIN, false},
    [CMD_SAY] = {cmd_say, 1, 1, TEXT_MESSAGE, NEEDS_LOGIN, false},
    [CMD_CONNECT] = {cmd_connect, 1, 1, TEXT_NONE, NEEDS_LOGIN, false},
    [CMD_WHO] = {cmd_who, 0, 1, TEXT_NONE, NEEDS_LOGIN, false},
    [CMD_ROOMS] = {cmd_rooms, 0, 0, TEXT_NONE, NEEDS_LOGIN, false},
    [CMD_TIME] = {cmd_time, 0, 0, TEXT_NONE, NEEDS_ANY, false},
    [CMD_PING] = {cmd_ping, 0, 1, TEXT_NONE, NEEDS_ANY, false},
    [CMD_PONG] = {cmd_pong, 0, 0, TEXT_OPTIONAL, NEEDS_ANY, true},
    [CMD_QUIT] = {cmd_quit, 0, 0, TEXT_OPTIONAL, NEEDS_ANY, true},
};

/* How an unknown word is named in its ERR line: upper-cased if it is a
 * plain word, else "-". */
static const char *natter1_word_name(const char *word, char out[NATTER_NAME_MAX + 1])
{
    size_t i = 0;
    for (; word[i]; i++) {
        char c = word[i];
        if (i >= NATTER_NAME_MAX || !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                      (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return "-";
        out[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    out[i] = '\0';
    return i ? out : "-";
}

/* The command a line that is not UTF-8 was meant to be, named for its ERR. */
static const char *natter1_raw_command(const char *line)
{
    char word[NATTER_NAME_MAX + 2];
    line += strspn(line, " ");
    size_t len = strcspn(line, " ");
    if (len >= sizeof word)
        return "-";
    memcpy(word, line, len);
    word[len] = '\0';
    enum natter_cmd c = protocol_command_lookup(word);
    return c == CMD_NONE ? "-" : protocol_commands[c].name;
}

static enum session_action natter1_handle_line(struct session *s, char *line, size_t len)
{
    if (!utf8_valid(line, len)) {
        if (ratelimit_take(&s->rate, session_now_ns()) > 0)
            return SESSION_KEEP; /* a flood of garbage is not worth an answer each */
        return natter1_err(s, natter1_raw_command(line), E_BAD_ENCODING,
                           "the line is not valid UTF-8 and was ignored");
    }
    text_sanitize(line, len);
    struct cmdline cl;
    if (line_parse(line, &cl) < 0)
        return SESSION_KEEP; /* empty lines are ignored */

    enum natter_cmd id = protocol_command_lookup(cl.word);
    char word[NATTER_NAME_MAX + 1];
    const char *name = id == CMD_NONE ? natter1_word_name(cl.word, word) : protocol_commands[id].name;
    const struct command *c = id == CMD_NONE ? NULL : &natter1_commands[id];

    if (!c || !c->unlimited) {
        int64_t wait = ratelimit_take(&s->rate, session_now_ns());
        if (wait > 0)
            return natter1_err(s, name, E_RATE_LIMITED,
                               "too many commands; wait %.1f s and send it again",
                               (double)wait / 1000.0);
    }
    if (!c)
        return natter1_err(s, name, E_UNKNOWN_COMMAND, "unknown command; type HELP");
    if (c->needs == NEEDS_LOGIN && !s->name[0])
        return natter1_err(s, name, E_NOT_LOGGED_IN,
                           "log in first: REGISTER, LOGIN or NICK");
    if (c->needs == NEEDS_ANON && s->name[0])
        return natter1_err(s, name, E_ALREADY_LOGGED_IN, "you are logged in as %s", s->name);

    char *argv[MAX_ARGS + 1] = {0};
    char *cursor = cl.rest;
    int argc = 0;
    while (argc < c->max_args && line_next_arg(&cursor, &argv[argc]))
        argc++;
    if (argc < c->min_args || (c->text == TEXT_NONE && cursor[0]))
        return natter1_err(s, name, E_BAD_ARGS, "usage: %s", protocol_commands[id].usage);
    if (c->text == TEXT_MESSAGE && !cursor[0])
        return natter1_err(s, name, E_EMPTY_MESSAGE, "there is no text to send");

    log_debug("#%lu: %s", s->id, name);
    return c->handler(s, id, argv, cursor);
}

static void natter1_greet(struct session *s)
{
    const char *server_name = s->server->cfg->server_name;
    natter1_line(s, "HELLO %s %s", NATTER_PROTOCOL_VERSION, server_name);
    natter1_line(s, "INFO Welcome to natter on %s.", server_name);
    natter1_line(s, "INFO Type HELP for the commands, REGISTER <name> <password> to make an "
                    "account, or NICK <name> to chat as a guest.");
}

static void natter1_line_too_long(struct session *s)
{
    natter1_err(s, "-", E_LINE_TOO_LONG, "line longer than %zu bytes discarded",
                s->server->cfg->max_line);
}

const struct frontend natter1_frontend = {
    .name = "natter/1",
    .greet = natter1_greet,
    .handle_line = natter1_handle_line,
    .line_too_long = natter1_line_too_long,
    .format_event = natter1_format_event,
    .format_bye = natter1_format_bye,
    .format_ping = natter1_format_ping,
};
