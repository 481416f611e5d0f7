/* SPDX-License-Identifier: MIT */
/* Unit tests for tui/scrollback.c: the ring, paging in rows, counters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scrollback.h"
#include "width.h"
#include "wrap.h"

#define MAXH 64

static void push_n(struct scrollback *sb, int from, int to)
{
    char buf[32];
    for (int i = from; i < to; i++) {
        snprintf(buf, sizeof buf, "line %d", i);
        scrollback_push(sb, (time_t)i, SCROLLBACK_MESSAGE, "", buf, false);
    }
}

/* The view as "text|text|...", rows' text only. */
static const char *view_str(struct scrollback *sb)
{
    static char out[4096];
    struct scrollback_row rows[MAXH];
    size_t n = scrollback_view(sb, rows, MAXH);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, "|");
        strncat(out, rows[i].line->text + rows[i].start, rows[i].end - rows[i].start);
    }
    return out;
}

static void test_ring(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(5, 0);
    push_n(sb, 0, 3);
    assert_int_equal(scrollback_count(sb), 3);
    push_n(sb, 3, 12);
    assert_int_equal(scrollback_count(sb), 5);
    assert_string_equal(scrollback_line(sb, 0)->text, "line 7");
    assert_string_equal(scrollback_line(sb, 4)->text, "line 11");
    assert_int_equal(scrollback_line(sb, 4)->time, 11);
    scrollback_clear(sb);
    assert_int_equal(scrollback_count(sb), 0);
    push_n(sb, 20, 27);
    assert_int_equal(scrollback_count(sb), 5);
    assert_string_equal(scrollback_line(sb, 0)->text, "line 22");
    scrollback_destroy(sb);
    scrollback_destroy(NULL);
}

static void test_paging(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(100, 0);
    assert_string_equal(view_str(sb), "");
    scrollback_resize(sb, 4, 10);
    push_n(sb, 0, 10);
    assert_string_equal(view_str(sb), "line 6|line 7|line 8|line 9");
    assert_true(scrollback_at_bottom(sb));
    scrollback_page_up(sb);
    assert_string_equal(view_str(sb), "line 3|line 4|line 5|line 6");
    assert_false(scrollback_at_bottom(sb));
    assert_int_equal(scrollback_below(sb), 3);
    scrollback_page_up(sb);
    assert_string_equal(view_str(sb), "line 0|line 1|line 2|line 3");
    scrollback_page_up(sb);
    assert_string_equal(view_str(sb), "line 0|line 1|line 2|line 3");
    scrollback_scroll_down(sb, 1);
    assert_string_equal(view_str(sb), "line 1|line 2|line 3|line 4");
    scrollback_page_down(sb);
    assert_string_equal(view_str(sb), "line 4|line 5|line 6|line 7");
    scrollback_page_down(sb);
    assert_string_equal(view_str(sb), "line 6|line 7|line 8|line 9");
    assert_true(scrollback_at_bottom(sb));
    assert_int_equal(scrollback_below(sb), 0);
    scrollback_scroll_top(sb);
    assert_string_equal(view_str(sb), "line 0|line 1|line 2|line 3");
    scrollback_scroll_bottom(sb);
    assert_string_equal(view_str(sb), "line 6|line 7|line 8|line 9");
    scrollback_destroy(sb);
}

static void test_rows_of_wrapped_lines(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(100, 0);
    scrollback_resize(sb, 2, 10);
    scrollback_push(sb, 0, SCROLLBACK_SYSTEM, NULL, "a", false);
    scrollback_push(sb, 0, SCROLLBACK_MESSAGE, "", "0123456789abcdefghijKLMNO", false);
    scrollback_push(sb, 0, SCROLLBACK_SYSTEM, "", "b", false);
    assert_string_equal(view_str(sb), "KLMNO|b");
    scrollback_scroll_up(sb, 1);
    assert_string_equal(view_str(sb), "abcdefghij|KLMNO");
    assert_int_equal(scrollback_below(sb), 1);
    scrollback_scroll_up(sb, 1);
    assert_string_equal(view_str(sb), "0123456789|abcdefghij");
    struct scrollback_row rows[2];
    assert_int_equal(scrollback_view(sb, rows, 2), 2);
    assert_true(rows[0].first);
    assert_false(rows[1].first);
    scrollback_scroll_up(sb, 5);
    assert_string_equal(view_str(sb), "a|0123456789");
    scrollback_scroll_down(sb, 3);
    assert_string_equal(view_str(sb), "KLMNO|b");
    assert_true(scrollback_at_bottom(sb));

    /* A resize re-wraps; the view stays valid. */
    scrollback_scroll_up(sb, 2);
    scrollback_resize(sb, 2, 30);
    assert_string_equal(view_str(sb), "a|0123456789abcdefghijKLMNO");
    assert_int_equal(scrollback_below(sb), 1);
    scrollback_resize(sb, 3, 5);
    scrollback_scroll_top(sb);
    assert_string_equal(view_str(sb), "a|01234|56789");
    assert_int_equal(scrollback_view(sb, rows, 2), 2); /* MAX caps the rows */
    scrollback_destroy(sb);
}

