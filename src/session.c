/* SPDX-License-Identifier: MIT */
/*
 * The thread of one connection: read and frame its lines, hand them to its
 * front end, deliver the events they cause, write its queue, keep it alive
 * with PING, and close it cleanly.  See session.h for who owns what.
 *
 * The socket is non-blocking and the thread sleeps in poll() on it and on
 * its send queue's eventfd, so it wakes for input, for output queued by
 * other threads, and for shutdown, and never blocks on a write.
 */
#include "session.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "chat.h"
#include "log.h"
#include "natter/xalloc.h"
#include "server.h"

/* How long a closing connection may take to receive its last lines. */
#define SESSION_LINGER_MS 10000
#define SESSION_SHUTDOWN_LINGER_MS 3000

int64_t session_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct session *session_new(struct server *server, const struct frontend *fe, int fd,
                            const char *addr)
{
    struct session *s = xcalloc(1, sizeof *s);
    if (sendq_init(&s->sendq, server->cfg->sendq) < 0) {
        int e = errno;
        close(fd);
        free(s);
        errno = e;
        return NULL;
    }
    atomic_init(&s->refs, 1);
    s->id = atomic_fetch_add(&server->next_id, 1) + 1;
    snprintf(s->addr, sizeof s->addr, "%s", addr);
    s->fe = fe;
    s->server = server;
    s->fd = fd;
    /* max_line is validated by config_parse, so this cannot fail. */
    linebuf_init(&s->in, server->cfg->max_line);
    s->last_input_ns = session_now_ns();
    ratelimit_init(&s->rate, server->cfg->max_rate, server->cfg->burst, s->last_input_ns);
    return s;
}

struct session *session_ref(struct session *s)
{
    atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
    return s;
}

void session_unref(struct session *s)
{
    if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
        return;
    if (s->fd >= 0)
        close(s->fd);
    sendq_destroy(&s->sendq);
    linebuf_free(&s->in);
    strbuf_free(&s->reply);
    outbox_free(&s->outbox);
    free(s);
}

void session_push(struct session *s, struct msgbuf *m)
{
    sendq_push(&s->sendq, m, true);
}

void session_send_reply(struct session *s)
{
    if (s->reply.len == 0)
        return;
    struct msgbuf *m = msgbuf_new(s->reply.data, s->reply.len);
    /* Our own thread flushes after each command: no wake-up needed. */
    sendq_push(&s->sendq, m, false);
    msgbuf_unref(m);
    strbuf_reset(&s->reply);
}

void session_close(struct session *s, enum natter_bye code, const char *text)
{
    if (s->closing)
        return;
    s->closing = true;
    s->bye = code;
    snprintf(s->bye_text, sizeof s->bye_text, "%s", text);
}

/* Reads what the socket has and handles every complete line.  Returns false
 * when the peer has gone. */
static bool session_read(struct session *s)
{
    char *dst;
    size_t room = linebuf_space(&s->in, &dst);
    ssize_t n = read(s->fd, dst, room);
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    if (n == 0)
        return false;
    linebuf_commit(&s->in, (size_t)n);

    char *line;
    size_t len;
    enum linebuf_result r;
    while (!s->closing && (r = linebuf_next(&s->in, &line, &len)) != LINEBUF_NONE) {
        s->last_input_ns = session_now_ns();
        s->ping_sent_ns = 0;
        if (r == LINEBUF_TOO_LONG)
            s->fe->line_too_long(s);
        else if (s->fe->handle_line(s, line, len) == SESSION_CLOSE && !s->closing)
            session_close(s, BYE_INTERNAL, "closing");
        session_send_reply(s);
        /* After the reply, and while the line's text is still valid. */
        outbox_deliver(&s->outbox);
    }
    return true;
}

/* Sends a PING after a silence, or closes after an unanswered one.  Returns
 * the milliseconds until the next check. */
static int session_keepalive(struct session *s, int64_t now)
{
    const struct config *cfg = s->server->cfg;
    int64_t due;
    if (!s->ping_sent_ns) {
        due = s->last_input_ns + (int64_t)cfg->ping_interval * 1000000000;
        if (now >= due) {
            char token[32];
            snprintf(token, sizeof token, "%lx", (unsigned long)(now / 1000000));
            struct msgbuf *m = s->fe->format_ping(token);
            sendq_push(&s->sendq, m, false);
            msgbuf_unref(m);
            s->ping_sent_ns = now;
            due = now + (int64_t)cfg->ping_timeout * 1000000000;
        }
    } else {
        due = s->ping_sent_ns + (int64_t)cfg->ping_timeout * 1000000000;
        if (now >= due) {
            session_close(s, BYE_PING_TIMEOUT, "no answer to PING");
            return 0;
        }
    }
    int64_t ms = (due - now) / 1000000 + 1;
    return ms > 60000 ? 60000 : (int)ms;
}

