/* SPDX-License-Identifier: MIT */
/* Unit tests for tui/edit.c: the input line editor, history and view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "edit.h"
#include "natter/xalloc.h"
#include "width.h"

#define CJK "\u4e2d"      /* 3 bytes, 2 columns */
#define E_ACUTE "e\u0301" /* 3 bytes, 1 column, one cluster */
#define FAMILY "\U0001F468\u200D\U0001F469\u200D\U0001F467"
#define FLAG_DE "\U0001F1E9\U0001F1EA"
#define FLAG_FR "\U0001F1EB\U0001F1F7"

static struct edit *edit_new(size_t history)
{
    struct edit *e = xmalloc(sizeof *e);
    edit_init(e, history);
    return e;
}

static void edit_free(struct edit *e)
{
    edit_destroy(e);
    free(e);
}

static void type(struct edit *e, const char *s)
{
    assert_int_equal(edit_insert(e, s, strlen(s)), EDIT_OK);
}

static void assert_line(const struct edit *e, const char *want, size_t cursor)
{
    size_t len;
    const char *s = edit_text(e, &len);
    assert_string_equal(s, want);
    assert_int_equal(len, strlen(want));
    assert_int_equal(edit_cursor(e), cursor);
}

static void test_insert(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    assert_line(e, "", 0);
    type(e, "hllo");
    assert_line(e, "hllo", 4);
    for (int i = 0; i < 3; i++)
        assert_true(edit_left(e));
    type(e, "e");
    assert_line(e, "hello", 2);
    edit_end(e);
    type(e, " " CJK FAMILY);
    assert_line(e, "hello " CJK FAMILY, 6 + 3 + strlen(FAMILY));
    edit_clear(e);
    assert_line(e, "", 0);
    edit_free(e);
}

static void test_move_multibyte(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    type(e, "a" CJK E_ACUTE FLAG_DE "b");
    size_t at[] = {0, 1, 4, 7, 15, 16};
    for (size_t i = 5; i > 0; i--) {
        assert_true(edit_left(e));
        assert_int_equal(edit_cursor(e), at[i - 1]);
    }
    assert_false(edit_left(e));
    for (size_t i = 1; i < 6; i++) {
        assert_true(edit_right(e));
        assert_int_equal(edit_cursor(e), at[i]);
    }
    assert_false(edit_right(e));
    edit_home(e);
    assert_int_equal(edit_cursor(e), 0);
    edit_end(e);
    assert_int_equal(edit_cursor(e), 16);
    edit_free(e);
}

static void test_backspace_delete_clusters(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    /* The accent typed on its own joins the e: the cursor stays on a
     * boundary, and one backspace takes both. */
    type(e, "xe");
    type(e, "\u0301");
    assert_line(e, "x" E_ACUTE, 4);
    type(e, "y");
    assert_true(edit_left(e));
    assert_true(edit_backspace(e));
    assert_line(e, "xy", 1);
    edit_clear(e);

    type(e, FLAG_DE FLAG_FR);
    assert_true(edit_backspace(e));
    assert_line(e, FLAG_DE, 8);
    edit_clear(e);

    type(e, "<" FAMILY ">");
    assert_true(edit_left(e));
    assert_true(edit_backspace(e));
    assert_line(e, "<>", 1);
    edit_clear(e);

    type(e, "a" CJK "b");
    edit_home(e);
    assert_false(edit_backspace(e));
    assert_true(edit_delete(e));
    assert_line(e, CJK "b", 0);
    assert_true(edit_delete(e));
    assert_line(e, "b", 0);
    edit_end(e);
    assert_false(edit_delete(e));
    edit_free(e);
}

static void test_insert_inside_cluster(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    /* A combining mark inserted before a letter attaches to the letter
     * before the cursor. */
    type(e, "ab");
    assert_true(edit_left(e));
    type(e, "\u0301");
    assert_line(e, "a\u0301b", 3);
    edit_clear(e);
    /* A letter typed before a lone accent takes it: the cursor moves past
     * the new cluster rather than sit inside it. */
    type(e, "\u0301");
    edit_home(e);
    type(e, "e");
    assert_line(e, E_ACUTE, 3);
    edit_free(e);
}

static void test_kill_word(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    type(e, "hello  world  ");
    assert_true(edit_kill_word(e));
    assert_line(e, "hello  ", 7);
    assert_true(edit_kill_word(e));
    assert_line(e, "", 0);
    assert_false(edit_kill_word(e));
    /* Ctrl-Y gives back the last word killed. */
    assert_int_equal(edit_yank(e), EDIT_OK);
    assert_line(e, "hello  ", 7);
    edit_clear(e);

    type(e, "foo bar baz");
    for (int i = 0; i < 4; i++)
        edit_left(e);
    assert_true(edit_kill_word(e));
    assert_line(e, "foo  baz", 4);
    edit_clear(e);

    type(e, "say " CJK E_ACUTE FLAG_DE);
    assert_true(edit_kill_word(e));
    assert_line(e, "say ", 4);
    edit_home(e);
    assert_false(edit_kill_word(e));
    edit_free(e);
}

