/* SPDX-License-Identifier: MIT */
/*
 * Start-up, the accept loop and shutdown.  The main thread listens and
 * accepts; each accepted connection gets a session and its own thread.
 * Signals only write a byte to a pipe that the accept loop polls.
 */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frontend.h"
#include "log.h"
#include "password.h"
#include "registry.h"
#include "session.h"
#include "store.h"

/* A session thread's stack.  Large buffers live on the heap, so this is
 * plenty, and it keeps 10,000 threads' address space modest; sanitizers
 * need far bigger frames. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SESSION_STACK (1024 * 1024)
#else
#define SESSION_STACK (256 * 1024)
#endif

/* How long shutdown waits for sessions to say BYE and drain. */
#define SERVER_DRAIN_MS 5000

static int server_signal_fd = -1;

static void server_on_signal(int sig)
{
    int saved = errno;
    char c = (char)sig;
    ssize_t n = write(server_signal_fd, &c, 1);
    (void)n;
    errno = saved;
}

static void server_load_account(void *ctx, const char *name)
{
    registry_add_account(ctx, name);
}

static void server_load_room(void *ctx, const char *room, const char *topic)
{
    registry_add_room(ctx, room);
}

/* Opens a listening TCP socket on ADDR:PORT; logs and returns -1 on failure. */
static int server_listen(const char *addr, unsigned port)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res;
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%u", port);
    int rc = getaddrinfo(addr, portstr, &hints, &res);
    if (rc != 0) {
        log_error("cannot resolve %s: %s", addr, gai_strerror(rc));
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    ai->ai_protocol);
        if (fd < 0)
            continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 511) < 0) {
            log_error("cannot listen on %s:%u: %s", addr, port, strerror(errno));
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    return fd;
}

/* "ip:port" of a socket address. */
static void server_format_addr(const struct sockaddr_storage *sa, char *out, size_t len)
{
    char host[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (sa->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        port = ntohs(in->sin_port);
        snprintf(out, len, "%s:%u", host, port);
    } else if (sa->ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        port = ntohs(in6->sin6_port);
        snprintf(out, len, "[%s]:%u", host, port);
    } else {
        snprintf(out, len, "?");
    }
}

/* Each connection needs a socket and an eventfd: raise the descriptor limit
 * as far as we may, and say so if it still cannot hold --max-clients. */
static void server_raise_fd_limit(unsigned max_clients)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    rlim_t need = (rlim_t)max_clients * 2 + 32;
    if (rl.rlim_cur < need)
        log_info("only %llu file descriptors: fewer than --max-clients %u connections fit "
                  "(raise the limit with ulimit -n)",
                  (unsigned long long)rl.rlim_cur, max_clients);
}

