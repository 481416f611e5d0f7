/* SPDX-License-Identifier: MIT */
/*
 * Tests for natter/line.h: framing under every chunking, the line limit,
 * Telnet filtering across chunk boundaries, UTF-8 checks, sanitizing and
 * command-line cutting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "natter/line.h"
#include "natter/xalloc.h"

/* What a linebuf produced, as text: "L<len>:<line>\n" per line and
 * "TOO_LONG\n" per report, so that two runs compare with one strcmp. */
struct events {
    char *text;
    size_t len, cap;
};

static void events_add(struct events *ev, const char *s, size_t n)
{
    if (ev->len + n + 1 > ev->cap) {
        ev->cap = (ev->len + n + 1) * 2;
        ev->text = xrealloc(ev->text, ev->cap);
    }
    memcpy(ev->text + ev->len, s, n);
    ev->len += n;
    ev->text[ev->len] = '\0';
}

static void events_reset(struct events *ev)
{
    ev->len = 0;
    events_add(ev, "", 0);
}

static void drain(struct linebuf *lb, struct events *ev)
{
    char *line;
    size_t n;
    enum linebuf_result r;
    while ((r = linebuf_next(lb, &line, &n)) != LINEBUF_NONE) {
        if (r == LINEBUF_TOO_LONG) {
            events_add(ev, "TOO_LONG\n", 9);
            continue;
        }
        assert_int_equal(r, LINEBUF_LINE);
        assert_int_equal(line[n], '\0');
        assert_null(memchr(line, '\n', n));
        char head[32];
        int k = snprintf(head, sizeof head, "L%zu:", n);
        events_add(ev, head, (size_t)k);
        events_add(ev, line, n);
        events_add(ev, "\n", 1);
    }
    /* Everything buffered has been searched for an LF, and is never searched
     * again: that is what keeps framing linear. */
    assert_int_equal(lb->scan, lb->len);
}

/* Feeds DATA as one chunk, read the way a socket would be: at most the space
 * the buffer offers, draining after each read. */
static void feed(struct linebuf *lb, struct events *ev, const char *data, size_t n)
{
    char *const base = lb->buf;
    while (n > 0) {
        char *dst;
        size_t room = linebuf_space(lb, &dst);
        assert_true(room > 0);
        /* The buffer never moves or grows. */
        assert_ptr_equal(lb->buf, base);
        assert_true(dst >= base && dst + room <= base + lb->cap);
        size_t k = n < room ? n : room;
        memcpy(dst, data, k);
        linebuf_commit(lb, k);
        drain(lb, ev);
        data += k;
        n -= k;
    }
}

/* A fresh linebuf of CAP fed DATA cut at the given offsets (sorted). */
static void run_split(size_t cap, const char *data, size_t n, const size_t *cuts, size_t ncuts,
                      struct events *ev)
{
    struct linebuf lb;
    assert_int_equal(linebuf_init(&lb, cap), 0);
    events_reset(ev);
    size_t at = 0;
    for (size_t i = 0; i <= ncuts; i++) {
        size_t end = i < ncuts ? cuts[i] : n;
        feed(&lb, ev, data + at, end - at);
        at = end;
    }
    linebuf_free(&lb);
}

static void run_bytes(size_t cap, const char *data, size_t n, struct events *ev)
{
    struct linebuf lb;
    assert_int_equal(linebuf_init(&lb, cap), 0);
    events_reset(ev);
    for (size_t i = 0; i < n; i++)
        feed(&lb, ev, data + i, 1);
    linebuf_free(&lb);
}

/* Every single cut, every pair of cuts and one byte at a time must give what
 * one chunk gives. */
static void check_all_chunkings(size_t cap, const char *data, size_t n, const char *expect)
{
    struct events want = {0}, got = {0};
    run_split(cap, data, n, NULL, 0, &want);
    assert_string_equal(want.text, expect);
    for (size_t i = 0; i <= n; i++) {
        for (size_t j = i; j <= n; j++) {
            size_t cuts[2] = {i, j};
            run_split(cap, data, n, cuts, 2, &got);
            assert_string_equal(got.text, want.text);
        }
    }
    run_bytes(cap, data, n, &got);
    assert_string_equal(got.text, want.text);
    free(want.text);
    free(got.text);
}

#define S(lit) lit, sizeof(lit) - 1