static void test_kill_home_end_yank(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    type(e, "hello world");
    for (int i = 0; i < 5; i++)
        edit_left(e);
    assert_true(edit_kill_home(e));
    assert_line(e, "world", 0);
    assert_int_equal(edit_yank(e), EDIT_OK);
    assert_line(e, "hello world", 6);
    edit_left(e);
    assert_true(edit_kill_end(e));
    assert_line(e, "hello", 5);
    assert_false(edit_kill_end(e));
    assert_int_equal(edit_yank(e), EDIT_OK);
    assert_int_equal(edit_yank(e), EDIT_OK);
    assert_line(e, "hello world world", 17);
    edit_home(e);
    assert_false(edit_kill_home(e));
    edit_free(e);
}

static void test_word_motion(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    type(e, "foo bar  " CJK "z");
    size_t len = 9 + 4;
    assert_true(edit_word_left(e));
    assert_int_equal(edit_cursor(e), 9);
    assert_true(edit_word_left(e));
    assert_int_equal(edit_cursor(e), 4);
    assert_true(edit_word_left(e));
    assert_int_equal(edit_cursor(e), 0);
    assert_false(edit_word_left(e));
    assert_true(edit_word_right(e));
    assert_int_equal(edit_cursor(e), 3);
    assert_true(edit_word_right(e));
    assert_int_equal(edit_cursor(e), 7);
    assert_true(edit_word_right(e));
    assert_int_equal(edit_cursor(e), len);
    assert_false(edit_word_right(e));
    edit_free(e);
}

static void test_history(void **state)
{
    (void)state;
    struct edit *e = edit_new(EDIT_HISTORY_DEFAULT);
    const char *lines[] = {"one", "two", "two", "", "three"};
    for (size_t i = 0; i < 5; i++) {
        type(e, lines[i]);
        edit_submit(e);
        assert_line(e, "", 0);
    }
    type(e, "dra");
    edit_left(e);
    assert_true(edit_history_up(e));
    assert_line(e, "three", 5);
    /* Editing a recalled entry does not change the history. */
    type(e, "!");
    assert_true(edit_history_up(e));
    assert_line(e, "two", 3);
    assert_true(edit_history_up(e));
    assert_line(e, "one", 3);
    assert_false(edit_history_up(e));
    assert_line(e, "one", 3);
    assert_true(edit_history_down(e));
    assert_line(e, "two", 3);
    assert_true(edit_history_down(e));
    assert_line(e, "three", 5);
    assert_true(edit_history_down(e));
    assert_line(e, "dra", 3);
    assert_false(edit_history_down(e));
    assert_line(e, "dra", 3);

    /* Submitting a recalled line adds it again as the newest. */
    assert_true(edit_history_up(e));
    assert_true(edit_history_up(e));
    edit_submit(e);
    assert_true(edit_history_up(e));
    assert_line(e, "two", 3);
    assert_true(edit_history_up(e));
    assert_line(e, "three", 5);
    edit_free(e);
}

static void test_history_ring(void **state)
{
    (void)state;
    struct edit *e = edit_new(3);
    char buf[32];
    for (int i = 1; i <= 5; i++) {
        snprintf(buf, sizeof buf, "line %d", i);
        type(e, buf);
        edit_submit(e);
    }
    for (int i = 5; i >= 3; i--) {
        snprintf(buf, sizeof buf, "line %d", i);
        assert_true(edit_history_up(e));
        assert_line(e, buf, strlen(buf));
    }
    assert_false(edit_history_up(e));
    edit_free(e);

    e = edit_new(0);
    type(e, "x");
    edit_submit(e);
    assert_false(edit_history_up(e));
    edit_free(e);
}

static void test_length_limit(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    char *big = xmalloc(EDIT_MAX + 2);
    memset(big, 'a', EDIT_MAX + 1);
    big[EDIT_MAX + 1] = '\0';
    assert_int_equal(edit_insert(e, big, EDIT_MAX + 1), EDIT_TOO_LONG);
    assert_line(e, "", 0);
    assert_int_equal(edit_insert(e, big, EDIT_MAX - 2), EDIT_OK);
    assert_int_equal(edit_insert(e, CJK, 3), EDIT_TOO_LONG);
    assert_int_equal(edit_text(e, NULL)[EDIT_MAX - 3], 'a');
    assert_int_equal(edit_cursor(e), EDIT_MAX - 2);
    assert_int_equal(edit_insert(e, "bc", 2), EDIT_OK);
    assert_int_equal(edit_insert(e, "d", 1), EDIT_TOO_LONG);
    assert_int_equal(edit_cursor(e), EDIT_MAX);
    /* Killing and yanking twice cannot pass the limit either. */
    assert_true(edit_backspace(e));
    assert_true(edit_kill_home(e));
    assert_int_equal(edit_yank(e), EDIT_OK);
    assert_int_equal(edit_yank(e), EDIT_TOO_LONG);
    assert_int_equal(edit_cursor(e), EDIT_MAX - 1);
    free(big);
    edit_free(e);
}

