/* SPDX-License-Identifier: MIT */
/* Shared message buffers and the string builder (see msgbuf.h). */
#include "msgbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natter/xalloc.h"

struct msgbuf *msgbuf_new(const char *data, size_t len)
{
    struct msgbuf *m = xmalloc(sizeof *m + len);
    atomic_init(&m->refs, 1);
    m->len = len;
    memcpy(m->data, data, len);
    return m;
}

struct msgbuf *msgbuf_ref(struct msgbuf *m)
{
    atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
    return m;
}

void msgbuf_unref(struct msgbuf *m)
{
    if (m && atomic_fetch_sub_explicit(&m->refs, 1, memory_order_acq_rel) == 1)
        free(m);
}

static void strbuf_reserve(struct strbuf *sb, size_t extra)
{
    if (sb->cap - sb->len > extra)
        return;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap - sb->len <= extra)
        cap *= 2;
    sb->data = xrealloc(sb->data, cap);
    sb->cap = cap;
}

void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    strbuf_reserve(sb, 128);
    int n = vsnprintf(sb->data + sb->len, sb->cap - sb->len, fmt, ap);
    if (n < 0) {
        /* Only a bad format string gets here; keep the buffer as it was. */
        sb->data[sb->len] = '\0';
        va_end(again);
        return;
    }
    if ((size_t)n >= sb->cap - sb->len) {
        strbuf_reserve(sb, (size_t)n + 1);
        vsnprintf(sb->data + sb->len, sb->cap - sb->len, fmt, again);
    }
    va_end(again);
    sb->len += (size_t)n;
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

void strbuf_append(struct strbuf *sb, const char *s, size_t len)
{
    strbuf_reserve(sb, len + 1);
    memcpy(sb->data + sb->len, s, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void strbuf_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

void strbuf_free(struct strbuf *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}
