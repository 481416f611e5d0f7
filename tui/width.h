/* SPDX-License-Identifier: MIT */
/*
 * Grapheme clusters and display widths of UTF-8 text, for everything that
 * places text in terminal columns (editor, wrapping, scrollback).
 *
 * Cluster boundaries and codepoint widths come from utf8proc.  A cluster's
 * width is that of its first codepoint, except that emoji presentation
 * (U+FE0F), emoji ZWJ sequences, emoji with a skin-tone modifier and
 * regional-indicator pairs (flags) are 2, as terminals draw them.
 *
 * Some clusters are not drawn as themselves but as U+FFFD, one column wide:
 * a byte that is not part of valid UTF-8 (a cluster of its own), a
 * codepoint of grapheme class Control (C0/C1 controls, DEL, CR, LF, line and
 * paragraph separators, format characters such as U+200B and the bidi
 * overrides), and a cluster that starts with a zero-width codepoint (a lone
 * combining mark or joiner).  So every cluster is 1 or 2 columns wide, and
 * the text can never move the terminal's cursor in ways we did not count.
 */
#ifndef NATTER_TUI_WIDTH_H
#define NATTER_TUI_WIDTH_H

#include <stdbool.h>
#include <stddef.h>

/* Measures the cluster at the start of S[0..LEN): stores its byte length in
 * *CLUSTER_LEN and returns its width, 1 or 2 (0, with length 0, if LEN is 0). */
int width_next_grapheme(const char *s, size_t len, size_t *cluster_len);
/* Whether the cluster S[0..CLUSTER_LEN) is to be drawn as one U+FFFD. */
bool width_is_replaced(const char *s, size_t cluster_len);
/* Display width of S[0..LEN) in columns. */
size_t width_str(const char *s, size_t len);
/* The longest prefix of S[0..LEN) made of whole clusters that fits in COLS
 * columns: stores its byte length in *BYTES and returns its width. */
size_t width_fit(const char *s, size_t len, size_t cols, size_t *bytes);

#endif