static void test_invalid_input(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    type(e, "ok");
    const char *bad[] = {"\xff", "a\nb", "\x1b[2J", "\t", "\xc2\x85", "\xe4\xb8", "\xc0\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(edit_insert(e, bad[i], strlen(bad[i])), EDIT_INVALID);
    assert_int_equal(edit_insert(e, "a\0b", 3), EDIT_INVALID);
    assert_line(e, "ok", 2);
    edit_free(e);
}

static void test_replace(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    type(e, "hello al there");
    assert_int_equal(edit_replace(e, 6, 8, "alice", 5), EDIT_OK);
    assert_line(e, "hello alice there", 11);
    assert_int_equal(edit_replace(e, 0, 0, "", 0), EDIT_OK);
    assert_line(e, "hello alice there", 0);
    edit_free(e);
}

/* Checks one view: the cursor is inside COLS, the shown text fits, the
 * cursor column matches the text before it. */
static void check_view(struct edit *e, int cols, struct edit_view *v)
{
    size_t len;
    const char *s = edit_text(e, &len);
    size_t pos = edit_cursor(e);
    edit_view(e, cols, v);
    assert_true(v->start <= pos && pos <= v->end && v->end <= len);
    assert_true(v->cursor >= 0 && v->cursor < (cols < 1 ? 1 : cols));
    assert_int_equal((size_t)v->cursor, width_str(s + v->start, pos - v->start));
    assert_true(width_str(s + v->start, v->end - v->start) <= (size_t)(cols < 1 ? 1 : cols));
}

static void test_view_long_line(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    const int cols = 20;
    /* 60 columns: three screens of narrow and wide clusters. */
    for (int i = 0; i < 6; i++)
        type(e, "ab " CJK CJK E_ACUTE FAMILY);
    size_t len;
    const char *s = edit_text(e, &len);
    assert_int_equal(width_str(s, len), 60);
    struct edit_view v;

    edit_home(e);
    check_view(e, cols, &v);
    assert_int_equal(v.start, 0);
    assert_int_equal(v.cursor, 0);
    do
        check_view(e, cols, &v);
    while (edit_right(e));
    check_view(e, cols, &v);
    assert_int_equal(v.end, len);
    assert_true(v.cursor == cols - 1 || v.cursor == cols - 2);
    do
        check_view(e, cols, &v);
    while (edit_left(e));
    check_view(e, cols, &v);
    assert_int_equal(v.start, 0);

    /* In the middle, moving right keeps a margin of text to the right of
     * the cursor, and moving left a margin to its left. */
    edit_home(e);
    for (int i = 0; i < 30; i++) {
        edit_right(e);
        check_view(e, cols, &v);
        size_t after = width_str(s + edit_cursor(e), v.end - edit_cursor(e));
        assert_true(after >= 3);
    }
    for (int i = 0; i < 10; i++) {
        edit_left(e);
        check_view(e, cols, &v);
        assert_true(v.cursor >= 3);
    }

    /* Deleting from the end pulls hidden text back into the free columns. */
    edit_end(e);
    check_view(e, cols, &v);
    for (int i = 0; i < 8; i++)
        edit_backspace(e);
    check_view(e, cols, &v);
    s = edit_text(e, &len);
    assert_true(width_str(s + v.start, len - v.start) >= (size_t)cols - 2);
    edit_free(e);
}

static void test_view_narrow(void **state)
{
    (void)state;
    struct edit *e = edit_new(0);
    type(e, CJK "a" CJK FAMILY "bc");
    struct edit_view v;
    for (int cols = -1; cols <= 4; cols++) {
        edit_home(e);
        do
            check_view(e, cols, &v);
        while (edit_right(e));
        check_view(e, cols, &v);
        do
            check_view(e, cols, &v);
        while (edit_left(e));
    }
    edit_clear(e);
    check_view(e, 10, &v);
    assert_int_equal(v.start, 0);
    assert_int_equal(v.end, 0);
    edit_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert),
        cmocka_unit_test(test_move_multibyte),
        cmocka_unit_test(test_backspace_delete_clusters),
        cmocka_unit_test(test_insert_inside_cluster),
        cmocka_unit_test(test_kill_word),
        cmocka_unit_test(test_kill_home_end_yank),
        cmocka_unit_test(test_word_motion),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_history_ring),
        cmocka_unit_test(test_length_limit),
        cmocka_unit_test(test_invalid_input),
        cmocka_unit_test(test_replace),
        cmocka_unit_test(test_view_long_line),
        cmocka_unit_test(test_view_narrow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
