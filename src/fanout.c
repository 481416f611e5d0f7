/* SPDX-License-Identifier: MIT */
/* Event delivery: format once per front end, queue to many (see fanout.h). */
#include "fanout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend.h"
#include "msgbuf.h"
#include "natter/xalloc.h"
#include "session.h"

void outbox_event(struct outbox *ob, enum event_kind kind, const char *room, const char *user,
                  const char *text)
{
    if (ob->nitems == ob->capitems) {
        ob->capitems = ob->capitems ? ob->capitems * 2 : 8;
        ob->items = xreallocarray(ob->items, ob->capitems, sizeof *ob->items);
    }
    struct outbox_item *it = &ob->items[ob->nitems++];
    it->ev.kind = kind;
    /* Names are at most NATTER_NAME_MAX + 1 bytes: they always fit. */
    snprintf(it->ev.room, sizeof it->ev.room, "%s", room ? room : "");
    snprintf(it->ev.user, sizeof it->ev.user, "%s", user ? user : "");
    it->ev.text = text;
    it->first = ob->nto;
    it->count = 0;
}

void outbox_to(struct outbox *ob, struct session *s)
{
    if (ob->nto == ob->capto) {
        ob->capto = ob->capto ? ob->capto * 2 : 16;
        ob->to = xreallocarray(ob->to, ob->capto, sizeof *ob->to);
    }
    ob->to[ob->nto++] = session_ref(s);
    ob->items[ob->nitems - 1].count++;
}

void outbox_deliver(struct outbox *ob)
{
    for (size_t i = 0; i < ob->nitems; i++) {
        struct outbox_item *it = &ob->items[i];
        /* One formatted buffer per front end, shared by all its recipients. */
        const struct frontend *fe[FRONTEND_MAX] = {0};
        struct msgbuf *buf[FRONTEND_MAX] = {0};
        for (size_t k = 0; k < it->count; k++) {
            struct session *s = ob->to[it->first + k];
            /* There are at most FRONTEND_MAX front ends, so a slot is found. */
            size_t f = 0;
            while (f + 1 < FRONTEND_MAX && fe[f] && fe[f] != s->fe)
                f++;
            if (!fe[f]) {
                fe[f] = s->fe;
                buf[f] = s->fe->format_event(&it->ev);
            }
            session_push(s, buf[f]);
            session_unref(s);
        }
        for (size_t f = 0; f < FRONTEND_MAX; f++)
            msgbuf_unref(buf[f]);
    }
    ob->nitems = ob->nto = 0;
}

void outbox_free(struct outbox *ob)
{
    for (size_t i = 0; i < ob->nto; i++)
        session_unref(ob->to[i]);
    free(ob->items);
    free(ob->to);
    memset(ob, 0, sizeof *ob);
}
