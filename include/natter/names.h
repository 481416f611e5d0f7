/* SPDX-License-Identifier: MIT */
/*
 * User and room names.  A name is 1 to NATTER_NAME_MAX characters of
 * A-Z a-z 0-9 _ -, unique without regard to ASCII case and shown as first
 * written; a room name is '#' followed by such a name.
 */
#ifndef NATTER_NAMES_H
#define NATTER_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "natter/protocol.h"

/* Big enough for any valid user or room name and its NUL. */
#define NAME_BUF (NATTER_NAME_MAX + 2)

bool name_valid(const char *name);
bool room_name_valid(const char *room);
/* Writes the case-folded (ASCII lower-case) form of NAME into OUT (at least
 * NAME_BUF bytes).  Returns 0, or -1 if NAME does not fit. */
int name_fold(const char *name, char *out, size_t outlen);
/* ASCII case-insensitive equality of two names. */
bool name_equal(const char *a, const char *b);

#endif
