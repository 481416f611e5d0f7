/* SPDX-License-Identifier: MIT */
/*
 * A connection's bounded outbound queue.  Any thread may push shared
 * msgbufs; only the connection's own thread writes them to its socket, with
 * one sendmsg of everything queued (up to SENDQ_IOV items) per flush.  So no
 * thread ever blocks on another connection's socket, and a burst of messages
 * costs one system call, not one each.
 *
 * Pushers wake the owner through an eventfd, at most once until the owner
 * acknowledges (sendq_ack_wake), so a busy queue costs no extra syscalls.
 * A push that would take the queue past its byte limit is refused and marks
 * the queue overflowed; the owner then closes the connection.
 *
 * Locking: q->lock guards every field; it is a leaf lock (nothing else is
 * taken while it is held) and is never held during a system call.
 */
#ifndef NATTER_SENDQ_H
#define NATTER_SENDQ_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "msgbuf.h"

#define SENDQ_IOV 256

struct sendq {
    pthread_mutex_t lock;
    struct msgbuf **items; /* ring of cap entries: count from head */
    size_t head, count, cap;
    size_t head_off;   /* bytes of items[head] already written */
    size_t bytes;      /* queued bytes not yet written */
    size_t limit;      /* most bytes that may wait */
    bool overflowed;   /* a push was refused for the limit */
    bool closed;       /* pushes are dropped */
    bool wake_pending; /* the eventfd was written and not yet acknowledged */
    int wake_fd;
};

enum sendq_push_result { SENDQ_QUEUED = 0, SENDQ_FULL, SENDQ_CLOSED };

/* Sets up an empty queue of at most LIMIT bytes.  Returns 0, or -1 with errno
 * if the eventfd cannot be made. */
int sendq_init(struct sendq *q, size_t limit);
/* Drops everything queued and closes the eventfd; Q may be half-built. */
void sendq_destroy(struct sendq *q);

/* Queues a new reference to M and, if WAKE, wakes the owner.  Refused when
 * closed, or when over the limit (which marks the queue overflowed). */
enum sendq_push_result sendq_push(struct sendq *q, struct msgbuf *m, bool wake);
/* Queues M past the limit (a connection's last line, e.g. BYE). */
enum sendq_push_result sendq_push_final(struct sendq *q, struct msgbuf *m);
/* Wakes the owner even if nothing was queued. */
void sendq_wake(struct sendq *q);
/* The owner's acknowledgement of a wake-up: empties the eventfd. */
void sendq_ack_wake(struct sendq *q);

/* Writes what is queued to FD without blocking.  Returns the bytes still
 * queued (0 when all was written), or -1 with errno on a socket error. */
ssize_t sendq_flush(struct sendq *q, int fd);
/* Drops everything queued but the rest of a line already partly written. */
void sendq_clear(struct sendq *q);
/* Refuses all further pushes. */
void sendq_close(struct sendq *q);
bool sendq_overflowed(struct sendq *q);
size_t sendq_bytes(struct sendq *q);

#endif
