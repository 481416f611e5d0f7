/* SPDX-License-Identifier: MIT */
/*
 * natter/1: the wire vocabulary shared by natterd, the natter client, the
 * tests and the tools.  Each list is said once here as an X-macro; enums and
 * name tables are generated from it (src/protocol.c), so adding a command or
 * an error code is one line.  docs/protocol.md is the prose reference.
 */
#ifndef NATTER_PROTOCOL_H
#define NATTER_PROTOCOL_H

#include <stddef.h>

#define NATTER_PROTOCOL_VERSION "natter/1"
#define NATTER_DEFAULT_PORT 7777
/* Longest line, terminator included, that either side must accept. */
#define NATTER_DEFAULT_MAX_LINE 4096
/* User and room names (room names without their '#'). */
#define NATTER_NAME_MAX 32
#define NATTER_PASSWORD_MIN 8
#define NATTER_PASSWORD_MAX 256
#define NATTER_LOBBY "#lobby"

/*
 * Client commands: X(id, "NAME", "ALIASES", "usage", "what it does").
 * ALIASES is a space-separated list (may be empty); the aliases come from the
 * lab chat systems natter replaces.
 */
#define NATTER_COMMANDS(X)                                                                \
    X(CMD_HELP, "HELP", "", "HELP [command]", "list the commands, or explain one")       \
    X(CMD_REGISTER, "REGISTER", "", "REGISTER <name> <password>",                         \
      "create an account (password of 8 or more characters) and log in")                \
    X(CMD_LOGIN, "LOGIN", "", "LOGIN <name> <password>", "log in to your account")         \
    X(CMD_NICK, "NICK", "NAME", "NICK <name>", "take a guest name for this connection")   \
    X(CMD_LOGOUT, "LOGOUT", "", "LOGOUT", "log out; the connection stays open")           \
    X(CMD_ALL, "ALL", "MESSAGE MSGALL BROADCAST", "ALL <text>",                          \
      "send text to everyone online")                                                    \
    X(CMD_DM, "DM", "MSGIND TELL", "DM <user> <text>", "send a private message")          \
    X(CMD_JOIN, "JOIN", "", "JOIN <#room>", "join a room, creating it if needed")         \
    X(CMD_LEAVE, "LEAVE", "PART", "LEAVE <#room>", "leave a room")                        \
    X(CMD_SAY, "SAY", "", "SAY <#room> <text>", "send text to a room you are in")         \
    X(CMD_CONNECT, "CONNECT", "C", "CONNECT <user>",                                      \
      "chat with a user: join their latest room, or a new room for the two of you")      \
    X(CMD_WHO, "WHO", "LIST USERS", "WHO [#room]", "list who is online, or in a room")    \
    X(CMD_ROOMS, "ROOMS", "", "ROOMS", "list the rooms")                                  \
    X(CMD_TIME, "TIME", "", "TIME", "the server's time (UTC)")                            \
    X(CMD_PING, "PING", "", "PING [token]", "check the connection; answered with PONG")   \
    X(CMD_PONG, "PONG", "", "PONG [token]", "answer the server's PING")                   \
    X(CMD_QUIT, "QUIT", "CLOSE EXIT", "QUIT [reason]", "close the connection")

/* Error codes of ERR lines: X(id, "CODE"). */
#define NATTER_ERRORS(X)                \
    X(E_UNKNOWN_COMMAND, "UNKNOWN_COMMAND") \
    X(E_BAD_ARGS, "BAD_ARGS")           \
    X(E_BAD_ENCODING, "BAD_ENCODING")   \
    X(E_LINE_TOO_LONG, "LINE_TOO_LONG") \
    X(E_RATE_LIMITED, "RATE_LIMITED")   \
    X(E_NOT_LOGGED_IN, "NOT_LOGGED_IN") \
    X(E_ALREADY_LOGGED_IN, "ALREADY_LOGGED_IN") \
    X(E_BAD_NAME, "BAD_NAME")           \
    X(E_BAD_PASSWORD, "BAD_PASSWORD")   \
    X(E_NAME_TAKEN, "NAME_TAKEN")       \
    X(E_LOGIN_FAILED, "LOGIN_FAILED")   \
    X(E_NO_SUCH_USER, "NO_SUCH_USER")   \
    X(E_NO_SUCH_ROOM, "NO_SUCH_ROOM")   \
    X(E_NOT_IN_ROOM, "NOT_IN_ROOM")     \
    X(E_TOO_MANY_ROOMS, "TOO_MANY_ROOMS") \
    X(E_EMPTY_MESSAGE, "EMPTY_MESSAGE") \
    X(E_SELF, "SELF")                   \
    X(E_INTERNAL, "INTERNAL")