static void test_framing_every_chunking(void **state)
{
    (void)state;
    static const char in[] = "hello\r\n"
                             "world\n"
                             "\n"
                             "\r\n"
                             "SAY #a  hi there \n"
                             "a\rb\n"
                             "x\xff\xfb\x01y\n"                  /* IAC WILL ECHO */
                             "lit\xff\xff!\n"                    /* IAC IAC */
                             "s\xff\xfa\x18\x00xterm\xff\xf0t\n" /* IAC SB ... IAC SE */
                             "n\xff\xf1o\xff\xfe\x22p\r\n"       /* IAC NOP, IAC DONT */
                             "tail";
    check_all_chunkings(4096, S(in),
                        "L5:hello\n"
                        "L5:world\n"
                        "L0:\n"
                        "L0:\n"
                        "L17:SAY #a  hi there \n"
                        "L3:a\rb\n"
                        "L2:xy\n"
                        "L5:lit\xff!\n"
                        "L2:st\n"
                        "L3:nop\n");
}

static void test_framing_limit_every_chunking(void **state)
{
    (void)state;
    /* cap 8: 7 + LF and 6 + CR LF fit; 7 + CR LF and 8 + LF do not. */
    static const char in[] = "abc\n"
                             "0123456789\n"
                             "abcdefg\n"
                             "abcdef\r\n"
                             "abcdefg\r\n"
                             "abcdefgh\n"
                             "0123456789abcdefghij0123456789\n"
                             "\n"
                             "xy\n"
                             "01234567\xff\xfa\n\xff\xf0z\n" /* an LF inside SB does not end it */
                             "ok\n";
    check_all_chunkings(8, S(in),
                        "L3:abc\n"
                        "TOO_LONG\n"
                        "L7:abcdefg\n"
                        "L6:abcdef\n"
                        "TOO_LONG\n"
                        "TOO_LONG\n"
                        "TOO_LONG\n"
                        "L0:\n"
                        "L2:xy\n"
                        "TOO_LONG\n"
                        "L2:ok\n");
}

static void test_crlf_and_empty(void **state)
{
    (void)state;
    struct events ev = {0};
    run_split(64, S("a\r\n\r\n\n b\r\n\r\r\nc\n"), NULL, 0, &ev);
    /* Only the CR right before the LF goes. */
    assert_string_equal(ev.text, "L1:a\nL0:\nL0:\nL2: b\nL1:\r\nL1:c\n");
    free(ev.text);
}

static void check_one(size_t cap, const char *data, size_t n, const char *expect)
{
    struct events ev = {0};
    run_split(cap, data, n, NULL, 0, &ev);
    assert_string_equal(ev.text, expect);
    run_bytes(cap, data, n, &ev);
    assert_string_equal(ev.text, expect);
    free(ev.text);
}

static void test_exact_limit(void **state)
{
    (void)state;
    enum { CAP = 4096 };
    static char in[CAP + 16], want[CAP + 32];

    /* 4095 + LF: accepted. */
    memset(in, 'x', CAP - 1);
    memcpy(in + CAP - 1, "\nok\n", 4);
    snprintf(want, sizeof want, "L%d:%.*s\nL2:ok\n", CAP - 1, CAP - 1, in);
    check_one(CAP, in, CAP + 3, want);

    /* 4094 + CR LF: accepted. */
    memset(in, 'x', CAP - 2);
    memcpy(in + CAP - 2, "\r\nok\n", 5);
    snprintf(want, sizeof want, "L%d:%.*s\nL2:ok\n", CAP - 2, CAP - 2, in);
    check_one(CAP, in, CAP + 3, want);

    /* 4096 + LF: one report, then the next line. */
    memset(in, 'x', CAP);
    memcpy(in + CAP, "\nok\n", 4);
    check_one(CAP, in, CAP + 4, "TOO_LONG\nL2:ok\n");

    /* 4095 + CR LF: the terminator counts as sent. */
    memset(in, 'x', CAP - 1);
    memcpy(in + CAP - 1, "\r\nok\n", 5);
    check_one(CAP, in, CAP + 4, "TOO_LONG\nL2:ok\n");

    /* The exact limit after a popped line, so it starts mid-buffer. */
    memcpy(in, "hi\n", 3);
    memset(in + 3, 'y', CAP - 1);
    memcpy(in + 3 + CAP - 1, "\n", 1);
    snprintf(want, sizeof want, "L2:hi\nL%d:%.*s\n", CAP - 1, CAP - 1, in + 3);
    check_one(CAP, in, CAP + 3, want);
}

