/* SPDX-License-Identifier: MIT */
/* Unit tests for tui/wrap.c: breaking message text into rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "width.h"
#include "wrap.h"

#define CJK6 "\u4e2d\u6587\u5b57\u7b26\u6d4b\u8bd5" /* 6 wide clusters */
#define MAX_ROWS 256

/* Wraps TEXT and checks what must hold for any input: rows in order and
 * not overlapping, only spaces left out, no row wider than the width (but
 * a lone cluster wider than a 1-column row, and the prefix when it has row
 * 0 to itself), no empty row but row 0 when the text is empty or the prefix
 * has no room. */
static size_t wrap_checked(const char *text, int width, int first, int indent,
                           struct wrap_row *rows)
{
    size_t len = strlen(text);
    size_t n = wrap_lines(text, len, width, first, indent, rows, MAX_ROWS);
    assert_true(n >= 1 && n <= len + 1 && n <= MAX_ROWS);
    assert_int_equal(wrap_lines(text, len, width, first, indent, NULL, 0), n);
    int w = width < 1 ? 1 : width;
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const struct wrap_row *r = &rows[i];
        assert_true(r->start <= r->end && r->end <= len);
        assert_true(i == 0 ? r->start == 0 : r->start >= prev_end);
        for (size_t b = prev_end; b < r->start; b++)
            assert_int_equal(text[b], ' ');
        if (r->start == r->end) {
            assert_int_equal(i, 0);
            assert_true(len == 0 || r->col > 0);
        }
        size_t cols = width_str(text + r->start, r->end - r->start);
        size_t one;
        if (r->start < r->end && cols + (size_t)r->col > (size_t)w) {
            assert_int_equal(r->col, 0);
            width_next_grapheme(text + r->start, r->end - r->start, &one);
            assert_int_equal(r->start + one, r->end);
        }
        assert_true(r->col == (i == 0 ? (first < 0 ? 0 : first) : r->col));
        assert_true(i == 0 || r->col == indent || r->col == 0);
        prev_end = r->end;
    }
    for (size_t b = prev_end; b < len; b++)
        assert_int_equal(text[b], ' ');
    return n;
}

/* Checks that the rows show exactly the strings WANT. */
static void assert_rows(const char *text, int width, int first, int indent, const char **want,
                        size_t nwant)
{
    struct wrap_row rows[MAX_ROWS];
    size_t n = wrap_checked(text, width, first, indent, rows);
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].end - rows[i].start, strlen(want[i]));
        assert_memory_equal(text + rows[i].start, want[i], strlen(want[i]));
    }
}

#define ROWS(text, width, first, indent, ...)                                                  \
    do {                                                                                       \
        const char *want_[] = {__VA_ARGS__};                                                   \
        assert_rows(text, width, first, indent, want_, sizeof want_ / sizeof *want_);          \
    } while (0)

static void test_words(void **state)
{
    (void)state;
    ROWS("hello world foo", 80, 0, 0, "hello world foo");
    ROWS("hello world foo", 11, 0, 0, "hello world", "foo");
    ROWS("hello world foo", 10, 0, 0, "hello", "world foo");
    ROWS("hello world foo", 5, 0, 0, "hello", "world", "foo");
    ROWS("ab cd ef", 5, 0, 0, "ab cd", "ef");
    /* Runs of spaces at a break vanish; leading spaces of the text stay. */
    ROWS("a   b", 2, 0, 0, "a", "b");
    ROWS("aaa    bbb", 5, 0, 0, "aaa", "bbb");
    ROWS("  ab cd", 5, 0, 0, "  ab", "cd");
    ROWS("hello     ", 5, 0, 0, "hello");
    ROWS("    ", 2, 0, 0, "  ");
}

static void test_long_word(void **state)
{
    (void)state;
    ROWS("abcdefghij", 4, 0, 0, "abcd", "efgh", "ij");
    ROWS("hi abcdefghij", 4, 0, 0, "hi", "abcd", "efgh", "ij");
    ROWS("hi abcdefghij x", 6, 0, 0, "hi", "abcdef", "ghij x");
    /* Combining sequences are never split. */
    ROWS("e\u0301e\u0301e\u0301", 2, 0, 0, "e\u0301e\u0301", "e\u0301");
}

