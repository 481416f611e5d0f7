/* SPDX-License-Identifier: MIT */
/* Per-name colour index (see color.h).  Pure. */
#include "color.h"

#include <stdint.h>

unsigned color_index(const char *name, unsigned palette)
{
    uint32_t h = 2166136261u; /* FNV-1a 32-bit offset basis and prime */
    if (palette == 0)
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        unsigned char ch = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p - 'A' + 'a') : *p;
        h = (h ^ ch) * 16777619u;
    }
    return (unsigned)(h % palette);
}
