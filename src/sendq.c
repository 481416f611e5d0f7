/* SPDX-License-Identifier: MIT */
/* Bounded, coalescing outbound queues (see sendq.h). */
#include "sendq.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "natter/xalloc.h"

int sendq_init(struct sendq *q, size_t limit)
{
    memset(q, 0, sizeof *q);
    q->limit = limit;
    q->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (q->wake_fd < 0)
        return -1;
    pthread_mutex_init(&q->lock, NULL);
    return 0;
}

/* Unreferences every queued item but, if KEEP_PARTIAL, the one being
 * written, so that the peer never sees half a line; caller holds the lock. */
static void sendq_drop_items(struct sendq *q, bool keep_partial)
{
    size_t keep = keep_partial && q->count > 0 && q->head_off > 0 ? 1 : 0;
    for (size_t i = keep; i < q->count; i++)
        msgbuf_unref(q->items[(q->head + i) % q->cap]);
    q->count = keep;
    q->bytes = keep ? q->items[q->head]->len - q->head_off : 0;
    if (!keep)
        q->head = q->head_off = 0;
}

void sendq_destroy(struct sendq *q)
{
    if (q->wake_fd < 0)
        return;
    sendq_drop_items(q, false);
    free(q->items);
    q->items = NULL;
    close(q->wake_fd);
    q->wake_fd = -1;
    pthread_mutex_destroy(&q->lock);
}

static void sendq_signal(struct sendq *q)
{
    uint64_t one = 1;
    /* EAGAIN only if the counter is saturated, which is still a wake-up. */
    ssize_t n = write(q->wake_fd, &one, sizeof one);
    (void)n;
}

/* Appends M (taking a new reference); caller holds the lock.  Returns
 * whether the owner must be signalled. */
static bool sendq_append(struct sendq *q, struct msgbuf *m, bool wake)
{
    if (q->count == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        struct msgbuf **items = xreallocarray(NULL, cap, sizeof *items);
        for (size_t i = 0; i < q->count; i++)
            items[i] = q->items[(q->head + i) % q->cap];
        free(q->items);
        q->items = items;
        q->head = 0;
        q->cap = cap;
    }
    q->items[(q->head + q->count) % q->cap] = msgbuf_ref(m);
    q->count++;
    q->bytes += m->len;
    if (!wake || q->wake_pending)
        return false;
    q->wake_pending = true;
    return true;
}

enum sendq_push_result sendq_push(struct sendq *q, struct msgbuf *m, bool wake)
{
    enum sendq_push_result r = SENDQ_QUEUED;
    bool signal = false;
    pthread_mutex_lock(&q->lock);
    if (q->closed) {
        r = SENDQ_CLOSED;
    } else if (q->overflowed || q->bytes + m->len > q->limit) {
        r = SENDQ_FULL;
        if (!q->overflowed) {
            q->overflowed = true;
            signal = !q->wake_pending;
            q->wake_pending = true;
        }
    } else {
        signal = sendq_append(q, m, wake);
    }
    pthread_mutex_unlock(&q->lock);
    if (signal)
        sendq_signal(q);
    return r;
}

enum sendq_push_result sendq_push_final(struct sendq *q, struct msgbuf *m)
{
    pthread_mutex_lock(&q->lock);
    bool closed = q->closed;
    if (!closed)
        sendq_append(q, m, false);
    pthread_mutex_unlock(&q->lock);
    return closed ? SENDQ_CLOSED : SENDQ_QUEUED;
}

void sendq_wake(struct sendq *q)
{
    pthread_mutex_lock(&q->lock);
    bool signal = !q->wake_pending;
    q->wake_pending = true;
    pthread_mutex_unlock(&q->lock);
    if (signal)
        sendq_signal(q);
}

void sendq_ack_wake(struct sendq *q)
{
    uint64_t count;
    ssize_t n = read(q->wake_fd, &count, sizeof count);
    (void)n; /* EAGAIN: nothing to acknowledge */
    pthread_mutex_lock(&q->lock);
    q->wake_pending = false;
    pthread_mutex_unlock(&q->lock);
}

/* Removes N written bytes from the front; caller holds the lock. */
static void sendq_consume(struct sendq *q, size_t n)
{
    q->bytes -= n;
    while (n > 0) {
        struct msgbuf *m = q->items[q->head];
        size_t left = m->len - q->head_off;
        if (n < left) {
            q->head_off += n;
            return;
        }
        n -= left;
        msgbuf_unref(m);
        q->head = (q->head + 1) % q->cap;
        q->count--;
        q->head_off = 0;
    }
}

ssize_t sendq_flush(struct sendq *q, int fd)
{
    struct iovec iov[SENDQ_IOV];
    for (;;) {
        pthread_mutex_lock(&q->lock);
        size_t n = q->count < SENDQ_IOV ? q->count : SENDQ_IOV;
        for (size_t i = 0; i < n; i++) {
            struct msgbuf *m = q->items[(q->head + i) % q->cap];
            size_t off = i == 0 ? q->head_off : 0;
            iov[i].iov_base = m->data + off;
            iov[i].iov_len = m->len - off;
        }
        size_t queued = q->bytes;
        pthread_mutex_unlock(&q->lock);
        if (n == 0)
            return 0;

        /* The msgbufs stay referenced by the queue while we write: only this
         * thread removes items, so the iovec cannot dangle. */
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = n};
        ssize_t w = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return (ssize_t)queued;
            return -1;
        }
        pthread_mutex_lock(&q->lock);
        sendq_consume(q, (size_t)w);
        queued = q->bytes;
        pthread_mutex_unlock(&q->lock);
        if (queued == 0)
            return 0;
    }
}

void sendq_clear(struct sendq *q)
{
    pthread_mutex_lock(&q->lock);
    sendq_drop_items(q, true);
    pthread_mutex_unlock(&q->lock);
}

void sendq_close(struct sendq *q)
{
    pthread_mutex_lock(&q->lock);
    q->closed = true;
    sendq_drop_items(q, false);
    pthread_mutex_unlock(&q->lock);
}

bool sendq_overflowed(struct sendq *q)
{
    pthread_mutex_lock(&q->lock);
    bool o = q->overflowed;
    pthread_mutex_unlock(&q->lock);
    return o;
}

size_t sendq_bytes(struct sendq *q)
{
    pthread_mutex_lock(&q->lock);
    size_t b = q->bytes;
    pthread_mutex_unlock(&q->lock);
    return b;
}