static void test_megabyte_line(void **state)
{
    (void)state;
    enum { MB = 1024 * 1024 };
    char *in = xmalloc(MB + 16);
    memset(in, 'a', MB);
    memcpy(in + MB, "\nhello\n", 7);
    check_one(4096, in, MB + 7, "TOO_LONG\nL5:hello\n");

    /* While discarding nothing is pending, and the report is not repeated. */
    struct linebuf lb;
    struct events ev = {0};
    events_reset(&ev);
    assert_int_equal(linebuf_init(&lb, 4096), 0);
    feed(&lb, &ev, in, MB);
    assert_string_equal(ev.text, "TOO_LONG\n");
    assert_true(lb.discarding);
    assert_int_equal(linebuf_pending(&lb), 0);
    feed(&lb, &ev, in + MB, 7);
    assert_string_equal(ev.text, "TOO_LONG\nL5:hello\n");
    assert_false(lb.discarding);
    linebuf_free(&lb);
    free(ev.text);
    free(in);
}

/* A maximal 1 MiB line fed one byte at a time: quadratic rescanning of the
 * pending bytes would take minutes here, linear framing milliseconds. */
static void test_linear_in_bytes(void **state)
{
    (void)state;
    enum { MB = 1024 * 1024 };
    char *in = xmalloc(MB + 3);
    memset(in, 'b', MB - 1);
    memcpy(in + MB - 1, "\nz\n", 3);
    struct linebuf lb;
    struct events ev = {0};
    events_reset(&ev);
    assert_int_equal(linebuf_init(&lb, MB), 0);
    for (size_t i = 0; i < MB + 3; i++)
        feed(&lb, &ev, in + i, 1);
    assert_int_equal(ev.len, strlen("L1048575:") + MB - 1 + 1 + strlen("L1:z\n"));
    assert_memory_equal(ev.text, "L1048575:bbb", 12);
    assert_string_equal(ev.text + ev.len - 5, "L1:z\n");
    linebuf_free(&lb);
    free(ev.text);
    free(in);
}

static void test_half_line(void **state)
{
    (void)state;
    struct linebuf lb;
    struct events ev = {0};
    events_reset(&ev);
    assert_int_equal(linebuf_init(&lb, 64), 0);
    feed(&lb, &ev, S("hel"));
    assert_string_equal(ev.text, "");
    assert_int_equal(linebuf_pending(&lb), 3);
    feed(&lb, &ev, S("lo\nwor"));
    assert_string_equal(ev.text, "L5:hello\n");
    assert_int_equal(linebuf_pending(&lb), 3);
    feed(&lb, &ev, S("ld\n"));
    assert_string_equal(ev.text, "L5:hello\nL5:world\n");
    assert_int_equal(linebuf_pending(&lb), 0);
    linebuf_free(&lb);
    free(ev.text);
}

static void test_pending_counts_partial_only(void **state)
{
    (void)state;
    struct linebuf lb;
    char *dst, *line;
    size_t n;
    assert_int_equal(linebuf_init(&lb, 64), 0);
    size_t room = linebuf_space(&lb, &dst);
    assert_int_equal(room, 64);
    memcpy(dst, "a\nbb\ncde", 8);
    linebuf_commit(&lb, 8);
    /* Complete lines not yet popped are not pending. */
    assert_int_equal(linebuf_pending(&lb), 3);
    assert_int_equal(linebuf_next(&lb, &line, &n), LINEBUF_LINE);
    assert_string_equal(line, "a");
    assert_int_equal(linebuf_pending(&lb), 3);
    assert_int_equal(linebuf_next(&lb, &line, &n), LINEBUF_LINE);
    assert_string_equal(line, "bb");
    assert_int_equal(linebuf_next(&lb, &line, &n), LINEBUF_NONE);
    assert_int_equal(linebuf_pending(&lb), 3);
    assert_int_equal(linebuf_next(&lb, &line, &n), LINEBUF_NONE);
    room = linebuf_space(&lb, &dst);
    assert_int_equal(room, 61);
    assert_ptr_equal(dst, lb.buf + 3);
    assert_memory_equal(lb.buf, "cde", 3);
    linebuf_free(&lb);
}

/* Feeds each chunk in turn to a fresh linebuf and checks the events. */
static void check_chunks(const char *const *chunks, const size_t *lens, size_t count,
                         const char *expect)
{
    struct linebuf lb;
    struct events ev = {0};
    events_reset(&ev);
    assert_int_equal(linebuf_init(&lb, 64), 0);
    for (size_t i = 0; i < count; i++)
        feed(&lb, &ev, chunks[i], lens[i]);
    assert_string_equal(ev.text, expect);
    linebuf_free(&lb);
    free(ev.text);
}

