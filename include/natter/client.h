/* SPDX-License-Identifier: MIT */
/*
 * A small natter/1 client library, shared by the natter terminal client, the
 * benchmark and the tests: connect, send command lines, and read server lines
 * parsed into their parts.  Blocking I/O with timeouts; one thread per client
 * object at a time.
 */
#ifndef NATTER_CLIENT_H
#define NATTER_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "natter/line.h"
#include "natter/protocol.h"

/* A server line cut into its parts, pointing into the line (changed in
 * place).  arg[i] are the kind's fixed arguments (see NATTER_LINES), text
 * the rest ("" if none). */
struct server_line {
    enum natter_line kind; /* LINE_UNKNOWN for a word we do not know */
    const char *word;      /* the line's first word */
    const char *arg[NATTER_LINE_MAX_ARGS];
    const char *text;
};

/* Cuts the NUL-terminated server LINE in place.  Returns 0, or -1 if the
 * line is empty or lacks the arguments its kind has (OUT is then a
 * LINE_UNKNOWN with text set to the whole line). */
int server_line_parse(char *line, struct server_line *out);

struct natter_client {
    int fd;
    struct linebuf in;
    char err[256]; /* why the last call failed */
};

/* Connects to HOST:PORT within TIMEOUT_MS.  Returns 0, or -1 with C->err
 * set (C needs no natter_client_close then). */
int natter_client_connect(struct natter_client *c, const char *host, const char *port,
                          int timeout_ms);
/* Sends one command line (CR LF added).  A line with CR or LF in it, or one
 * longer than the protocol allows, is refused.  Returns 0 or -1 (C->err). */
int natter_client_send(struct natter_client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reads the next server line into OUT (valid until the next read), waiting
 * at most TIMEOUT_MS (-1: forever).  Returns 1 for a line, 0 on timeout, -1
 * on EOF or error (C->err).  An over-long server line is skipped. */
int natter_client_read(struct natter_client *c, struct server_line *out, int timeout_ms);
/* Closes the connection; C may be half-built or closed already. */
void natter_client_close(struct natter_client *c);

#endif
