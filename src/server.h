/* SPDX-License-Identifier: MIT */
/*
 * The server as a whole: settings, registry and store shared by every
 * session, and the accept loop on the main thread.
 */
#ifndef NATTER_SERVER_H
#define NATTER_SERVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "config.h"

struct registry;
struct store;

struct server {
    const struct config *cfg;
    struct registry *registry;
    struct store *store;
    int listen_fd;
    int signal_pipe[2];     /* written by the signal handler; read by the accept loop */
    atomic_bool stopping;   /* set once at shutdown, read by every session */
    atomic_ulong next_id;   /* connection numbers for logs */
    pthread_attr_t thread_attr;
};

/* Opens the store, loads it into a new registry and starts listening.
 * Returns 0, or -1 after logging why. */
int server_init(struct server *srv, const struct config *cfg);
/* Accepts connections until SIGINT or SIGTERM, then says BYE SHUTDOWN to
 * everyone, waits (bounded) for their queues to drain and returns 0. */
int server_run(struct server *srv);
/* Frees what server_init made; SRV may be half-built. */
void server_destroy(struct server *srv);

#endif
