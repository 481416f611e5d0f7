/* SPDX-License-Identifier: MIT */
/*
 * Getting events to their recipients.  Under the registry lock the core only
 * records what happened and to whom, into an outbox (memory only: event
 * copies and referenced session pointers).  After the lock is released the
 * outbox is delivered: each event is formatted once per front end and the
 * same buffer is queued to every recipient.
 *
 * An outbox belongs to one session and is used only by its thread.
 */
#ifndef NATTER_FANOUT_H
#define NATTER_FANOUT_H

#include <stddef.h>

#include "event.h"

struct session;

struct outbox {
    struct outbox_item {
        struct event ev;
        size_t first, count; /* recipients: to[first .. first+count) */
    } *items;
    size_t nitems, capitems;
    struct session **to;
    size_t nto, capto;
};

/* Starts a new event; recipients added next with outbox_to belong to it. */
void outbox_event(struct outbox *ob, enum event_kind kind, const char *room, const char *user,
                  const char *text);
/* Adds S (taking a reference) as a recipient of the latest event. */
void outbox_to(struct outbox *ob, struct session *s);
/* Queues every event to its recipients, drops the references and empties
 * OB.  Must not be called with the registry lock held. */
void outbox_deliver(struct outbox *ob);
/* Drops everything without delivering it, and frees OB's memory. */
void outbox_free(struct outbox *ob);

#endif
