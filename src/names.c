/* SPDX-License-Identifier: MIT */
/*
 * User and room names (see natter/names.h).  Case is folded by hand, ASCII
 * only: tolower() and strcasecmp() follow the locale, and two names must
 * compare the same on every machine.
 */
#include "natter/names.h"

static char names_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool names_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

bool name_valid(const char *name)
{
    if (!name)
        return false;
    size_t n = 0;
    /* Stops at the first bad byte, so a long input is never walked whole. */
    while (name[n] != '\0') {
        if (n == NATTER_NAME_MAX || !names_char_ok(name[n]))
            return false;
        n++;
    }
    return n > 0;
}

bool room_name_valid(const char *room)
{
    return room && room[0] == '#' && name_valid(room + 1);
}

int name_fold(const char *name, char *out, size_t outlen)
{
    for (size_t i = 0; i < outlen; i++) {
        out[i] = names_lower(name[i]);
        if (name[i] == '\0')
            return 0;
    }
    /* Too long: leave an empty string rather than a cut name. */
    if (outlen > 0)
        out[0] = '\0';
    return -1;
}

bool name_equal(const char *a, const char *b)
{
    for (size_t i = 0;; i++) {
        if (names_lower(a[i]) != names_lower(b[i]))
            return false;
        if (a[i] == '\0')
            return true;
    }
}
