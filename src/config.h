/* SPDX-License-Identifier: MIT */
/* natterd's settings: defaults, and the command line that changes them. */
#ifndef NATTER_CONFIG_H
#define NATTER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "log.h"

struct config {
    const char *bind;        /* --bind: address to listen on */
    unsigned port;           /* --port: 0 takes a free port */
    const char *db;          /* --db: SQLite file */
    char server_name[256];   /* --server-name: default the host name */
    size_t max_line;         /* --max-line: bytes, terminator included */
    unsigned max_clients;    /* --max-clients */
    unsigned max_rate;       /* --max-rate: commands/s, 0 = no limit */
    unsigned burst;          /* --burst */
    size_t sendq;            /* --sendq: bytes */
    unsigned ping_interval;  /* --ping-interval: seconds of silence before PING */
    unsigned ping_timeout;   /* --ping-timeout: seconds to answer it */
    bool weak_password_hash; /* --weak-password-hash: tests and benchmarks only */
    enum log_level log_level;
};

/* Fills CFG from the defaults and ARGV.  Returns 0; or 1 after printing the
 * help (--help) or the version; or -1 after printing what is wrong. */
int config_parse(struct config *cfg, int argc, char **argv);

#endif
