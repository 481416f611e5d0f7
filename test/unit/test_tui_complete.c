/* SPDX-License-Identifier: MIT */
/* Unit tests for tui/complete.c: Tab completion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "complete.h"

static const char *const cands[] = {
    "alice", "Albert", "bob", "#general", "#games", "/join", "/part", "/quit", "alice", "\xc3\xa9mile",
};
#define NCANDS (sizeof cands / sizeof *cands)

/* A line being edited, as the caller keeps it. */
struct line {
    char buf[256];
    size_t len, cursor;
};

static void line_set(struct line *l, const char *s, size_t cursor)
{
    strcpy(l->buf, s);
    l->len = strlen(s);
    l->cursor = cursor;
}

static void line_apply(struct line *l, const struct complete_edit *ed)
{
    assert_true(ed->from <= ed->to && ed->to <= l->len);
    memmove(l->buf + ed->from + ed->len, l->buf + ed->to, l->len - ed->to + 1);
    memcpy(l->buf + ed->from, ed->text, ed->len);
    l->len = l->len - (ed->to - ed->from) + ed->len;
    l->cursor = ed->from + ed->len;
}

/* First Tab on S with the cursor at CURSOR; checks the line becomes WANT. */
static void tab_start(struct complete *c, struct line *l, const char *s, size_t cursor,
                      const char *want)
{
    struct complete_edit ed;
    line_set(l, s, cursor);
    assert_true(complete_start(c, l->buf, l->len, l->cursor, cands, NCANDS, &ed));
    assert_true(complete_active(c));
    line_apply(l, &ed);
    assert_string_equal(l->buf, want);
}

static void tab_next(struct complete *c, struct line *l, const char *want)
{
    struct complete_edit ed;
    assert_true(complete_next(c, &ed));
    line_apply(l, &ed);
    assert_string_equal(l->buf, want);
}

static void test_prefix_first_word(void **state)
{
    (void)state;
    struct complete c;
    struct line l;
    complete_init(&c);
    tab_start(&c, &l, "bo", 2, "bob: ");
    assert_int_equal(l.cursor, 5);
    tab_next(&c, &l, "bob: ");
    complete_reset(&c);
    assert_false(complete_active(&c));
    /* Non-ASCII names match byte for byte. */
    tab_start(&c, &l, "\xc3\xa9", 2, "\xc3\xa9mile: ");
    complete_reset(&c);
}

static void test_cycle_case_insensitive(void **state)
{
    (void)state;
    struct complete c;
    struct line l;
    complete_init(&c);
    /* The duplicate "alice" is offered once; the cycle wraps around. */
    tab_start(&c, &l, "AL", 2, "alice: ");
    tab_next(&c, &l, "Albert: ");
    tab_next(&c, &l, "alice: ");
    tab_next(&c, &l, "Albert: ");
    complete_reset(&c);
    tab_start(&c, &l, "aLb", 3, "Albert: ");
    complete_reset(&c);
}

static void test_middle_of_line(void **state)
{
    (void)state;
    struct complete c;
    struct line l;
    complete_init(&c);
    tab_start(&c, &l, "hi al", 5, "hi alice ");
    tab_next(&c, &l, "hi Albert ");
    complete_reset(&c);
    /* A space already after the cursor is reused. */
    tab_start(&c, &l, "hi al there", 5, "hi alice there");
    assert_int_equal(l.cursor, 8);
    tab_next(&c, &l, "hi Albert there");
    complete_reset(&c);
    tab_start(&c, &l, "al said", 2, "alice: said");
    complete_reset(&c);
    /* Only the part of the word before the cursor is the prefix. */
    tab_start(&c, &l, "bo!", 2, "bob: !");
    complete_reset(&c);
}

static void test_rooms(void **state)
{
    (void)state;
    struct complete c;
    struct line l;
    complete_init(&c);
    tab_start(&c, &l, "/join #g", 8, "/join #general ");
    tab_next(&c, &l, "/join #games ");
    tab_next(&c, &l, "/join #general ");
    complete_reset(&c);
    /* A room as the first word is not someone to address. */
    tab_start(&c, &l, "#ga", 3, "#games ");
    complete_reset(&c);
}

static void test_commands(void **state)
{
    (void)state;
    struct complete c;
    struct line l;
    complete_init(&c);
    tab_start(&c, &l, "/J", 2, "/join ");
    complete_reset(&c);
    tab_start(&c, &l, "/", 1, "/join ");
    tab_next(&c, &l, "/part ");
    tab_next(&c, &l, "/quit ");
    tab_next(&c, &l, "/join ");
    complete_reset(&c);
    /* Commands are only completed as the first word. */
    struct complete_edit ed;
    line_set(&l, "hi /j", 5);
    assert_false(complete_start(&c, l.buf, l.len, l.cursor, cands, NCANDS, &ed));
    complete_reset(&c);
}

static void test_no_match(void **state)
{
    (void)state;
    struct complete c;
    struct complete_edit ed;
    complete_init(&c);
    assert_false(complete_start(&c, "zz", 2, 2, cands, NCANDS, &ed));
    assert_false(complete_active(&c));
    assert_false(complete_next(&c, &ed));
    /* An empty word completes nothing. */
    assert_false(complete_start(&c, "hi ", 3, 3, cands, NCANDS, &ed));
    assert_false(complete_start(&c, "", 0, 0, cands, NCANDS, &ed));
    assert_false(complete_start(&c, "al", 2, 2, cands, 0, &ed));
    assert_false(complete_start(&c, "al", 2, 3, cands, NCANDS, &ed));
    /* A failed start ends a completion that was under way. */
    assert_true(complete_start(&c, "al", 2, 2, cands, NCANDS, &ed));
    assert_false(complete_start(&c, "zz", 2, 2, cands, NCANDS, &ed));
    assert_false(complete_active(&c));
    complete_reset(&c);
}

static void test_candidates_copied(void **state)
{
    (void)state;
    struct complete c;
    struct line l;
    char name[] = "carol";
    const char *list[] = {name, "carl"};
    struct complete_edit ed;
    complete_init(&c);
    line_set(&l, "ca", 2);
    assert_true(complete_start(&c, l.buf, l.len, l.cursor, list, 2, &ed));
    line_apply(&l, &ed);
    strcpy(name, "xxxxx"); /* the caller's list changes under the cycle */
    tab_next(&c, &l, "carl: ");
    tab_next(&c, &l, "carol: ");
    complete_reset(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefix_first_word),
        cmocka_unit_test(test_cycle_case_insensitive),
        cmocka_unit_test(test_middle_of_line),
        cmocka_unit_test(test_rooms),
        cmocka_unit_test(test_commands),
        cmocka_unit_test(test_no_match),
        cmocka_unit_test(test_candidates_copied),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
