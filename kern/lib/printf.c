/*
 * printf.c - kernel printf: the shared format engine writing to the console,
 * a line at a time, so each line can go out whole (dev/console.h).
 */
#include "lib/printf.h"

#include "dev/console.h"

#define PRINTF_LINE_MAX 256 /* a longer line goes out in pieces */

struct line_buf {
    size_t n;
    char buf[PRINTF_LINE_MAX];
};

static void to_console(const char *buf, size_t n, void *ctx)
{
    struct line_buf *l = ctx;
    for (size_t i = 0; i < n; i++) {
        l->buf[l->n++] = buf[i];
        if (buf[i] == '\n' || l->n == sizeof(l->buf)) {
            console_kernel_write(l->buf, l->n);
            l->n = 0;
        }
    }
}

int vprintf(const char *fmt, va_list ap)
{
    struct line_buf l;
    l.n = 0;
    int n = format_write(to_console, &l, fmt, ap);
    if (l.n > 0)
        console_kernel_write(l.buf, l.n);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}