static void session_loop(struct session *s)
{
    struct server *srv = s->server;
    while (!s->closing) {
        struct pollfd pfd[2] = {
            {.fd = s->fd, .events = POLLIN},
            {.fd = s->sendq.wake_fd, .events = POLLIN},
        };
        int timeout = session_keepalive(s, session_now_ns());
        if (s->closing)
            break;
        /* Before sleeping: what was queued since the last flush (a PING). */
        ssize_t left = sendq_flush(&s->sendq, s->fd);
        if (left < 0) {
            s->closing = true;
            s->bye = BYE_COUNT;
            break;
        }
        pfd[0].events = POLLIN | (left > 0 ? POLLOUT : 0);
        if (poll(pfd, 2, timeout) < 0 && errno != EINTR) {
            log_error("#%lu: poll: %s", s->id, strerror(errno));
            session_close(s, BYE_INTERNAL, "server error");
            break;
        }
        if (pfd[1].revents & POLLIN)
            sendq_ack_wake(&s->sendq);
        if (atomic_load(&srv->stopping)) {
            session_close(s, BYE_SHUTDOWN, "server is shutting down");
            break;
        }
        if (sendq_overflowed(&s->sendq)) {
            session_close(s, BYE_SENDQ_EXCEEDED, "too much output waiting; read faster");
            break;
        }
        if ((pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) && !session_read(s)) {
            s->closing = true; /* the peer went away: nobody to say BYE to */
            s->bye = BYE_COUNT;
            break;
        }
    }
}

/* Writes what is still queued, giving a slow reader up to TIMEOUT_MS. */
static void session_linger(struct session *s, int timeout_ms)
{
    int64_t deadline = session_now_ns() + (int64_t)timeout_ms * 1000000;
    for (;;) {
        ssize_t left = sendq_flush(&s->sendq, s->fd);
        int64_t now = session_now_ns();
        if (left <= 0 || now >= deadline)
            break;
        struct pollfd pfd = {.fd = s->fd, .events = POLLOUT};
        if (poll(&pfd, 1, (int)((deadline - now) / 1000000) + 1) < 0 && errno != EINTR)
            break;
        if (pfd.revents & (POLLERR | POLLHUP))
            break;
    }
    /* Half-close and read what the client still sends, briefly: closing with
     * unread input would reset the connection and could lose our last lines. */
    shutdown(s->fd, SHUT_WR);
    char sink[4096];
    int64_t drain_until = session_now_ns() + 500 * 1000000LL;
    for (size_t total = 0; total < 65536;) {
        struct pollfd pfd = {.fd = s->fd, .events = POLLIN};
        int64_t now = session_now_ns();
        if (now >= drain_until || poll(&pfd, 1, (int)((drain_until - now) / 1000000) + 1) <= 0)
            break;
        ssize_t n = read(s->fd, sink, sizeof sink);
        if (n <= 0)
            break;
        total += (size_t)n;
    }
}

static void *session_main(void *arg)
{
    struct session *s = arg;
    s->fe->greet(s);
    session_send_reply(s);
    sendq_flush(&s->sendq, s->fd);
    session_loop(s);

    chat_disconnect(s);
    outbox_deliver(&s->outbox);
    if (s->bye != BYE_COUNT) {
        if (s->bye == BYE_SENDQ_EXCEEDED) {
            log_info("#%lu: closing: %zu bytes waiting", s->id, sendq_bytes(&s->sendq));
            sendq_clear(&s->sendq);
        }
        struct msgbuf *m = s->fe->format_bye(s->bye, s->bye_text);
        sendq_push_final(&s->sendq, m);
        msgbuf_unref(m);
        session_linger(s, atomic_load(&s->server->stopping) ? SESSION_SHUTDOWN_LINGER_MS
                                                             : SESSION_LINGER_MS);
    }
    sendq_close(&s->sendq);
    close(s->fd);
    s->fd = -1;
    chat_forget(s);
    session_unref(s);
    return NULL;
}

int session_start(struct session *s, const pthread_attr_t *attr)
{
    pthread_t t;
    return pthread_create(&t, attr, session_main, s);
}