static void test_telnet_split(void **state)
{
    (void)state;
    {
        /* IAC ends one chunk, WILL and the option start the next. */
        const char *c[] = {"ab\xff", "\xfb\x01gh\n"};
        const size_t l[] = {3, 5};
        check_chunks(c, l, 2, "L4:abgh\n");
    }
    {
        /* The option byte alone in the next chunk. */
        const char *c[] = {"ab\xff\xfd", "\x03gh\n"};
        const size_t l[] = {4, 4};
        check_chunks(c, l, 2, "L4:abgh\n");
    }
    {
        /* IAC IAC split: one literal 0xFF. */
        const char *c[] = {"a\xff", "\xffz\n"};
        const size_t l[] = {2, 3};
        check_chunks(c, l, 2, "L3:a\xffz\n");
    }
    {
        /* SB ... SE over three chunks, with IAC IAC and an LF inside. */
        const char *c[] = {"x\xff\xfa\x18", "\x00zz\n\xff\xff\xff", "\xf0y\n"};
        const size_t l[] = {4, 7, 3};
        check_chunks(c, l, 3, "L2:xy\n");
    }
    {
        /* Inside SB, IAC IAC is data and does not end it; only IAC SE does. */
        const char *c[] = {"x\xff\xfa\x01q\xff", "\xffr\xff\xf1s", "\xff\xf0y\n"};
        const size_t l[] = {6, 5, 4};
        check_chunks(c, l, 3, "L2:xy\n");
    }
    {
        /* An option byte that happens to be LF is swallowed, not a line end. */
        const char *c[] = {"a\xff\xfb", "\nb\n"};
        const size_t l[] = {3, 3};
        check_chunks(c, l, 2, "L2:ab\n");
    }
    {
        /* Only IAC bytes in a chunk: nothing committed, nothing lost. */
        const char *c[] = {"q", "\xff", "\xff", "\xff", "\xf1", "\n"};
        const size_t l[] = {1, 1, 1, 1, 1, 1};
        check_chunks(c, l, 6, "L2:q\xff\n");
    }
}

static void test_init_range(void **state)
{
    (void)state;
    struct linebuf lb;
    assert_int_equal(linebuf_init(&lb, 0), -1);
    linebuf_free(&lb);
    assert_int_equal(linebuf_init(&lb, 1), -1);
    linebuf_free(&lb);
    assert_int_equal(linebuf_init(&lb, 1024 * 1024 + 1), -1);
    linebuf_free(&lb);
    assert_int_equal(linebuf_init(&lb, 1024 * 1024), 0);
    linebuf_free(&lb);
    linebuf_free(&lb); /* already freed */
    assert_int_equal(linebuf_init(&lb, 2), 0);
    linebuf_free(&lb);

    /* The smallest buffer: one byte and LF. */
    check_one(2, S("a\nab\n\r\n\n"), "L1:a\nTOO_LONG\nL0:\nL0:\n");
}

struct utf8_case {
    const char *s;
    size_t len;
    bool valid;
};

#define U(lit, v)                                                                                  \
    {                                                                                              \
        lit, sizeof(lit) - 1, v                                                                    \
    }

