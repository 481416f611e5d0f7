/* SPDX-License-Identifier: MIT */
/*
 * Allocation that cannot fail: on out-of-memory these print a message and
 * abort().  A chat server that cannot allocate a few bytes cannot do anything
 * useful either, and the rest of the code is then free of unreachable error
 * paths.  Use them for every heap allocation.
 */
#ifndef NATTER_XALLOC_H
#define NATTER_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* reallocarray that aborts on overflow or exhaustion. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
