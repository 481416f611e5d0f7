/* SPDX-License-Identifier: MIT */
/*
 * Line framing, Telnet filtering, UTF-8 checks and command-line cutting (see
 * natter/line.h).  Pure: no I/O, no globals, no allocation after linebuf_init.
 *
 * The framing loop is: linebuf_space, read into it, linebuf_commit, then
 * linebuf_next until LINEBUF_NONE.  Every committed byte is looked at a fixed
 * number of times (once by the Telnet filter, once by the LF search, at most
 * once by a compaction), so the cost is linear in the bytes received however
 * the peer chunks them.
 */
#include "natter/line.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "natter/xalloc.h"

/* A peer controls the line length it sends, not the buffer we allocate. */
#define LINEBUF_MAX_CAP (1024 * 1024)

enum {
    TN_IAC = 255,
    TN_DONT = 254,
    TN_DO = 253,
    TN_WONT = 252,
    TN_WILL = 251,
    TN_SB = 250,
    TN_SE = 240,
};

/* States of lb->telnet, kept between commits so a sequence may be split
 * anywhere. */
enum telnet_state {
    TS_DATA = 0,
    TS_IAC,    /* after IAC */
    TS_OPTION, /* after IAC WILL/WONT/DO/DONT: the option byte is dropped */
    TS_SB,     /* inside IAC SB ...: everything is dropped */
    TS_SB_IAC, /* inside a subnegotiation, after IAC */
};

int linebuf_init(struct linebuf *lb, size_t max_line)
{
    memset(lb, 0, sizeof *lb);
    if (max_line < 2 || max_line > LINEBUF_MAX_CAP)
        return -1;
    /* The buffer is exactly one maximal line: a line that fits is always
     * complete in it, one that does not fill it without an LF. */
    lb->buf = xmalloc(max_line);
    lb->cap = max_line;
    return 0;
}

void linebuf_free(struct linebuf *lb)
{
    free(lb->buf);
    memset(lb, 0, sizeof *lb);
}

size_t linebuf_space(struct linebuf *lb, char **dst)
{
    if (lb->start > 0) {
        memmove(lb->buf, lb->buf + lb->start, lb->len - lb->start);
        lb->len -= lb->start;
        lb->scan -= lb->start;
        lb->start = 0;
    }
    /* A full buffer is either a line (popped by linebuf_next) or too long
     * (dropped by linebuf_next), so a caller that drains never sees 0. */
    assert(lb->len < lb->cap);
    *dst = lb->buf + lb->len;
    return lb->cap - lb->len;
}

/* Removes Telnet commands from P[0..N) in place; returns the bytes left. */
static size_t linebuf_telnet(struct linebuf *lb, unsigned char *p, size_t n)
{
    int st = lb->telnet;
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        unsigned char c = p[r];
        switch (st) {
        case TS_DATA:
            if (c == TN_IAC)
                st = TS_IAC;
            else
                p[w++] = c;
            break;
        case TS_IAC:
            if (c == TN_IAC) {
                p[w++] = c; /* IAC IAC is an escaped 0xFF data byte */
                st = TS_DATA;
            } else if (c >= TN_WILL && c <= TN_DONT) {
                st = TS_OPTION;
            } else if (c == TN_SB) {
                st = TS_SB;
            } else {
                st = TS_DATA; /* a two-byte command: NOP, GA, AYT, ... */
            }
            break;
        case TS_OPTION:
            st = TS_DATA;
            break;
        case TS_SB:
            if (c == TN_IAC)
                st = TS_SB_IAC;
            break;
        case TS_SB_IAC:
            /* Only IAC SE ends it; IAC IAC is data inside the subnegotiation. */
            st = c == TN_SE ? TS_DATA : TS_SB;
            break;
        }
    }
    lb->telnet = st;
    return w;
}

void linebuf_commit(struct linebuf *lb, size_t n)
{
    assert(n <= lb->cap - lb->len);
    char *p = lb->buf + lb->len;
    n = linebuf_telnet(lb, (unsigned char *)p, n);
    if (lb->discarding) {
        char *lf = memchr(p, '\n', n);
        if (!lf)
            return;
        /* The over-long line ends here; what follows is a new line. */
        size_t skip = (size_t)(lf - p) + 1;
        memmove(p, lf + 1, n - skip);
        n -= skip;
        lb->discarding = false;
    }
    lb->len += n;
}

