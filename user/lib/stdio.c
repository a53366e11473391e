/*
 * stdio.c - printf family over the kernel's print() (kern/lib/format.c
 * does the formatting).  Output is buffered per call and written in pieces
 * of at most CONSOLE_PRINT_MAX bytes, so each printf reaches the console in
 * as few (atomic) prints as possible.
 */
#include <stdio.h>

#include <abi/console.h>
#include <syscall.h>

#include "lib/format.h"
#include "lib/string.h"

struct pbuf {
    char buf[256];
    int n;
};

static void pbuf_flush(struct pbuf *p)
{
    if (p->n)
        print(p->n, p->buf);
    p->n = 0;
}

static void pbuf_emit(char c, void *ctx)
{
    struct pbuf *p = ctx;
    p->buf[p->n++] = c;
    if (p->n == (int)sizeof(p->buf))
        pbuf_flush(p);
}

int vprintf(const char *fmt, va_list ap)
{
    struct pbuf p = {.n = 0};
    int n = format_v(pbuf_emit, &p, fmt, ap);
    pbuf_flush(&p);
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

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) { return format_vsnprintf(buf, size, fmt, ap); }

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = format_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap) { return format_vsnprintf(buf, (size_t)-1 / 2, fmt, ap); }

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(buf, fmt, ap);
    va_end(ap);
    return n;
}

int putchar(int c)
{
    char ch = (char)c;
    print(1, &ch);
    return (unsigned char)c;
}

int puts(const char *s)
{
    size_t len = strlen(s);
    while (len > 0) {
        int n = len > CONSOLE_PRINT_MAX ? CONSOLE_PRINT_MAX : (int)len;
        print(n, (char *)s);
        s += n;
        len -= (size_t)n;
    }
    putchar('\n');
    return 0;
}
