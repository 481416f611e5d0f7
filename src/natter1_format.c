/* SPDX-License-Identifier: MIT */
/* natter/1's server lines (see natter1_format.h). */
#include "natter1_format.h"

#include <stdarg.h>
#include <stdio.h>

#include "session.h"

#define CRLF "\r\n"

void natter1_line(struct session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&s->reply, fmt, ap);
    va_end(ap);
    strbuf_append(&s->reply, CRLF, 2);
}

enum session_action natter1_ok(struct session *s, enum natter_cmd cmd, const char *fmt, ...)
{
    strbuf_printf(&s->reply, "OK %s", protocol_commands[cmd].name);
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        strbuf_append(&s->reply, " ", 1);
        strbuf_vprintf(&s->reply, fmt, ap);
        va_end(ap);
    }
    strbuf_append(&s->reply, CRLF, 2);
    return SESSION_KEEP;
}

enum session_action natter1_err(struct session *s, const char *name, enum natter_err code,
                                const char *fmt, ...)
{
    va_list ap;
    strbuf_printf(&s->reply, "ERR %s %s ", name, protocol_error_names[code]);
    va_start(ap, fmt);
    strbuf_vprintf(&s->reply, fmt, ap);
    va_end(ap);
    strbuf_append(&s->reply, CRLF, 2);
    return SESSION_KEEP;
}

/* One line as a shared buffer. */
static struct msgbuf *natter1_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static struct msgbuf *natter1_msg(const char *fmt, ...)
{
    char small[512];
    struct strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n + 2 < sizeof small) {
        small[n] = '\r';
        small[n + 1] = '\n';
        return msgbuf_new(small, (size_t)n + 2);
    }
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    strbuf_append(&sb, CRLF, 2);
    struct msgbuf *m = msgbuf_new(sb.data, sb.len);
    strbuf_free(&sb);
    return m;
}

struct msgbuf *natter1_format_event(const struct event *ev)
{
    switch (ev->kind) {
    case EVENT_ROOM_MESSAGE:
        return natter1_msg("MSG %s %s %s", ev->room, ev->user, ev->text);
    case EVENT_BROADCAST:
        return natter1_msg("ALL %s %s", ev->user, ev->text);
    case EVENT_DIRECT:
        return natter1_msg("DM %s %s", ev->user, ev->text);
    case EVENT_JOIN:
        return natter1_msg("JOIN %s %s", ev->room, ev->user);
    case EVENT_LEAVE:
        return natter1_msg("LEAVE %s %s", ev->room, ev->user);
    case EVENT_ONLINE:
        return natter1_msg("ONLINE %s", ev->user);
    case EVENT_OFFLINE:
        return natter1_msg("OFFLINE %s", ev->user);
    case EVENT_CONNECTED:
        return natter1_msg("INFO %s connected you: chat with them in %s", ev->user, ev->room);
    case EVENT_KIND_COUNT:
        break;
    }
    return natter1_msg("INFO (unknown event)");
}

struct msgbuf *natter1_format_bye(enum natter_bye code, const char *text)
{
    return natter1_msg("BYE %s %s", protocol_bye_names[code], text);
}

struct msgbuf *natter1_format_ping(const char *token)
{
    return natter1_msg("PING %s", token);
}
