/* SPDX-License-Identifier: MIT */
/*
 * The server's log: one line per event on stderr, with a UTC timestamp.
 * log_error adds the [file:line] of the caller.  Safe from any thread (one
 * fputs per line; stdio locks the stream).
 */
#ifndef NATTER_LOG_H
#define NATTER_LOG_H

enum log_level { LOG_ERROR = 0, LOG_INFO = 1, LOG_DEBUG = 2 };

/* Lines above LEVEL are dropped; LOG_INFO unless --quiet or --verbose. */
void log_set_level(enum log_level level);
void log_write(enum log_level level, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define log_error(...) log_write(LOG_ERROR, __FILE__, __LINE__, __VA_ARGS__)
#define log_info(...) log_write(LOG_INFO, NULL, 0, __VA_ARGS__)
#define log_debug(...) log_write(LOG_DEBUG, NULL, 0, __VA_ARGS__)

#endif