int server_init(struct server *srv, const struct config *cfg)
{
    memset(srv, 0, sizeof *srv);
    srv->cfg = cfg;
    srv->listen_fd = srv->signal_pipe[0] = srv->signal_pipe[1] = -1;
    atomic_init(&srv->stopping, false);
    atomic_init(&srv->next_id, 0);

    server_raise_fd_limit(cfg->max_clients);
    if (password_init(cfg->weak_password_hash) < 0) {
        log_error("cannot initialise libsodium");
        return -1;
    }
    char err[256];
    srv->store = store_open(cfg->db, err, sizeof err);
    if (!srv->store) {
        log_error("cannot open database %s: %s", cfg->db, err);
        return -1;
    }
    srv->registry = registry_new();
    if (store_room_ensure(srv->store, NATTER_LOBBY) != STORE_OK ||
        store_account_each(srv->store, server_load_account, srv->registry) != STORE_OK ||
        store_room_each(srv->store, server_load_room, srv->registry) != STORE_OK) {
        log_error("cannot load database %s", cfg->db);
        return -1;
    }

    srv->listen_fd = server_listen(cfg->bind, cfg->port);
    if (srv->listen_fd < 0)
        return -1;
    struct sockaddr_storage sa;
    socklen_t salen = sizeof sa;
    char where[80];
    getsockname(srv->listen_fd, (struct sockaddr *)&sa, &salen);
    server_format_addr(&sa, where, sizeof where);

    if (pipe2(srv->signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        log_error("pipe: %s", strerror(errno));
        return -1;
    }
    server_signal_fd = srv->signal_pipe[1];
    struct sigaction sa_sig = {.sa_handler = server_on_signal};
    sigemptyset(&sa_sig.sa_mask);
    sigaction(SIGINT, &sa_sig, NULL);
    sigaction(SIGTERM, &sa_sig, NULL);
    /* Writes use MSG_NOSIGNAL; this covers anything else. */
    signal(SIGPIPE, SIG_IGN);

    pthread_attr_init(&srv->thread_attr);
    pthread_attr_setdetachstate(&srv->thread_attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&srv->thread_attr, SESSION_STACK);

    /* Tests and scripts read the port from this line. */
    fprintf(stderr, "listening on %s\n", where);
    log_info("natterd %s (%s) as %s, database %s", NATTER_VERSION, NATTER_PROTOCOL_VERSION,
             cfg->server_name, cfg->db);
    return 0;
}

/* Refuses a connection the server has no room for, without blocking. */
static void server_refuse(int fd, const struct frontend *fe)
{
    struct msgbuf *m = fe->format_bye(BYE_SERVER_FULL, "the server is full; try again later");
    ssize_t n = send(fd, m->data, m->len, MSG_NOSIGNAL | MSG_DONTWAIT);
    (void)n;
    msgbuf_unref(m);
    close(fd);
}

static void server_accept(struct server *srv)
{
    struct sockaddr_storage sa;
    socklen_t salen = sizeof sa;
    int fd = accept4(srv->listen_fd, (struct sockaddr *)&sa, &salen, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            /* Out of descriptors: back off instead of spinning on poll. */
            log_error("accept: %s; pausing", strerror(errno));
            poll(NULL, 0, 100);
        } else if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED) {
            log_error("accept: %s", strerror(errno));
        }
        return;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char addr[64];
    server_format_addr(&sa, addr, sizeof addr);

    const struct frontend *fe = &natter1_frontend;
    struct session *s = session_new(srv, fe, fd, addr);
    if (!s) {
        log_error("cannot set up a connection from %s: %s", addr, strerror(errno));
        return;
    }
    size_t n = registry_connect(srv->registry, s, srv->cfg->max_clients);
    if (n == 0) {
        log_info("refused %s: %u connected already", addr, srv->cfg->max_clients);
        s->fd = -1;
        session_unref(s);
        server_refuse(fd, fe);
        return;
    }
    log_info("#%lu: connected %s (%zu connected)", s->id, addr, n);
    int rc = session_start(s, &srv->thread_attr);
    if (rc != 0) {
        log_error("#%lu: cannot start a thread: %s", s->id, strerror(rc));
        registry_disconnect(srv->registry, s);
        s->fd = -1;
        session_unref(s);
        server_refuse(fd, fe);
    }
}

int server_run(struct server *srv)
{
    for (;;) {
        struct pollfd pfd[2] = {
            {.fd = srv->listen_fd, .events = POLLIN},
            {.fd = srv->signal_pipe[0], .events = POLLIN},
        };
        if (poll(pfd, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            log_error("poll: %s", strerror(errno));
            break;
        }
        if (pfd[1].revents & POLLIN)
            break;
        if (pfd[0].revents & POLLIN)
            server_accept(srv);
    }

    log_info("shutting down");
    close(srv->listen_fd);
    srv->listen_fd = -1;
    atomic_store(&srv->stopping, true);
    struct session **all;
    size_t n = registry_connections(srv->registry, &all);
    for (size_t i = 0; i < n; i++) {
        sendq_wake(&all[i]->sendq);
        session_unref(all[i]);
    }
    free(all);
    if (!registry_wait_empty(srv->registry, SERVER_DRAIN_MS))
        log_error("connections still open after %d ms; exiting anyway", SERVER_DRAIN_MS);
    return 0;
}

void server_destroy(struct server *srv)
{
    if (srv->listen_fd >= 0)
        close(srv->listen_fd);
    for (int i = 0; i < 2; i++)
        if (srv->signal_pipe[i] >= 0)
            close(srv->signal_pipe[i]);
    /* Sessions still running (a drain that timed out) hold the registry and
     * store; they are left to the exit. */
    if (srv->registry && registry_wait_empty(srv->registry, 0)) {
        registry_free(srv->registry);
        store_close(srv->store);
    }
}
