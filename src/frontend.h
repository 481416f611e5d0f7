/* SPDX-License-Identifier: MIT */
/*
 * A front end is one wire protocol over the chat core: it parses its
 * clients' lines, calls the core, and formats the core's events and its own
 * replies.  The session loop (session.c) knows only this interface, so a
 * second protocol (IRC) is a second front end, not a fork of the core.
 */
#ifndef NATTER_FRONTEND_H
#define NATTER_FRONTEND_H

#include <stddef.h>

#include "event.h"
#include "msgbuf.h"
#include "natter/protocol.h"

struct session;

/* What a handler tells the session loop: go on, or close the connection. */
enum session_action { SESSION_KEEP = 0, SESSION_CLOSE };

/* The most front ends a server runs; fanout formats once per front end. */
#define FRONTEND_MAX 2

struct frontend {
    const char *name;
    /* Queues the greeting of a new connection. */
    void (*greet)(struct session *s);
    /* Handles one complete line (NUL-terminated, not yet validated). */
    enum session_action (*handle_line)(struct session *s, char *line, size_t len);
    /* Tells the client that an over-long line was discarded. */
    void (*line_too_long)(struct session *s);
    /* The lines that tell a recipient about EV (one reference). */
    struct msgbuf *(*format_event)(const struct event *ev);
    /* The last line before the server closes a connection. */
    struct msgbuf *(*format_bye)(enum natter_bye code, const char *text);
    /* A keepalive the client must answer with TOKEN. */
    struct msgbuf *(*format_ping)(const char *token);
};

extern const struct frontend natter1_frontend;

#endif
