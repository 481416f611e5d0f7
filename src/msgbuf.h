/* SPDX-License-Identifier: MIT */
/*
 * Immutable, reference-counted byte buffers: one formatted message shared by
 * every recipient's send queue, so a room message is formatted once however
 * many members it has.  A msgbuf is written only by the thread that builds
 * it, before it is shared; after that only its count changes (atomically).
 *
 * strbuf is the growable builder used to put a (possibly multi-line) reply
 * together before it becomes one msgbuf and is queued as one piece.
 */
#ifndef NATTER_MSGBUF_H
#define NATTER_MSGBUF_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>

struct msgbuf {
    atomic_uint refs;
    size_t len;
    char data[];
};

/* A buffer holding a copy of DATA[0..LEN), with one reference. */
struct msgbuf *msgbuf_new(const char *data, size_t len);
struct msgbuf *msgbuf_ref(struct msgbuf *m);
/* Drops a reference; frees on the last.  M may be NULL. */
void msgbuf_unref(struct msgbuf *m);

struct strbuf {
    char *data;
    size_t len, cap;
};

/* Appends formatted text (printf-style); grows as needed. */
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void strbuf_append(struct strbuf *sb, const char *s, size_t len);
/* Empties SB and keeps its memory. */
void strbuf_reset(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

#endif
