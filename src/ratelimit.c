/* SPDX-License-Identifier: MIT */
/* Token bucket (see ratelimit.h). */
#include "ratelimit.h"

void ratelimit_init(struct ratelimit *rl, unsigned rate, unsigned burst, int64_t now_ns)
{
    rl->rate = rate;
    rl->burst = burst ? burst : 1;
    rl->tokens = rl->burst;
    rl->last_ns = now_ns;
}

int64_t ratelimit_take(struct ratelimit *rl, int64_t now_ns)
{
    if (rl->rate <= 0)
        return 0;
    if (now_ns > rl->last_ns) {
        rl->tokens += (double)(now_ns - rl->last_ns) * rl->rate / 1e9;
        if (rl->tokens > rl->burst)
            rl->tokens = rl->burst;
        rl->last_ns = now_ns;
    }
    if (rl->tokens >= 1.0) {
        rl->tokens -= 1.0;
        return 0;
    }
    int64_t ms = (int64_t)((1.0 - rl->tokens) * 1000.0 / rl->rate) + 1;
    return ms;
}