static void test_utf8_valid(void **state)
{
    (void)state;
    static const struct utf8_case cases[] = {
        U("", true),
        U("hello, world", true),
        U("\xc2\x80", true),                 /* U+0080 */
        U("\xc3\xa9t\xc3\xa9", true),        /* été */
        U("\xdf\xbf", true),                 /* U+07FF */
        U("\xe0\xa0\x80", true),             /* U+0800 */
        U("\xe4\xb8\xad\xe6\x96\x87", true), /* CJK */
        U("\xed\x9f\xbf", true),             /* U+D7FF */
        U("\xee\x80\x80", true),             /* U+E000 */
        U("\xef\xbf\xbf", true),             /* U+FFFF */
        U("\xf0\x90\x80\x80", true),         /* U+10000 */
        U("\xf0\x9f\x98\x80", true),         /* emoji */
        U("\xf4\x8f\xbf\xbf", true),         /* U+10FFFF */
        U("a\0b", false),                    /* NUL */
        U("\0", false),
        U("\xc0\x80", false), /* overlong 2-byte NUL */
        U("\xc0\xaf", false), /* overlong '/' */
        U("\xc1\xbf", false),
        U("\xe0\x80\x80", false), /* overlong 3-byte */
        U("\xe0\x80\xaf", false),
        U("\xe0\x9f\xbf", false),
        U("\xf0\x80\x80\x80", false), /* overlong 4-byte */
        U("\xf0\x80\x80\xaf", false),
        U("\xf0\x8f\xbf\xbf", false),
        U("\xed\xa0\x80", false), /* surrogates */
        U("\xed\xad\xbf", false),
        U("\xed\xb0\x80", false),
        U("\xed\xbf\xbf", false),
        U("\xed\xa0\xbd\xed\xb8\x80", false), /* CESU-8 pair */
        U("\xf4\x90\x80\x80", false),         /* U+110000 */
        U("\xf5\x80\x80\x80", false),
        U("\xf7\xbf\xbf\xbf", false),
        U("\xf8\x88\x80\x80\x80", false), /* 5- and 6-byte forms */
        U("\xfc\x84\x80\x80\x80\x80", false),
        U("\xfe", false),
        U("\xff", false),
        U("a\xfe\xff", false),
        U("\xc3", false), /* truncated */
        U("\xe4\xb8", false),
        U("\xf0\x9f\x98", false),
        U("ok\xf0\x9f\x98", false),
        U("\xe4\xb8"
          "a",
          false),
        U("\xf0\x9f\x98"
          "a",
          false),
        U("\x80", false), /* stray continuation */
        U("\xbf", false),
        U("a\x80"
          "b",
          false),
        U("\xc3\xa9\xa9", false),
        U("\xf0\x9f\x28\x80", false), /* bad continuation */
        U("\xe4\x28\xad", false),
        U("\xc3\x28", false),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (utf8_valid(cases[i].s, cases[i].len) != cases[i].valid)
            fail_msg("case %zu: expected %s", i, cases[i].valid ? "valid" : "invalid");
    }
}

/* Sanitizes a copy with room for the NUL and checks the result. */
static void check_sanitize(const char *in, size_t n, const char *expect)
{
    char *buf = xmalloc(n + 1);
    memcpy(buf, in, n);
    buf[n] = 'Z'; /* must be overwritten by the NUL */
    size_t got = text_sanitize(buf, n);
    assert_int_equal(got, strlen(expect));
    assert_int_equal(buf[got], '\0');
    assert_string_equal(buf, expect);
    free(buf);
}

static void test_sanitize(void **state)
{
    (void)state;
    check_sanitize(S("\x1b[31mred\x1b[0m"), "[31mred[0m");
    check_sanitize(S("a\tb\t"), "a b ");
    check_sanitize(S("x\xc2\x9b"
                     "31my"),
                   "x31my"); /* C1 CSI */
    check_sanitize(S("\xc2\x80\xc2\x85\xc2\x9f"), "");
    check_sanitize(S("a\x7f"
                     "b"),
                   "ab");
    check_sanitize(S("a\r\nb\x07\x01\x1f"), "ab");
    check_sanitize(S("a\0b"), "ab");
    check_sanitize(S(""), "");
    /* Normal text, including U+00A0 and U+00C2, is untouched. */
    check_sanitize(S("h\xc3\xa9llo \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 ~!"),
                   "h\xc3\xa9llo \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 ~!");
    check_sanitize(S("\xc2\xa0\xc3\x82\xc2\xbf"), "\xc2\xa0\xc3\x82\xc2\xbf");
}

static void test_utf8_truncate(void **state)
{
    (void)state;
    const char *s = "h\xc3\xa9llo"; /* é at 1..2 */
    assert_int_equal(utf8_truncate(s, 0), 0);
    assert_int_equal(utf8_truncate(s, 1), 1);
    assert_int_equal(utf8_truncate(s, 2), 1);
    assert_int_equal(utf8_truncate(s, 3), 3);
    assert_int_equal(utf8_truncate(s, 6), 6);

    const char *e = "a\xf0\x9f\x98\x80"; /* emoji at 1..4 */
    assert_int_equal(utf8_truncate(e, 1), 1);
    assert_int_equal(utf8_truncate(e, 2), 1);
    assert_int_equal(utf8_truncate(e, 3), 1);
    assert_int_equal(utf8_truncate(e, 4), 1);
    assert_int_equal(utf8_truncate(e, 5), 5);

    const char *c = "\xe4\xb8\xad\xe6\x96\x87"; /* two CJK characters */
    assert_int_equal(utf8_truncate(c, 1), 0);
    assert_int_equal(utf8_truncate(c, 2), 0);
    assert_int_equal(utf8_truncate(c, 3), 3);
    assert_int_equal(utf8_truncate(c, 4), 3);
    assert_int_equal(utf8_truncate(c, 5), 3);
    assert_int_equal(utf8_truncate(c, 6), 6);

    assert_int_equal(utf8_truncate("abc", 2), 2);
}

