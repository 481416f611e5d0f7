/* SPDX-License-Identifier: MIT */
/* The protocol's name tables: complete, unique, and found by lookup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "natter/protocol.h"

static bool is_upper_word(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!(isupper((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

static void test_every_command_has_name_usage_and_summary(void **state)
{
    for (int c = 0; c < CMD_COUNT; c++) {
        const struct protocol_command *pc = &protocol_commands[c];
        assert_true(is_upper_word(pc->name));
        assert_non_null(pc->aliases);
        assert_non_null(pc->usage);
        assert_non_null(pc->summary);
        /* The usage starts with the command's own name. */
        assert_int_equal(strncmp(pc->usage, pc->name, strlen(pc->name)), 0);
        assert_true(strlen(pc->summary) > 0);
    }
}

static void test_lookup_finds_names_and_aliases_in_any_case(void **state)
{
    for (int c = 0; c < CMD_COUNT; c++) {
        const struct protocol_command *pc = &protocol_commands[c];
        char lower[64], slash[72];
        size_t n = strlen(pc->name);
        for (size_t i = 0; i <= n; i++)
            lower[i] = (char)tolower((unsigned char)pc->name[i]);
        snprintf(slash, sizeof slash, "/%s", lower);
        assert_int_equal(protocol_command_lookup(pc->name), c);
        assert_int_equal(protocol_command_lookup(lower), c);
        assert_int_equal(protocol_command_lookup(slash), c);

        char aliases[128];
        snprintf(aliases, sizeof aliases, "%s", pc->aliases);
        for (char *save, *a = strtok_r(aliases, " ", &save); a; a = strtok_r(NULL, " ", &save))
            assert_int_equal(protocol_command_lookup(a), c);
    }
    assert_int_equal(protocol_command_lookup("MSGALL"), CMD_ALL);
    assert_int_equal(protocol_command_lookup("c"), CMD_CONNECT);
    assert_int_equal(protocol_command_lookup("part"), CMD_LEAVE);
}

static void test_lookup_rejects_other_words(void **state)
{
    const char *bad[] = {"", "/", "FOO", "HEL", "HELPX", "SAY#", "JOIN ", "ALL\t", "M", "LOGIN2"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(protocol_command_lookup(bad[i]), CMD_NONE);
}

static void test_no_word_names_two_commands(void **state)
{
    /* Collect every name and alias; none may appear twice. */
    char words[128][32];
    size_t n = 0;
    for (int c = 0; c < CMD_COUNT; c++) {
        snprintf(words[n++], sizeof words[0], "%s", protocol_commands[c].name);
        char aliases[128];
        snprintf(aliases, sizeof aliases, "%s", protocol_commands[c].aliases);
        for (char *save, *a = strtok_r(aliases, " ", &save); a; a = strtok_r(NULL, " ", &save)) {
            assert_true(is_upper_word(a));
            snprintf(words[n++], sizeof words[0], "%s", a);
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++)
            assert_string_not_equal(words[i], words[k]);
}

static void test_error_bye_and_line_names(void **state)
{
    for (int e = 0; e < E_COUNT; e++) {
        assert_true(is_upper_word(protocol_error_names[e]));
        assert_int_equal(protocol_error_lookup(protocol_error_names[e]), e);
        for (int k = e + 1; k < E_COUNT; k++)
            assert_string_not_equal(protocol_error_names[e], protocol_error_names[k]);
    }
    assert_int_equal(protocol_error_lookup("NOPE"), -1);
    for (int b = 0; b < BYE_COUNT; b++)
        assert_true(is_upper_word(protocol_bye_names[b]));
    for (int l = 0; l < LINE_COUNT; l++) {
        assert_true(is_upper_word(protocol_line_names[l]));
        assert_int_equal(protocol_line_lookup(protocol_line_names[l]), l);
    }
    assert_int_equal(protocol_line_lookup("ok"), LINE_UNKNOWN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command_has_name_usage_and_summary),
        cmocka_unit_test(test_lookup_finds_names_and_aliases_in_any_case),
        cmocka_unit_test(test_lookup_rejects_other_words),
        cmocka_unit_test(test_no_word_names_two_commands),
        cmocka_unit_test(test_error_bye_and_line_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