/*
 * The limit counts the terminator as sent: with cap 4096, 4095 bytes + LF and
 * 4094 bytes + CR LF are accepted, 4095 bytes + CR LF is not.  That falls out
 * of the buffer being cap bytes: the CR takes a byte like any other, so such a
 * line fills the buffer before its LF arrives.
 */
enum linebuf_result linebuf_next(struct linebuf *lb, char **line, size_t *len)
{
    char *lf = memchr(lb->buf + lb->scan, '\n', lb->len - lb->scan);
    if (!lf) {
        lb->scan = lb->len;
        if (lb->len - lb->start < lb->cap)
            return LINEBUF_NONE;
        /* Full and no LF: the line cannot fit.  Said once here, as the
         * buffer fills only once per line; the rest goes in commit. */
        lb->start = lb->len = lb->scan = 0;
        lb->discarding = true;
        return LINEBUF_TOO_LONG;
    }
    size_t end = (size_t)(lf - lb->buf);
    size_t n = end - lb->start;
    if (n > 0 && lb->buf[end - 1] == '\r')
        n--;
    lb->buf[lb->start + n] = '\0';
    *line = lb->buf + lb->start;
    *len = n;
    lb->start = lb->scan = end + 1;
    return LINEBUF_LINE;
}

size_t linebuf_pending(const struct linebuf *lb)
{
    if (lb->discarding)
        return 0;
    /* Complete lines not yet popped are not pending.  Their LFs can only lie
     * past scan, and only the partial tail is walked back over. */
    for (size_t i = lb->len; i > lb->scan; i--) {
        if (lb->buf[i - 1] == '\n')
            return lb->len - i;
    }
    return lb->len - lb->start;
}

bool utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        /* The first continuation byte's range is what rules out overlongs
         * (E0, F0), surrogates (ED) and code points above U+10FFFF (F4);
         * the table is RFC 3629 section 4. */
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return false; /* stray continuation, C0/C1 overlong lead, F5..FF */
        }
        if (len - i - 1 < need)
            return false;
        if (p[i + 1] < lo || p[i + 1] > hi)
            return false;
        for (size_t k = 2; k <= need; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
        }
        i += need + 1;
    }
    return true;
}

size_t text_sanitize(char *s, size_t len)
{
    unsigned char *p = (unsigned char *)s;
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        unsigned char c = p[r];
        if (c == '\t') {
            p[w++] = ' ';
        } else if (c < 0x20 || c == 0x7F) {
            continue;
        } else if (c == 0xC2 && r + 1 < len && p[r + 1] >= 0x80 && p[r + 1] <= 0x9F) {
            r++; /* U+0080..U+009F: CSI (U+009B) alone can drive a terminal */
        } else {
            p[w++] = c;
        }
    }
    p[w] = '\0';
    return w;
}

size_t utf8_truncate(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    if (len == 0)
        return 0;
    /* Find the lead byte of the last character: at most 3 continuations. */
    size_t i = len - 1;
    while (i > 0 && len - i < 4 && (p[i] & 0xC0) == 0x80)
        i--;
    unsigned char c = p[i];
    size_t need;
    if (c < 0x80)
        need = 1;
    else if ((c & 0xE0) == 0xC0)
        need = 2;
    else if ((c & 0xF0) == 0xE0)
        need = 3;
    else if ((c & 0xF8) == 0xF0)
        need = 4;
    else
        return len; /* not UTF-8 here: nothing to protect */
    return len - i >= need ? len : i;
}

/*
 * Only one '/' is stripped, and it belongs to the word: "/" alone and "/ x"
 * give the word "" (which names no command), with "x" as the rest.
 */
int line_parse(char *line, struct cmdline *out)
{
    char *p = line;
    while (*p == ' ')
        p++;
    if (*p == '\0')
        return -1;
    if (*p == '/')
        p++;
    out->word = p;
    while (*p != '\0' && *p != ' ')
        p++;
    if (*p == ' ') {
        *p++ = '\0';
        while (*p == ' ')
            p++;
    }
    out->rest = p;
    return 0;
}

int line_next_arg(char **cursor, char **arg)
{
    char *p = *cursor;
    while (*p == ' ')
        p++;
    if (*p == '\0') {
        *cursor = p;
        *arg = NULL;
        return 0;
    }
    *arg = p;
    while (*p != '\0' && *p != ' ')
        p++;
    if (*p == ' ') {
        *p++ = '\0';
        while (*p == ' ')
            p++;
    }
    *cursor = p;
    return 1;
}