/* Reasons on BYE lines, the last line before the server closes. */
#define NATTER_BYES(X)                   \
    X(BYE_QUIT, "QUIT")                  \
    X(BYE_SHUTDOWN, "SHUTDOWN")          \
    X(BYE_SERVER_FULL, "SERVER_FULL")    \
    X(BYE_SENDQ_EXCEEDED, "SENDQ_EXCEEDED") \
    X(BYE_PING_TIMEOUT, "PING_TIMEOUT")  \
    X(BYE_INTERNAL, "INTERNAL")

/* Every line the server sends: X(id, "WORD", ARGS): the word, then ARGS
 * space-separated arguments, then optional text to the end of the line. */
#define NATTER_LINES(X)           \
    X(LINE_HELLO, "HELLO", 2)     /* HELLO <version> <server-name> */     \
    X(LINE_INFO, "INFO", 0)       /* INFO <text> */                       \
    X(LINE_OK, "OK", 1)           /* OK <CMD> [detail] */                 \
    X(LINE_ERR, "ERR", 2)         /* ERR <CMD> <CODE> <text> */           \
    X(LINE_MSG, "MSG", 2)         /* MSG <#room> <from> <text> */         \
    X(LINE_ALL, "ALL", 1)         /* ALL <from> <text> */                 \
    X(LINE_DM, "DM", 1)           /* DM <from> <text> */                  \
    X(LINE_JOIN, "JOIN", 2)       /* JOIN <#room> <user> */               \
    X(LINE_LEAVE, "LEAVE", 2)     /* LEAVE <#room> <user> */              \
    X(LINE_ONLINE, "ONLINE", 1)   /* ONLINE <user> */                     \
    X(LINE_OFFLINE, "OFFLINE", 1) /* OFFLINE <user> */                    \
    X(LINE_USER, "USER", 2)       /* USER <name> <kind> [#room ...] */    \
    X(LINE_ROOM, "ROOM", 2)       /* ROOM <#room> <members> [topic] */    \
    X(LINE_PING, "PING", 0)       /* PING <token> */                      \
    X(LINE_PONG, "PONG", 0)       /* PONG [token] */                      \
    X(LINE_BYE, "BYE", 1)         /* BYE <CODE> <text> */

#define NATTER_X_ENUM(id, ...) id,

enum natter_cmd { CMD_NONE = -1, NATTER_COMMANDS(NATTER_X_ENUM) CMD_COUNT };
/* E_NONE: no error, for functions that return a condition. */
enum natter_err { E_NONE = -1, NATTER_ERRORS(NATTER_X_ENUM) E_COUNT };
enum natter_bye { NATTER_BYES(NATTER_X_ENUM) BYE_COUNT };
enum natter_line { LINE_UNKNOWN = -1, NATTER_LINES(NATTER_X_ENUM) LINE_COUNT };

/* The most arguments before the text on any server line. */
#define NATTER_LINE_MAX_ARGS 2

struct protocol_command {
    const char *name;
    const char *aliases; /* space-separated, may be "" */
    const char *usage;
    const char *summary;
};

extern const struct protocol_command protocol_commands[CMD_COUNT];
extern const char *const protocol_error_names[E_COUNT];
extern const char *const protocol_bye_names[BYE_COUNT];
extern const char *const protocol_line_names[LINE_COUNT];
extern const unsigned char protocol_line_args[LINE_COUNT];

/* The command whose name or alias is WORD (ASCII case-insensitive, an optional
 * leading '/' ignored), or CMD_NONE. */
enum natter_cmd protocol_command_lookup(const char *word);

/* The server line kind named by WORD (exact, upper-case), or LINE_UNKNOWN. */
enum natter_line protocol_line_lookup(const char *word);

/* The error code named CODE, or -1. */
int protocol_error_lookup(const char *code);

#endif
