/* SPDX-License-Identifier: MIT */
/* Tests for natter/names.h: which names are valid, folding and equality. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "natter/names.h"

/* "a" repeated N times, N <= 63. */
static const char *repeat_a(size_t n)
{
    static char buf[64];
    assert_true(n < sizeof buf);
    memset(buf, 'a', n);
    buf[n] = '\0';
    return buf;
}

static void test_name_valid(void **state)
{
    (void)state;
    assert_false(name_valid(NULL));
    assert_false(name_valid(""));
    assert_true(name_valid("a"));
    assert_true(name_valid("Z"));
    assert_true(name_valid("7"));
    assert_true(name_valid("_"));
    assert_true(name_valid("-"));
    assert_true(name_valid("Alice_Smith-2"));
    assert_true(name_valid(repeat_a(NATTER_NAME_MAX)));
    assert_false(name_valid(repeat_a(NATTER_NAME_MAX + 1)));
    assert_false(name_valid(repeat_a(60)));

    static const char *const bad[] = {
        "bad name",
        " alice",
        "alice ",
        "a.b",
        "a!",
        "a@b",
        "a/b",
        "a:b",
        "a,b",
        "a\tb",
        "a\nb",
        "#room",
        "a#",
        "[x]",
        "{x}",
        "`x",
        "~x",
        "a+b",
        "\x7f",
        "\xc3\xa9",         /* é */
        "caf\xc3\xa9",      /* café */
        "\xe4\xb8\xad",     /* CJK */
        "\xf0\x9f\x98\x80", /* emoji */
        "\xff",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (name_valid(bad[i]))
            fail_msg("bad[%zu] accepted", i);
    }
}

static void test_room_name_valid(void **state)
{
    (void)state;
    char room[80];
    assert_true(room_name_valid("#lobby"));
    assert_true(room_name_valid("#a"));
    assert_true(room_name_valid("#Alice-bob_2"));
    assert_false(room_name_valid(NULL));
    assert_false(room_name_valid(""));
    assert_false(room_name_valid("#"));
    assert_false(room_name_valid("lobby"));
    assert_false(room_name_valid("##lobby"));
    assert_false(room_name_valid("#lob#by"));
    assert_false(room_name_valid(" #lobby"));
    assert_false(room_name_valid("#lob by"));
    assert_false(room_name_valid("&lobby"));
    assert_false(room_name_valid("#caf\xc3\xa9"));

    snprintf(room, sizeof room, "#%s", repeat_a(NATTER_NAME_MAX));
    assert_true(room_name_valid(room));
    snprintf(room, sizeof room, "#%s", repeat_a(NATTER_NAME_MAX + 1));
    assert_false(room_name_valid(room));
}

static void test_name_fold(void **state)
{
    (void)state;
    char out[NAME_BUF];
    assert_int_equal(name_fold("AbC-_9z", out, sizeof out), 0);
    assert_string_equal(out, "abc-_9z");
    assert_int_equal(name_fold("#Lobby", out, sizeof out), 0);
    assert_string_equal(out, "#lobby");
    assert_int_equal(name_fold("", out, sizeof out), 0);
    assert_string_equal(out, "");

    /* The longest room name fits NAME_BUF exactly. */
    char room[NAME_BUF];
    room[0] = '#';
    memset(room + 1, 'Q', NATTER_NAME_MAX);
    room[NATTER_NAME_MAX + 1] = '\0';
    assert_int_equal(name_fold(room, out, sizeof out), 0);
    assert_int_equal(strlen(out), NATTER_NAME_MAX + 1);
    assert_int_equal(out[0], '#');
    assert_int_equal(out[NATTER_NAME_MAX], 'q');

    /* Fits only with room for its NUL. */
    char small[4];
    assert_int_equal(name_fold("ABC", small, sizeof small), 0);
    assert_string_equal(small, "abc");
    assert_int_equal(name_fold("ABCD", small, sizeof small), -1);
    assert_string_equal(small, ""); /* no cut name left behind */
    assert_int_equal(name_fold(repeat_a(60), out, sizeof out), -1);
    assert_int_equal(name_fold("a", small, 0), -1);

    /* Only ASCII is folded. */
    assert_int_equal(name_fold("\xc3\x89", out, sizeof out), 0);
    assert_string_equal(out, "\xc3\x89");
}

static void test_name_equal(void **state)
{
    (void)state;
    assert_true(name_equal("alice", "alice"));
    assert_true(name_equal("Alice", "aLICE"));
    assert_true(name_equal("ALICE_2-X", "alice_2-x"));
    assert_true(name_equal("#Lobby", "#LOBBY"));
    assert_true(name_equal("", ""));
    assert_false(name_equal("alice", "alic"));
    assert_false(name_equal("alic", "alice"));
    assert_false(name_equal("alice", "alice2"));
    assert_false(name_equal("a_b", "a-b"));
    assert_false(name_equal("a", ""));
    /* Pairs a sloppy (c | 0x20) fold would confuse. */
    assert_false(name_equal("@", "`"));
    assert_false(name_equal("[", "{"));
    assert_false(name_equal("^", "~"));
    assert_false(name_equal("_", "\x7f"));
    /* Not Unicode case folding: É and é differ. */
    assert_false(name_equal("\xc3\x89", "\xc3\xa9"));

    /* Agrees with name_fold. */
    char fa[NAME_BUF], fb[NAME_BUF];
    assert_int_equal(name_fold("MiXeD-Case_01", fa, sizeof fa), 0);
    assert_int_equal(name_fold("mIxEd-cASE_01", fb, sizeof fb), 0);
    assert_string_equal(fa, fb);
    assert_true(name_equal("MiXeD-Case_01", "mIxEd-cASE_01"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_valid),
        cmocka_unit_test(test_room_name_valid),
        cmocka_unit_test(test_name_fold),
        cmocka_unit_test(test_name_equal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
