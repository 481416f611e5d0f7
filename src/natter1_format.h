/* SPDX-License-Identifier: MIT */
/*
 * natter/1's wording: every line the server sends on the natter/1 port is
 * formatted here, replies and events alike (docs/protocol.md).
 */
#ifndef NATTER_NATTER1_FORMAT_H
#define NATTER_NATTER1_FORMAT_H

#include "event.h"
#include "frontend.h"
#include "msgbuf.h"
#include "natter/protocol.h"

struct session;

/* Appends a data line (INFO, USER, ROOM, HELLO...) to S's reply. */
void natter1_line(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Ends S's reply with "OK <CMD> [detail]"; FMT may be NULL. */
enum session_action natter1_ok(struct session *s, enum natter_cmd cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Ends S's reply with "ERR <NAME> <CODE> <text>"; NAME is a command's name,
 * a word as typed, or "-". */
enum session_action natter1_err(struct session *s, const char *name, enum natter_err code,
                                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

struct msgbuf *natter1_format_event(const struct event *ev);
struct msgbuf *natter1_format_bye(enum natter_bye code, const char *text);
struct msgbuf *natter1_format_ping(const char *token);

#endif
