/*
 * printf.c - kernel printf over console_write, buffered in small chunks so
 * a line reaches the console in few writes.
 */
#include "lib/printf.h"

#include "dev/console.h"

struct chunk {
    char buf[128];
    unsigned n;
};

static void chunk_flush(struct chunk *c)
{
    if (c->n)
        console_write(c->buf, c->n);
    c->n = 0;
}

static void chunk_emit(char ch, void *ctx)
{
    struct chunk *c = ctx;
    c->buf[c->n++] = ch;
    if (c->n == sizeof(c->buf))
        chunk_flush(c);
}

int vprintf(const char *fmt, va_list ap)
{
    struct chunk c = {.n = 0};
    int n = format_v(chunk_emit, &c, fmt, ap);
    chunk_flush(&c);
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
