/*
 * printf.c - kernel printf: the shared format engine writing to the console.
 */
#include "lib/printf.h"

#include "dev/console.h"

static void to_console(const char *buf, size_t n, void *ctx)
{
    (void)ctx;
    console_write(buf, n);
}

int vprintf(const char *fmt, va_list ap) { return format_write(to_console, NULL, fmt, ap); }

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}