static void test_line_parse(void **state)
{
    (void)state;
    struct cmdline cl;
    char *arg;

    char l1[] = "HELP";
    assert_int_equal(line_parse(l1, &cl), 0);
    assert_string_equal(cl.word, "HELP");
    assert_string_equal(cl.rest, "");
    assert_int_equal(line_next_arg(&cl.rest, &arg), 0);
    assert_null(arg);

    /* Case is kept; the leading slash is not. */
    char l2[] = "/Join #Room";
    assert_int_equal(line_parse(l2, &cl), 0);
    assert_string_equal(cl.word, "Join");
    assert_string_equal(cl.rest, "#Room");

    /* Multiple spaces separate; the text keeps its own spaces verbatim. */
    char l3[] = "   say   #room   hello   world  ";
    assert_int_equal(line_parse(l3, &cl), 0);
    assert_string_equal(cl.word, "say");
    assert_string_equal(cl.rest, "#room   hello   world  ");
    char *cur = cl.rest;
    assert_int_equal(line_next_arg(&cur, &arg), 1);
    assert_string_equal(arg, "#room");
    assert_string_equal(cur, "hello   world  ");

    char l4[] = "REGISTER alice  secret123";
    assert_int_equal(line_parse(l4, &cl), 0);
    cur = cl.rest;
    assert_int_equal(line_next_arg(&cur, &arg), 1);
    assert_string_equal(arg, "alice");
    assert_int_equal(line_next_arg(&cur, &arg), 1);
    assert_string_equal(arg, "secret123");
    assert_string_equal(cur, "");
    assert_int_equal(line_next_arg(&cur, &arg), 0);
    assert_null(arg);
    assert_string_equal(cur, "");

    /* Empty rest, trailing spaces only. */
    char l5[] = "ALL    ";
    assert_int_equal(line_parse(l5, &cl), 0);
    assert_string_equal(cl.word, "ALL");
    assert_string_equal(cl.rest, "");

    char l6[] = "";
    assert_int_equal(line_parse(l6, &cl), -1);
    char l7[] = "     ";
    assert_int_equal(line_parse(l7, &cl), -1);

    /* A lone slash is an empty word. */
    char l8[] = "/";
    assert_int_equal(line_parse(l8, &cl), 0);
    assert_string_equal(cl.word, "");
    assert_string_equal(cl.rest, "");
    char l9[] = "  / quit now";
    assert_int_equal(line_parse(l9, &cl), 0);
    assert_string_equal(cl.word, "");
    assert_string_equal(cl.rest, "quit now");

    /* Only one slash is stripped. */
    char l10[] = "//me waves";
    assert_int_equal(line_parse(l10, &cl), 0);
    assert_string_equal(cl.word, "/me");
    assert_string_equal(cl.rest, "waves");

    /* A slash inside the word or the text stays. */
    char l11[] = "a/b c/d";
    assert_int_equal(line_parse(l11, &cl), 0);
    assert_string_equal(cl.word, "a/b");
    assert_string_equal(cl.rest, "c/d");

    /* line_next_arg tolerates leading spaces on its cursor. */
    char l12[] = "  x  y";
    cur = l12;
    assert_int_equal(line_next_arg(&cur, &arg), 1);
    assert_string_equal(arg, "x");
    assert_string_equal(cur, "y");
    assert_int_equal(line_next_arg(&cur, &arg), 1);
    assert_string_equal(arg, "y");
    assert_int_equal(line_next_arg(&cur, &arg), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_framing_every_chunking),
        cmocka_unit_test(test_framing_limit_every_chunking),
        cmocka_unit_test(test_crlf_and_empty),
        cmocka_unit_test(test_exact_limit),
        cmocka_unit_test(test_megabyte_line),
        cmocka_unit_test(test_linear_in_bytes),
        cmocka_unit_test(test_half_line),
        cmocka_unit_test(test_pending_counts_partial_only),
        cmocka_unit_test(test_telnet_split),
        cmocka_unit_test(test_init_range),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_utf8_truncate),
        cmocka_unit_test(test_line_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
