/* SPDX-License-Identifier: MIT */
/* Unit tests for tui/width.c: clusters and their display widths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "width.h"

#define FAMILY "\U0001F468\u200D\U0001F469\u200D\U0001F467"
#define FLAG_DE "\U0001F1E9\U0001F1EA"
#define FLAG_FR "\U0001F1EB\U0001F1F7"

/* Width and byte length of the first cluster of S. */
static int first(const char *s, size_t *clen)
{
    return width_next_grapheme(s, strlen(s), clen);
}

static size_t cols(const char *s)
{
    return width_str(s, strlen(s));
}

static void test_ascii(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(first("ab", &n), 1);
    assert_int_equal(n, 1);
    assert_int_equal(cols("hello, world"), 12);
    assert_int_equal(cols(""), 0);
    assert_int_equal(width_next_grapheme("", 0, &n), 0);
    assert_int_equal(n, 0);
    assert_false(width_is_replaced("a", 1));
}

static void test_cjk(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(first("\u4e2d\u6587", &n), 2);
    assert_int_equal(n, 3);
    assert_int_equal(cols("\u4e2d\u6587"), 4);
    assert_int_equal(cols("a\u4e2db"), 4);
    /* A Hangul syllable spelled with conjoining jamo is one wide cluster. */
    assert_int_equal(first("\u1100\u1161", &n), 2);
    assert_int_equal(n, 6);
}

static void test_combining(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(first("e\u0301x", &n), 1);
    assert_int_equal(n, 3);
    assert_int_equal(cols("e\u0301"), 1);
    assert_int_equal(cols("e\u0301\u0323x"), 2);
    assert_false(width_is_replaced("e\u0301", 3));
}

static void test_emoji_vs16(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(first("\u2764", &n), 1);
    assert_int_equal(first("\u2764\uFE0F", &n), 2);
    assert_int_equal(n, 6);
    assert_int_equal(cols("\u2764\uFE0Fa"), 3);
    /* Keycap: digit, VS16, combining enclosing keycap. */
    assert_int_equal(first("#\uFE0F\u20E3", &n), 2);
    assert_int_equal(n, 7);
    assert_int_equal(first("\U0001F600", &n), 2);
}

static void test_emoji_zwj(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(first(FAMILY "x", &n), 2);
    assert_int_equal(n, strlen(FAMILY));
    assert_int_equal(cols(FAMILY FAMILY), 4);
    /* Heart on fire: a narrow pictograph joined to a wide one. */
    assert_int_equal(first("\u2764\u200D\U0001F525", &n), 2);
    assert_int_equal(n, 10);
    /* Skin tone modifiers join the hand they follow. */
    assert_int_equal(first("\U0001F44D\U0001F3FD", &n), 2);
    assert_int_equal(n, 8);
    assert_int_equal(first("\u261D\U0001F3FB", &n), 2);
}

static void test_flags(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(first(FLAG_DE FLAG_FR, &n), 2);
    assert_int_equal(n, 8);
    assert_int_equal(cols(FLAG_DE FLAG_FR), 4);
    /* An odd indicator after a pair is a cluster of its own. */
    const char *odd = FLAG_DE "\U0001F1EB";
    assert_int_equal(first(odd, &n), 2);
    assert_int_equal(width_next_grapheme(odd + 8, 4, &n), 1);
    assert_int_equal(n, 4);
}

static void test_invalid_and_control(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(first("\377a", &n), 1);
    assert_int_equal(n, 1);
    assert_true(width_is_replaced("\xff", 1));
    assert_int_equal(cols("a\377b"), 3);
    /* A truncated sequence: each byte is drawn as one U+FFFD. */
    assert_int_equal(cols("\xe4\xb8"), 2);
    assert_int_equal(cols("\xc0\x80"), 2);     /* overlong NUL */
    assert_int_equal(cols("\xed\xa0\x80"), 3); /* surrogate */
    /* An invalid byte ends the cluster before it. */
    assert_int_equal(first("e\xcc", &n), 1);
    assert_int_equal(n, 1);
    /* ESC would start a terminal sequence: one replacement, then text. */
    assert_int_equal(first("\x1b[31m", &n), 1);
    assert_int_equal(n, 1);
    assert_true(width_is_replaced("\x1b", 1));
    assert_int_equal(cols("\x1b[31m"), 5);
    assert_true(width_is_replaced("\t", 1));
    assert_true(width_is_replaced("\x7f", 1));
    assert_true(width_is_replaced("\xc2\x85", 2));
    assert_int_equal(first("\r\n", &n), 1);
    assert_true(width_is_replaced("\r\n", n));
    /* Zero-width and format characters alone, and a lone combining mark. */
    assert_int_equal(first("\u200B", &n), 1);
    assert_true(width_is_replaced("\u200B", n));
    assert_true(width_is_replaced("\u202E", 3));
    assert_int_equal(first("\u0301a", &n), 1);
    assert_int_equal(n, 2);
    assert_true(width_is_replaced("\u0301", 2));
    assert_int_equal(first("\uFE0F", &n), 1);
    assert_true(width_is_replaced("\uFE0F", n));
}

static void test_no_overread(void **state)
{
    (void)state;
    /* Exactly sized, no terminator: the cluster must stop at LEN. */
    char s[3];
    memcpy(s, "e\xcc\x81", 3);
    size_t n;
    assert_int_equal(width_next_grapheme(s, 1, &n), 1);
    assert_int_equal(n, 1);
    assert_int_equal(width_next_grapheme(s, 2, &n), 1);
    assert_int_equal(n, 1);
    assert_int_equal(width_next_grapheme(s, 3, &n), 1);
    assert_int_equal(n, 3);
}

static void test_fit(void **state)
{
    (void)state;
    size_t bytes;
    const char *s = "ab\u4e2dcd";
    assert_int_equal(width_fit(s, strlen(s), 0, &bytes), 0);
    assert_int_equal(bytes, 0);
    assert_int_equal(width_fit(s, strlen(s), 3, &bytes), 2); /* the wide char would straddle */
    assert_int_equal(bytes, 2);
    assert_int_equal(width_fit(s, strlen(s), 4, &bytes), 4);
    assert_int_equal(bytes, 5);
    assert_int_equal(width_fit(s, strlen(s), 100, &bytes), 6);
    assert_int_equal(bytes, strlen(s));
    const char *acc = "e\u0301e\u0301";
    assert_int_equal(width_fit(acc, strlen(acc), 1, &bytes), 1);
    assert_int_equal(bytes, 3);
    assert_int_equal(width_fit(FAMILY, strlen(FAMILY), 1, &bytes), 0);
    assert_int_equal(bytes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_combining),
        cmocka_unit_test(test_emoji_vs16),
        cmocka_unit_test(test_emoji_zwj),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_invalid_and_control),
        cmocka_unit_test(test_no_overread),
        cmocka_unit_test(test_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
