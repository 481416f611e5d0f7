/* SPDX-License-Identifier: MIT */
/* Command-line parsing for natterd (see config.h). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "natter/protocol.h"

static const char config_usage[] =
    "usage: natterd [options]\n"
    "  --bind ADDR           address to listen on (127.0.0.1)\n"
    "  --port N              port, 0 for any free one (7777)\n"
    "  --db FILE             SQLite database (natter.db)\n"
    "  --server-name NAME    name in HELLO (the host name)\n"
    "  --max-line BYTES      longest line, terminator included (4096)\n"
    "  --max-clients N       connections at once (10000)\n"
    "  --max-rate N          commands per second per connection, 0 = no limit (10)\n"
    "  --burst N             commands allowed at once before --max-rate applies (50)\n"
    "  --sendq BYTES         output that may wait for one connection (1048576)\n"
    "  --ping-interval S     silence before the server sends PING (120)\n"
    "  --ping-timeout S      time to answer PING (60)\n"
    "  --weak-password-hash  cheapest Argon2id cost: for tests and benchmarks only\n"
    "  --quiet | --verbose   log only errors | log every command\n"
    "  --version, --help\n";

/* Parses a whole decimal number in [MIN, MAX] into *OUT. */
static int config_number(const char *name, const char *s, uintmax_t min, uintmax_t max,
                         uintmax_t *out)
{
    char *end;
    errno = 0;
    if (!s[0] || s[0] == '-' || s[0] == '+') {
        fprintf(stderr, "natterd: --%s wants a number, not '%s'\n", name, s);
        return -1;
    }
    uintmax_t v = strtoumax(s, &end, 10);
    if (errno || *end || v < min || v > max) {
        fprintf(stderr, "natterd: --%s must be a number from %ju to %ju, not '%s'\n", name, min,
                max, s);
        return -1;
    }
    *out = v;
    return 0;
}

int config_parse(struct config *cfg, int argc, char **argv)
{
    *cfg = (struct config){
        .bind = "127.0.0.1",
        .port = NATTER_DEFAULT_PORT,
        .db = "natter.db",
        .max_line = NATTER_DEFAULT_MAX_LINE,
        .max_clients = 10000,
        .max_rate = 10,
        .burst = 50,
        .sendq = 1024 * 1024,
        .ping_interval = 120,
        .ping_timeout = 60,
        .log_level = LOG_INFO,
    };
    if (gethostname(cfg->server_name, sizeof cfg->server_name) < 0 || !cfg->server_name[0])
        strcpy(cfg->server_name, "natter");
    cfg->server_name[sizeof cfg->server_name - 1] = '\0';

    enum { O_WEAK = 256, O_QUIET, O_VERBOSE, O_VERSION, O_HELP };
    static const struct option options[] = {
        {"bind", required_argument, NULL, 'b'},
        {"port", required_argument, NULL, 'p'},
        {"db", required_argument, NULL, 'd'},
        {"server-name", required_argument, NULL, 'n'},
        {"max-line", required_argument, NULL, 'L'},
        {"max-clients", required_argument, NULL, 'c'},
        {"max-rate", required_argument, NULL, 'r'},
        {"burst", required_argument, NULL, 'B'},
        {"sendq", required_argument, NULL, 'q'},
        {"ping-interval", required_argument, NULL, 'i'},
        {"ping-timeout", required_argument, NULL, 't'},
        {"weak-password-hash", no_argument, NULL, O_WEAK},
        {"quiet", no_argument, NULL, O_QUIET},
        {"verbose", no_argument, NULL, O_VERBOSE},
        {"version", no_argument, NULL, O_VERSION},
        {"help", no_argument, NULL, O_HELP},
        {0},
    };
    int c;
    uintmax_t v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        const char *name = NULL;
        for (const struct option *o = options; o->name; o++)
            if (o->val == c)
                name = o->name;
        switch (c) {
        case 'b':
            cfg->bind = optarg;
            break;
        case 'p':
            if (config_number(name, optarg, 0, 65535, &v) < 0)
                return -1;
            cfg->port = (unsigned)v;
            break;
        case 'd':
            cfg->db = optarg;
            break;
        case 'n':
            if (!optarg[0] || strlen(optarg) >= sizeof cfg->server_name ||
                strpbrk(optarg, " \r\n")) {
                fprintf(stderr, "natterd: --server-name wants one word of under 256 bytes\n");
                return -1;
            }
            strcpy(cfg->server_name, optarg);
            break;
        case 'L':
            /* Room for the longest command with a full name and some text. */
            if (config_number(name, optarg, 128, 1 << 20, &v) < 0)
                return -1;
            cfg->max_line = (size_t)v;
            break;
        case 'c':
            if (config_number(name, optarg, 1, 1000000, &v) < 0)
                return -1;
            cfg->max_clients = (unsigned)v;
            break;
        case 'r':
            if (config_number(name, optarg, 0, 1000000, &v) < 0)
                return -1;
            cfg->max_rate = (unsigned)v;
            break;
        case 'B':
            if (config_number(name, optarg, 1, 1000000, &v) < 0)
                return -1;
            cfg->burst = (unsigned)v;
            break;
        case 'q':
            if (config_number(name, optarg, 4096, (uintmax_t)1 << 32, &v) < 0)
                return -1;
            cfg->sendq = (size_t)v;
            break;
        case 'i':
            if (config_number(name, optarg, 1, 86400, &v) < 0)
                return -1;
            cfg->ping_interval = (unsigned)v;
            break;
        case 't':
            if (config_number(name, optarg, 1, 86400, &v) < 0)
                return -1;
            cfg->ping_timeout = (unsigned)v;
            break;
        case O_WEAK:
            cfg->weak_password_hash = true;
            break;
        case O_QUIET:
            cfg->log_level = LOG_ERROR;
            break;
        case O_VERBOSE:
            cfg->log_level = LOG_DEBUG;
            break;
        case O_VERSION:
            printf("natterd %s (%s)\n", NATTER_VERSION, NATTER_PROTOCOL_VERSION);
            return 1;
        case O_HELP:
            fputs(config_usage, stdout);
            return 1;
        default:
            fputs(config_usage, stderr);
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "natterd: unexpected argument '%s'\n%s", argv[optind], config_usage);
        return -1;
    }
    return 0;
}
