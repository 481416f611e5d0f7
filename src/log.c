/* SPDX-License-Identifier: MIT */
/* Timestamped log lines on stderr (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static atomic_int log_level = LOG_INFO;

void log_set_level(enum log_level level)
{
    atomic_store(&log_level, (int)level);
}

void log_write(enum log_level level, const char *file, int line, const char *fmt, ...)
{
    if ((int)level > atomic_load(&log_level))
        return;

    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);

    /* Built in one buffer so that lines of different threads never mix. */
    char buf[1024];
    size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    int k = snprintf(buf + n, sizeof buf - n, ".%03ldZ ", ts.tv_nsec / 1000000);
    if (k > 0)
        n += (size_t)k;
    if (file && n < sizeof buf) {
        const char *base = strrchr(file, '/');
        k = snprintf(buf + n, sizeof buf - n, "[%s:%d] ", base ? base + 1 : file, line);
        if (k > 0)
            n += (size_t)k;
    }
    if (n < sizeof buf) {
        va_list ap;
        va_start(ap, fmt);
        k = vsnprintf(buf + n, sizeof buf - n, fmt, ap);
        va_end(ap);
        if (k > 0)
            n += (size_t)k;
    }
    if (n >= sizeof buf - 1)
        n = sizeof buf - 2; /* long lines are cut, never split */
    buf[n++] = '\n';
    buf[n] = '\0';
    fputs(buf, stderr);
}
