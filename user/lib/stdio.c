/*
 * stdio.c - printf family over the kernel's print() (lib/format.c
 * does the formatting and buffering), so a printf reaches the console in as
 * few, atomic prints as possible.
 */
#include <stdio.h>

#include <abi/console.h>
#include <syscall.h>

#include "lib/format.h"
#include "lib/string.h"

static void to_console(const char *buf, size_t n, void *ctx)
{
    (void)ctx;
    print((int)n, (char *)buf);
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

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return format_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = format_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return format_vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

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
