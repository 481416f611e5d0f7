/* SPDX-License-Identifier: MIT */
/* The natter/1 client library (see natter/client.h). */
#include "natter/client.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Server lines may be longer than client lines: a message line carries the
 * sender's whole line plus the room and the sender's name. */
#define CLIENT_MAX_LINE (2 * NATTER_DEFAULT_MAX_LINE)

int server_line_parse(char *line, struct server_line *out)
{
    memset(out, 0, sizeof *out);
    out->kind = LINE_UNKNOWN;
    out->word = out->text = "";
    for (int i = 0; i < NATTER_LINE_MAX_ARGS; i++)
        out->arg[i] = "";

    char *whole = line, *cursor = line, *word;
    if (!line_next_arg(&cursor, &word)) {
        out->text = whole;
        return -1;
    }
    out->word = word;
    enum natter_line kind = protocol_line_lookup(word);
    if (kind == LINE_UNKNOWN) {
        out->text = cursor;
        return 0;
    }
    for (int i = 0; i < protocol_line_args[kind]; i++) {
        char *arg;
        if (!line_next_arg(&cursor, &arg)) {
            out->text = "";
            return -1;
        }
        out->arg[i] = arg;
    }
    out->kind = kind;
    out->text = cursor;
    return 0;
}

static int64_t client_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left until DEADLINE (-1: none), for poll. */
static int client_left(int64_t deadline)
{
    if (deadline < 0)
        return -1;
    int64_t left = deadline - client_now_ms();
    return left < 0 ? 0 : (int)(left > INT32_MAX ? INT32_MAX : left);
}

int natter_client_connect(struct natter_client *c, const char *host, const char *port,
                          int timeout_ms)
{
    memset(c, 0, sizeof *c);
    c->fd = -1;
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        snprintf(c->err, sizeof c->err, "cannot resolve %s: %s", host, gai_strerror(rc));
        return -1;
    }
    int64_t deadline = timeout_ms < 0 ? -1 : client_now_ms() + timeout_ms;
    int err = 0;
    for (struct addrinfo *ai = res; ai && c->fd < 0; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                        ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0 && errno != EINPROGRESS) {
            err = errno;
            close(fd);
            continue;
        }
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        socklen_t len = sizeof err;
        if (poll(&p, 1, client_left(deadline)) != 1) {
            err = ETIMEDOUT;
        } else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) {
            err = errno;
        }
        if (err) {
            close(fd);
            continue;
        }
        c->fd = fd;
    }
    freeaddrinfo(res);
    if (c->fd < 0) {
        snprintf(c->err, sizeof c->err, "cannot connect to %s port %s: %s", host, port,
                 strerror(err ? err : ECONNREFUSED));
        return -1;
    }
    if (linebuf_init(&c->in, CLIENT_MAX_LINE) < 0) {
        snprintf(c->err, sizeof c->err, "cannot set up the line buffer");
        natter_client_close(c);
        return -1;
    }
    return 0;
}

int natter_client_send(struct natter_client *c, const char *fmt, ...)
{
    char line[NATTER_DEFAULT_MAX_LINE + 1];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 2, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n + 2 > NATTER_DEFAULT_MAX_LINE) {
        snprintf(c->err, sizeof c->err, "line too long (%d bytes)", n);
        return -1;
    }
    if (memchr(line, '\r', (size_t)n) || memchr(line, '\n', (size_t)n)) {
        snprintf(c->err, sizeof c->err, "a line cannot contain CR or LF");
        return -1;
    }
    line[n] = '\r';
    line[n + 1] = '\n';
    size_t len = (size_t)n + 2, sent = 0;
    while (sent < len) {
        ssize_t w = send(c->fd, line + sent, len - sent, MSG_NOSIGNAL);
        if (w < 0 && errno == EAGAIN) {
            struct pollfd p = {.fd = c->fd, .events = POLLOUT};
            poll(&p, 1, -1);
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            snprintf(c->err, sizeof c->err, "send: %s", strerror(errno));
            return -1;
        }
        sent += (size_t)w;
    }
    return 0;
}

int natter_client_read(struct natter_client *c, struct server_line *out, int timeout_ms)
{
    int64_t deadline = timeout_ms < 0 ? -1 : client_now_ms() + timeout_ms;
    for (;;) {
        char *line;
        size_t len;
        enum linebuf_result r = linebuf_next(&c->in, &line, &len);
        if (r == LINEBUF_LINE) {
            if (len == 0)
                continue;
            server_line_parse(line, out);
            return 1;
        }
        if (r == LINEBUF_TOO_LONG)
            continue;

        struct pollfd p = {.fd = c->fd, .events = POLLIN};
        int pr = poll(&p, 1, client_left(deadline));
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0) {
            snprintf(c->err, sizeof c->err, "poll: %s", strerror(errno));
            return -1;
        }
        if (pr == 0)
            return 0;
        char *dst;
        size_t room = linebuf_space(&c->in, &dst);
        ssize_t n = read(c->fd, dst, room);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0) {
            snprintf(c->err, sizeof c->err, "%s",
                     n == 0 ? "the server closed the connection" : strerror(errno));
            return -1;
        }
        linebuf_commit(&c->in, (size_t)n);
    }
}

void natter_client_close(struct natter_client *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    linebuf_free(&c->in);
}
