/*
 * simics.c - lprintf (kernel log) and assert/panic support.
 */
#include <assert.h>
#include <pebbles_ext.h>
#include <simics.h>
#include <stdarg.h>
#include <stdio.h>
#include <syscall.h>

#include "lib/format.h"

void lprintf(const char *fmt, ...)
{
    char line[KLOG_MAX + 1];
    va_list ap;
    va_start(ap, fmt);
    format_vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    klog(line);
}

static void __attribute__((noreturn)) die(const char *msg)
{
    printf("%s\n", msg);
    klog(msg);
    task_vanish(-2);
}

void panic(const char *fmt, ...)
{
    char msg[KLOG_MAX + 1];
    int n = format_snprintf(msg, sizeof(msg), "panic (task %d): ", gettid());
    va_list ap;
    va_start(ap, fmt);
    format_vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
    va_end(ap);
    die(msg);
}

void __assert_fail_pebbles(const char *expr, const char *file, int line)
{
    char msg[KLOG_MAX + 1];
    format_snprintf(msg, sizeof(msg), "assertion failed: %s at %s:%d", expr, file, line);
    die(msg);
}

/* Invariant failures inside shared library code (kern/lib, e.g. a corrupt
 * heap) end up here in user programs. */
void panic_at(const char *file, int line, const char *func, const char *fmt, ...) __attribute__((noreturn));
void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    char msg[KLOG_MAX + 1];
    int n = format_snprintf(msg, sizeof(msg), "panic at %s:%d in %s(): ", file, line, func);
    va_list ap;
    va_start(ap, fmt);
    format_vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
    va_end(ap);
    die(msg);
}
