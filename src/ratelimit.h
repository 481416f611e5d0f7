/* SPDX-License-Identifier: MIT */
/*
 * Token bucket for a connection's command rate: RATE tokens a second up to
 * BURST, one per command, so a pasted burst of lines gets through while a
 * flood is slowed.  Pure: the caller passes the monotonic time.
 */
#ifndef NATTER_RATELIMIT_H
#define NATTER_RATELIMIT_H

#include <stdint.h>

struct ratelimit {
    double tokens;
    double rate;  /* tokens per second; 0 = unlimited */
    double burst; /* most tokens held */
    int64_t last_ns;
};

void ratelimit_init(struct ratelimit *rl, unsigned rate, unsigned burst, int64_t now_ns);
/* Takes one token.  Returns 0 if there was one, else the milliseconds until
 * there will be (at least 1). */
int64_t ratelimit_take(struct ratelimit *rl, int64_t now_ns);

#endif
