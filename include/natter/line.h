/* SPDX-License-Identifier: MIT */
/*
 * Lines on a byte stream, shared by natterd and every client.
 *
 * linebuf frames a stream into lines in one fixed buffer: it never grows, so a
 * peer cannot make us allocate.  Bytes are read straight into the buffer
 * (linebuf_space/linebuf_commit), Telnet IAC sequences are removed as they
 * arrive (their state survives chunk boundaries), and complete lines are
 * popped in place.  A line that does not fit is discarded up to its newline
 * and reported once as LINEBUF_TOO_LONG.
 *
 * The text helpers work in place on one line: utf8_valid checks strict UTF-8,
 * text_sanitize removes what could drive a terminal, line_parse and
 * line_next_arg cut a command line into its word, arguments and text.
 * None of this does I/O or keeps global state.
 */
#ifndef NATTER_LINE_H
#define NATTER_LINE_H

#include <stdbool.h>
#include <stddef.h>

struct linebuf {
    char *buf;
    size_t cap;     /* max line length, terminator (LF or CR LF) included */
    size_t start;   /* first byte not yet popped */
    size_t len;     /* bytes buffered, from buf[0]; buf[start..len) is pending */
    size_t scan;    /* buf[start..scan) holds no LF: where the next search resumes */
    bool discarding; /* inside an over-long line: drop up to the next LF */
    int telnet;     /* Telnet IAC parser state between chunks */
};

enum linebuf_result {
    LINEBUF_NONE = 0,  /* no complete line buffered */
    LINEBUF_LINE,      /* *line is a NUL-terminated line, without CR/LF */
    LINEBUF_TOO_LONG,  /* a line over the limit was (or is being) discarded */
};

/* Prepares LB for lines of at most MAX_LINE bytes including the terminator
 * (MAX_LINE >= 2).  Returns 0, or -1 if MAX_LINE is out of range. */
int linebuf_init(struct linebuf *lb, size_t max_line);
/* Frees the buffer; LB may be half-built or already freed. */
void linebuf_free(struct linebuf *lb);
/* Where the next read may put bytes: sets *dst and returns how many fit
 * (always > 0 once linebuf_next has returned LINEBUF_NONE).  Moves pending
 * bytes to the front first, which invalidates lines popped earlier. */
size_t linebuf_space(struct linebuf *lb, char **dst);
/* Accounts for N bytes just written at the linebuf_space pointer, removing
 * Telnet IAC sequences from them. */
void linebuf_commit(struct linebuf *lb, size_t n);
/* Pops the next event: a complete line (*line, *len set; valid until the next
 * linebuf_space), a too-long report (once per over-long line), or NONE. */
enum linebuf_result linebuf_next(struct linebuf *lb, char **line, size_t *len);
/* Bytes buffered but not yet a complete line (0 when discarding). */
size_t linebuf_pending(const struct linebuf *lb);

/* True if S[0..LEN) is well-formed UTF-8: no overlong forms, no surrogates,
 * nothing above U+10FFFF, no NUL bytes. */
bool utf8_valid(const char *s, size_t len);
/* Removes C0 controls (TAB becomes a space), DEL and C1 controls (U+0080 to
 * U+009F) from the valid UTF-8 text S[0..LEN) in place, NUL-terminates it and
 * returns the new length. */
size_t text_sanitize(char *s, size_t len);
/* Largest n <= LEN such that S[0..n) ends on a UTF-8 character boundary. */
size_t utf8_truncate(const char *s, size_t len);

struct cmdline {
    char *word; /* the command word without a leading '/', NUL-terminated; "" if none */
    char *rest; /* everything after the word and its following spaces; never NULL */
};

/* Cuts LINE (sanitized, NUL-terminated) in place into its command word and
 * the rest.  Leading spaces are skipped.  Returns 0, or -1 if the line is
 * empty or only spaces. */
int line_parse(char *line, struct cmdline *out);
/* Takes the next space-separated argument from *CURSOR: NUL-terminates it,
 * stores it in *ARG and moves *CURSOR past the spaces that follow, so that
 * after the last argument *CURSOR is the remaining TEXT with leading spaces
 * trimmed.  Returns 1, or 0 (and *ARG = NULL) if nothing is left. */
int line_next_arg(char **cursor, char **arg);

#endif
