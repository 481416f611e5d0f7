/* SPDX-License-Identifier: MIT */
/*
 * Stable colours for names: the same name (in any ASCII case) always gets
 * the same palette entry, in every window and every session.
 */
#ifndef NATTER_TUI_COLOR_H
#define NATTER_TUI_COLOR_H

/* Index in [0, PALETTE) for NAME: FNV-1a of its ASCII-lowercased bytes
 * modulo PALETTE; 0 if PALETTE is 0. */
unsigned color_index(const char *name, unsigned palette);

#endif