static void test_more_below(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(100, 0);
    scrollback_resize(sb, 3, 20);
    push_n(sb, 0, 5);
    assert_string_equal(view_str(sb), "line 2|line 3|line 4");
    push_n(sb, 5, 6);
    assert_string_equal(view_str(sb), "line 3|line 4|line 5");
    scrollback_scroll_up(sb, 2);
    assert_string_equal(view_str(sb), "line 1|line 2|line 3");
    assert_false(scrollback_at_bottom(sb));
    /* New lines leave a scrolled view alone and count as below. */
    push_n(sb, 6, 9);
    assert_string_equal(view_str(sb), "line 1|line 2|line 3");
    assert_int_equal(scrollback_below(sb), 5);
    scrollback_scroll_down(sb, 100);
    assert_true(scrollback_at_bottom(sb));
    assert_string_equal(view_str(sb), "line 6|line 7|line 8");
    scrollback_destroy(sb);
}

static void test_short_content(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(100, 0);
    scrollback_resize(sb, 5, 20);
    scrollback_scroll_up(sb, 1);
    push_n(sb, 0, 2);
    assert_string_equal(view_str(sb), "line 0|line 1");
    scrollback_scroll_up(sb, 3);
    assert_true(scrollback_at_bottom(sb));
    scrollback_scroll_top(sb);
    assert_true(scrollback_at_bottom(sb));
    assert_string_equal(view_str(sb), "line 0|line 1");
    scrollback_destroy(sb);
}

static void test_drop_while_scrolled(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(10, 0);
    scrollback_resize(sb, 3, 20);
    push_n(sb, 0, 10);
    scrollback_scroll_top(sb);
    assert_string_equal(view_str(sb), "line 0|line 1|line 2");
    /* The lines shown are dropped: the view moves to the new top. */
    push_n(sb, 10, 15);
    assert_string_equal(view_str(sb), "line 5|line 6|line 7");
    assert_false(scrollback_at_bottom(sb));
    push_n(sb, 15, 40);
    assert_string_equal(view_str(sb), "line 30|line 31|line 32");
    scrollback_destroy(sb);
}

static void test_layout(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(100, 6);
    scrollback_resize(sb, 10, 25);
    scrollback_push(sb, 0, SCROLLBACK_MESSAGE, "bob", "one two three four five", false);
    scrollback_push(sb, 0, SCROLLBACK_SYSTEM, "", "x", false);
    const struct scrollback_line *l = scrollback_line(sb, 0);
    assert_int_equal(l->prefix, 6 + 3 + 3); /* "12:34 " "<bob> " */
    assert_int_equal(scrollback_line(sb, 1)->prefix, 6);
    struct scrollback_row rows[10];
    size_t n = scrollback_view(sb, rows, 10);
    assert_int_equal(n, 3);
    assert_true(rows[0].first);
    assert_int_equal(rows[0].col, 12);
    assert_false(rows[1].first);
    assert_int_equal(rows[1].col, 12);
    assert_ptr_equal(rows[1].line, l);
    assert_int_equal(rows[2].col, 6);
    assert_string_equal(view_str(sb), "one two three|four five|x");
    scrollback_destroy(sb);
}

static void test_counters(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(3, 0);
    scrollback_push(sb, 0, SCROLLBACK_MESSAGE, "a", "hi", false);
    scrollback_push(sb, 0, SCROLLBACK_SYSTEM, "", "a joined", false);
    scrollback_push(sb, 0, SCROLLBACK_OWN, "me", "yo", false);
    scrollback_push(sb, 0, SCROLLBACK_ERROR, "", "oops", false);
    scrollback_push(sb, 0, SCROLLBACK_MESSAGE, "a", "me: look", true);
    scrollback_push(sb, 0, SCROLLBACK_MESSAGE, "b", "hey", false);
    assert_int_equal(scrollback_unread(sb), 3);
    assert_int_equal(scrollback_mentions(sb), 1);
    assert_true(scrollback_line(sb, 1)->mention);
    scrollback_clear_unread(sb);
    assert_int_equal(scrollback_unread(sb), 0);
    assert_int_equal(scrollback_mentions(sb), 0);
    assert_int_equal(scrollback_count(sb), 3);
    scrollback_destroy(sb);
}

