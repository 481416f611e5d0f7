/* SPDX-License-Identifier: MIT */
/*
 * What the chat core tells users, free of any protocol's wording: each front
 * end (natter/1 now, IRC later) turns an event into its own lines.  An event
 * owns copies of its names; its text is borrowed from the sender's line and
 * lives until the event has been delivered.
 */
#ifndef NATTER_EVENT_H
#define NATTER_EVENT_H

#include "natter/names.h"

#define EVENT_KINDS(X)                                                                   \
    X(EVENT_ROOM_MESSAGE) /* user said text in room */                                   \
    X(EVENT_BROADCAST)    /* user said text to everyone online */                        \
    X(EVENT_DIRECT)       /* user said text to the recipient alone */                    \
    X(EVENT_JOIN)         /* user joined room, or came online in it */                   \
    X(EVENT_LEAVE)        /* user left room, or went offline from it */                  \
    X(EVENT_ONLINE)       /* user's first connection logged in */                        \
    X(EVENT_OFFLINE)      /* user's last connection went away */                         \
    X(EVENT_CONNECTED)    /* user connected the recipient with them in room (CONNECT) */

#define EVENT_X_ENUM(id) id,
enum event_kind { EVENT_KINDS(EVENT_X_ENUM) EVENT_KIND_COUNT };

struct event {
    enum event_kind kind;
    char room[NAME_BUF]; /* "" for events not about a room */
    char user[NAME_BUF]; /* who did it */
    const char *text;    /* message text, or NULL */
};

#endif
