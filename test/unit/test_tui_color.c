/* SPDX-License-Identifier: MIT */
/* Unit tests for tui/color.c: stable per-name colour indexes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "color.h"

static void test_stable_fnv1a(void **state)
{
    (void)state;
    /* FNV-1a 32 of "a" is 0xe40c292c. */
    assert_int_equal(color_index("a", 0xFFFFFFFFu), 0xe40c292cu % 0xFFFFFFFFu);
    assert_int_equal(color_index("alice", 16), color_index("alice", 16));
    assert_int_equal(color_index("", 7), 2166136261u % 7);
}

static void test_case_folded(void **state)
{
    (void)state;
    assert_int_equal(color_index("Alice", 16), color_index("alice", 16));
    assert_int_equal(color_index("ALICE", 13), color_index("alice", 13));
    /* Only ASCII is folded: other bytes count as they are. */
    assert_int_equal(color_index("\xc3\x89mile", 1000003), color_index("\xc3\x89MILE", 1000003));
}

static void test_range(void **state)
{
    (void)state;
    const char *names[] = {"alice", "bob", "carol", "dave", "eve", "#general", "x"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        assert_true(color_index(names[i], 12) < 12);
        assert_int_equal(color_index(names[i], 1), 0);
        assert_int_equal(color_index(names[i], 0), 0);
    }
    /* Different names spread over the palette. */
    assert_int_not_equal(color_index("alice", 16), color_index("bob", 16));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stable_fnv1a),
        cmocka_unit_test(test_case_folded),
        cmocka_unit_test(test_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
