/*
 * printf.c - kernel printf: the shared format engine writing to the output
 * function the console registers (printf_set_output), a line at a time, so
 * each line can go out whole (dev/console.h).  Before one is registered
 * output is dropped.  The function is set once, at boot.
 */
#include "lib/printf.h"

#define PRINTF_LINE_MAX 256 /* a longer line goes out in pieces */

static void (*output)(const char *buf, size_t n);

void printf_set_output(void (*write)(const char *buf, size_t n)) { output = write; }

static void emit(const char *buf, size_t n)
{
    if (output)
        output(buf, n);
}

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
            emit(l->buf, l->n);
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
        emit(l.buf, l.n);
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