static void test_cjk(void **state)
{
    (void)state;
    ROWS(CJK6, 5, 0, 0, "\u4e2d\u6587", "\u5b57\u7b26", "\u6d4b\u8bd5");
    ROWS(CJK6, 4, 0, 0, "\u4e2d\u6587", "\u5b57\u7b26", "\u6d4b\u8bd5");
    ROWS(CJK6, 12, 0, 0, CJK6);
    /* A wide cluster that would straddle the edge starts the next row. */
    ROWS("abc\u4e2d", 4, 0, 0, "abc", "\u4e2d");
    ROWS("ab \U0001F1E9\U0001F1EA", 4, 0, 0, "ab", "\U0001F1E9\U0001F1EA");
}

static void test_indent(void **state)
{
    (void)state;
    struct wrap_row rows[MAX_ROWS];
    const char *t = "aaaa bbbb cccc dddd";
    ROWS(t, 12, 0, 4, "aaaa bbbb", "cccc", "dddd");
    size_t n = wrap_checked(t, 12, 0, 4, rows);
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].col, 0);
    assert_int_equal(rows[1].col, 4);
    assert_int_equal(rows[2].col, 4);

    /* A prefix on the first row, continuation aligned under the text. */
    ROWS("hello world again", 20, 10, 10, "hello", "world", "again");
    n = wrap_checked("hello world again", 20, 10, 10, rows);
    assert_int_equal(rows[0].col, 10);
    assert_int_equal(rows[1].col, 10);

    /* An indent that leaves too little room is dropped. */
    n = wrap_checked("aaaa bbbb cccc", 10, 0, 7, rows);
    assert_int_equal(n, 2);
    assert_int_equal(rows[1].col, 0);
    n = wrap_checked("aaaa bbbb cccc", 5, 0, 9, rows);
    assert_int_equal(rows[1].col, 0);

    /* A prefix that fills the row gets it to itself. */
    ROWS("hello world", 20, 15, 15, "", "hello world");
    n = wrap_checked("hello world", 20, 15, 15, rows);
    assert_int_equal(rows[0].col, 15);
    assert_int_equal(rows[1].col, 0);
    ROWS("hi", 5, 30, 30, "", "hi");
    ROWS("", 5, 30, 30, "");
}

static void test_narrow(void **state)
{
    (void)state;
    ROWS("ab c", 1, 0, 0, "a", "b", "c");
    ROWS("ab c", 0, 0, 0, "a", "b", "c");
    ROWS("ab c", -5, -1, -1, "a", "b", "c");
    ROWS("ab c", 2, 0, 1, "ab", "c");
    ROWS(CJK6, 2, 0, 0, "\u4e2d", "\u6587", "\u5b57", "\u7b26", "\u6d4b", "\u8bd5");
    ROWS("a\u4e2d", 2, 0, 0, "a", "\u4e2d");
    /* A wide cluster in a 1-column pane still gets a row of its own. */
    ROWS("a\u4e2db", 1, 0, 0, "a", "\u4e2d", "b");
}

static void test_empty_and_counting(void **state)
{
    (void)state;
    struct wrap_row rows[2];
    ROWS("", 10, 0, 0, "");
    /* Only MAX_ROWS rows are stored, but all are counted. */
    size_t n = wrap_lines("aa bb cc dd", 11, 2, 0, 0, rows, 2);
    assert_int_equal(n, 4);
    assert_int_equal(rows[1].start, 3);
    assert_int_equal(rows[1].end, 5);
}

static void test_all_widths(void **state)
{
    (void)state;
    struct wrap_row rows[MAX_ROWS];
    const char *texts[] = {
        "The quick brown fox jumps over the lazy dog",
        "a " CJK6 " b\u2764\uFE0F c \U0001F468\u200D\U0001F469\u200D\U0001F467 e\u0301 x",
        "\x1b[31mred\xff\xfe  \t tab  ",
        "        ",
        "supercalifragilisticexpialidocious is long",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
        for (int w = 1; w <= 50; w++)
            for (int ind = 0; ind <= 12; ind += 3)
                for (int first = 0; first <= 24; first += 6)
                    wrap_checked(texts[t], w, first, ind, rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_long_word),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_indent),
        cmocka_unit_test(test_narrow),
        cmocka_unit_test(test_empty_and_counting),
        cmocka_unit_test(test_all_widths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
