/* SPDX-License-Identifier: MIT */
/*
 * Grapheme clusters and their display widths (see width.h).  Pure: no
 * allocation, no state between calls.  All Unicode knowledge comes from
 * utf8proc; the few codepoints named here are the emoji joiners the width
 * rules are about.
 */
#include "width.h"

#include <stdint.h>
#include <utf8proc.h>

#define CP_ZWJ 0x200D
#define CP_VS16 0xFE0F
#define CP_SKIN_FIRST 0x1F3FB /* Fitzpatrick modifiers U+1F3FB..U+1F3FF */
#define CP_SKIN_LAST 0x1F3FF

/* Decodes one codepoint; returns its byte length, or -1 if S does not start
 * with valid UTF-8 (then the caller takes one byte). */
static int width_decode(const char *s, size_t len, int32_t *cp)
{
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s, len > 4 ? 4 : (utf8proc_ssize_t)len, cp);
    return n > 0 ? (int)n : -1;
}

static bool width_is_control(int32_t cp)
{
    int bc = utf8proc_get_property(cp)->boundclass;
    return bc == UTF8PROC_BOUNDCLASS_CONTROL || bc == UTF8PROC_BOUNDCLASS_CR ||
           bc == UTF8PROC_BOUNDCLASS_LF;
}

static bool width_is_pictographic(int32_t cp)
{
    return utf8proc_get_property(cp)->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC;
}

static bool width_is_regional(int32_t cp)
{
    return utf8proc_get_property(cp)->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR;
}

/* Whether a cluster starting with FIRST is drawn as U+FFFD. */
static bool width_first_replaced(int32_t first)
{
    return width_is_control(first) || utf8proc_charwidth(first) <= 0;
}

int width_next_grapheme(const char *s, size_t len, size_t *cluster_len)
{
    int32_t first, prev, cp;
    int32_t state = 0;
    if (len == 0) {
        *cluster_len = 0;
        return 0;
    }
    int n = width_decode(s, len, &first);
    if (n < 0) {
        *cluster_len = 1;
        return 1;
    }
    size_t pos = (size_t)n;
    bool emoji = false; /* VS16, a ZWJ sequence or a skin tone after a pictograph */
    int regional = width_is_regional(first); /* regional indicators in the cluster */
    prev = first;
    while (pos < len) {
        n = width_decode(s + pos, len - pos, &cp);
        if (n < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state))
            break;
        if (cp == CP_VS16)
            emoji = true;
        else if ((cp == CP_ZWJ || (cp >= CP_SKIN_FIRST && cp <= CP_SKIN_LAST)) &&
                 width_is_pictographic(first))
            emoji = true;
        else if (width_is_regional(cp))
            regional++;
        prev = cp;
        pos += (size_t)n;
    }
    *cluster_len = pos;
    if (width_first_replaced(first))
        return 1;
    if (emoji || regional >= 2)
        return 2;
    return utf8proc_charwidth(first) >= 2 ? 2 : 1;
}

bool width_is_replaced(const char *s, size_t cluster_len)
{
    int32_t first;
    if (cluster_len == 0 || width_decode(s, cluster_len, &first) < 0)
        return true;
    return width_first_replaced(first);
}

size_t width_str(const char *s, size_t len)
{
    size_t cols = 0, pos = 0, n;
    while (pos < len) {
        cols += (size_t)width_next_grapheme(s + pos, len - pos, &n);
        pos += n;
    }
    return cols;
}

size_t width_fit(const char *s, size_t len, size_t cols, size_t *bytes)
{
    size_t used = 0, pos = 0, n;
    while (pos < len) {
        size_t w = (size_t)width_next_grapheme(s + pos, len - pos, &n);
        if (used + w > cols)
            break;
        used += w;
        pos += n;
    }
    *bytes = pos;
    return used;
}
