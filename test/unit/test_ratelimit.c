/* SPDX-License-Identifier: MIT */
/* The token bucket: bursts pass, floods wait, time refills. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ratelimit.h"

#define SEC 1000000000LL

static void test_burst_then_limited(void **state)
{
    struct ratelimit rl;
    ratelimit_init(&rl, 5, 10, 0);
    for (int i = 0; i < 10; i++)
        assert_int_equal(ratelimit_take(&rl, 0), 0);
    int64_t wait = ratelimit_take(&rl, 0);
    assert_in_range(wait, 1, 201); /* one token at 5/s is 200 ms away */
}

static void test_refills_with_time_up_to_burst(void **state)
{
    struct ratelimit rl;
    ratelimit_init(&rl, 5, 10, 0);
    for (int i = 0; i < 10; i++)
        ratelimit_take(&rl, 0);
    assert_true(ratelimit_take(&rl, 0) > 0);
    assert_int_equal(ratelimit_take(&rl, SEC), 0); /* 5 tokens back */
    for (int i = 0; i < 4; i++)
        assert_int_equal(ratelimit_take(&rl, SEC), 0);
    assert_true(ratelimit_take(&rl, SEC) > 0);
    /* A long pause refills to the burst, not beyond. */
    int ok = 0;
    while (ratelimit_take(&rl, 100 * SEC) == 0)
        ok++;
    assert_int_equal(ok, 10);
}

static void test_zero_rate_is_unlimited(void **state)
{
    struct ratelimit rl;
    ratelimit_init(&rl, 0, 1, 0);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(ratelimit_take(&rl, 0), 0);
}

static void test_clock_going_back_is_harmless(void **state)
{
    struct ratelimit rl;
    ratelimit_init(&rl, 1, 1, 10 * SEC);
    assert_int_equal(ratelimit_take(&rl, 10 * SEC), 0);
    assert_true(ratelimit_take(&rl, 5 * SEC) > 0);
    assert_int_equal(ratelimit_take(&rl, 11 * SEC), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_burst_then_limited),
        cmocka_unit_test(test_refills_with_time_up_to_burst),
        cmocka_unit_test(test_zero_rate_is_unlimited),
        cmocka_unit_test(test_clock_going_back_is_harmless),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