/* Total rows of all lines, the slow way. */
static size_t total_rows(struct scrollback *sb, int width)
{
    size_t total = 0;
    for (size_t i = 0; i < scrollback_count(sb); i++) {
        const struct scrollback_line *l = scrollback_line(sb, i);
        total += wrap_lines(l->text, l->len, width, l->prefix, l->prefix, NULL, 0);
    }
    return total;
}

static void test_random_walk(void **state)
{
    (void)state;
    static const char *texts[] = {
        "short", "a somewhat longer line that wraps at narrow widths",
        "\u4e2d\u6587\u5b57\u7b26\u6d4b\u8bd5\u4e2d\u6587\u5b57\u7b26", "",
        "x\x1by\xff e\u0301 \U0001F1E9\U0001F1EA",
    };
    struct scrollback *sb = scrollback_create(40, 6);
    srand(1);
    int height = 5, width = 20;
    scrollback_resize(sb, height, width);
    for (int step = 0; step < 5000; step++) {
        int op = rand() % 8;
        if (op == 0)
            scrollback_push(sb, 0, SCROLLBACK_MESSAGE, rand() % 2 ? "someone" : "",
                            texts[rand() % 5], false);
        else if (op == 1)
            scrollback_scroll_up(sb, (size_t)(rand() % 7));
        else if (op == 2)
            scrollback_scroll_down(sb, (size_t)(rand() % 7));
        else if (op == 3)
            scrollback_page_up(sb);
        else if (op == 4)
            scrollback_page_down(sb);
        else if (op == 5 && rand() % 10 == 0) {
            height = 1 + rand() % 12;
            width = 1 + rand() % 40;
            scrollback_resize(sb, height, width);
        } else if (op == 6 && rand() % 20 == 0)
            scrollback_scroll_top(sb);
        else if (op == 7 && rand() % 200 == 0)
            scrollback_clear(sb);

        struct scrollback_row rows[MAXH];
        size_t n = scrollback_view(sb, rows, MAXH);
        size_t total = total_rows(sb, width);
        /* A full screen whenever there is enough to fill it. */
        assert_int_equal(n, total < (size_t)height ? total : (size_t)height);
        for (size_t i = 0; i < n; i++) {
            assert_true(rows[i].start <= rows[i].end && rows[i].end <= rows[i].line->len);
            if (i > 0 && rows[i].line == rows[i - 1].line)
                assert_true(rows[i].start >= rows[i - 1].end && !rows[i].first);
            else if (i > 0)
                assert_true(rows[i].first);
        }
        if (n > 0 && scrollback_at_bottom(sb)) {
            const struct scrollback_line *last =
                scrollback_line(sb, scrollback_count(sb) - 1);
            assert_ptr_equal(rows[n - 1].line, last);
            assert_int_equal(rows[n - 1].end, last->len);
        }
    }
    scrollback_destroy(sb);
}

static void test_big(void **state)
{
    (void)state;
    struct scrollback *sb = scrollback_create(10000, 6);
    scrollback_resize(sb, 40, 80);
    char buf[128];
    for (int i = 0; i < 12000; i++) {
        snprintf(buf, sizeof buf, "message number %d with enough words to wrap once or twice "
                 "at eighty columns", i);
        scrollback_push(sb, (time_t)i, SCROLLBACK_MESSAGE, "alice", buf, false);
    }
    assert_int_equal(scrollback_count(sb), 10000);
    assert_string_equal(scrollback_line(sb, 0)->text + 15, "2000 with enough words to wrap "
                        "once or twice at eighty columns");
    for (int i = 0; i < 1000; i++)
        scrollback_page_up(sb);
    struct scrollback_row rows[40];
    assert_int_equal(scrollback_view(sb, rows, 40), 40);
    assert_ptr_equal(rows[0].line, scrollback_line(sb, 0));
    scrollback_scroll_bottom(sb);
    assert_int_equal(scrollback_view(sb, rows, 40), 40);
    assert_ptr_equal(rows[39].line, scrollback_line(sb, 9999));
    scrollback_destroy(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ring),
        cmocka_unit_test(test_paging),
        cmocka_unit_test(test_rows_of_wrapped_lines),
        cmocka_unit_test(test_more_below),
        cmocka_unit_test(test_short_content),
        cmocka_unit_test(test_drop_while_scrolled),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_counters),
        cmocka_unit_test(test_random_walk),
        cmocka_unit_test(test_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
