/* SPDX-License-Identifier: MIT */
/*
 * One client connection and the thread that serves it.
 *
 * Ownership: the session's thread owns the socket (it alone reads, writes
 * and closes it) and everything marked "own thread" below.  Other threads
 * hold counted references only to queue output (session_push) or wake it;
 * the struct is freed when the last reference goes.  Fields marked
 * "registry" are guarded by the registry lock.
 */
#ifndef NATTER_SESSION_H
#define NATTER_SESSION_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "fanout.h"
#include "frontend.h"
#include "msgbuf.h"
#include "natter/line.h"
#include "natter/names.h"
#include "ratelimit.h"
#include "sendq.h"

struct server;
struct user;

struct session {
    atomic_uint refs;
    unsigned long id;  /* connection number, for logs */
    char addr[64];     /* peer "ip:port", for logs */
    const struct frontend *fe;
    struct server *server;
    struct sendq sendq; /* any thread pushes; own thread flushes */

    /* Own thread. */
    int fd;
    struct linebuf in;
    struct ratelimit rate;
    struct strbuf reply;    /* the reply being built; queued as one piece */
    struct outbox outbox;   /* events of the command being handled */
    char name[NAME_BUF];    /* "" until logged in */
    bool account;           /* logged in to an account, not as a guest */
    int64_t last_input_ns;  /* when the client last sent a line */
    int64_t ping_sent_ns;   /* when we sent a PING still unanswered, or 0 */
    bool closing;
    enum natter_bye bye;
    char bye_text[128];

    /* Registry. */
    struct user *user;                   /* NULL until logged in */
    struct session *conn_prev, *conn_next; /* every connection */
};

/* A session for the accepted socket FD (taking it over; it is closed if this
 * fails).  Returns NULL with errno on failure. */
struct session *session_new(struct server *server, const struct frontend *fe, int fd,
                            const char *addr);
struct session *session_ref(struct session *s);
void session_unref(struct session *s);
/* Starts the session's thread, which takes over the caller's reference.
 * Returns 0, or an error number (the caller still owns the session). */
int session_start(struct session *s, const pthread_attr_t *attr);

/* Queues M for S from any thread, waking S's thread. */
void session_push(struct session *s, struct msgbuf *m);
/* Queues the reply built in s->reply (own thread). */
void session_send_reply(struct session *s);
/* Asks S's own thread loop to close S after this command, saying BYE CODE. */
void session_close(struct session *s, enum natter_bye code, const char *text);
/* Monotonic clock in nanoseconds. */
int64_t session_now_ns(void);

#endif
