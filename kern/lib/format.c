/*
 * format.c - printf-style formatting (see format.h).
 *
 * One conversion at a time: parse the spec into struct spec, fetch the
 * argument with the right width, render the digits into a small buffer,
 * then emit sign/prefix, padding and digits in the order the flags ask.
 */
#include "lib/format.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool left, zero, plus, space, alt;
    int width;     /* -1: none */
    int precision; /* -1: none */
    int length;    /* 'H' hh, 'h', 0, 'l', 'L' ll, 'z', 't', 'j' */
    char conv;
};

struct out {
    format_emit_fn emit;
    void *ctx;
    int count;
};

static void put(struct out *o, char c)
{
    o->emit(c, o->ctx);
    o->count++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

static int parse_int(const char **fmt)
{
    int v = 0;
    while (**fmt >= '0' && **fmt <= '9')
        v = v * 10 + (*(*fmt)++ - '0');
    return v;
}

static const char *parse_spec(const char *f, struct spec *s, va_list *ap)
{
    *s = (struct spec){.width = -1, .precision = -1};
    for (;; f++) {
        if (*f == '-') s->left = true;
        else if (*f == '0') s->zero = true;
        else if (*f == '+') s->plus = true;
        else if (*f == ' ') s->space = true;
        else if (*f == '#') s->alt = true;
        else break;
    }
    if (*f == '*') {
        s->width = va_arg(*ap, int);
        if (s->width < 0) {
            s->left = true;
            s->width = -s->width;
        }
        f++;
    } else if (*f >= '0' && *f <= '9') {
        s->width = parse_int(&f);
    }
    if (*f == '.') {
        f++;
        if (*f == '*') {
            s->precision = va_arg(*ap, int);
            f++;
        } else {
            s->precision = parse_int(&f);
        }
    }
    if (*f == 'h') {
        s->length = f[1] == 'h' ? 'H' : 'h';
        f += f[1] == 'h' ? 2 : 1;
    } else if (*f == 'l') {
        s->length = f[1] == 'l' ? 'L' : 'l';
        f += f[1] == 'l' ? 2 : 1;
    } else if (*f == 'z' || *f == 't' || *f == 'j') {
        s->length = *f++;
    }
    s->conv = *f;
    return f;
}

static unsigned long long fetch_unsigned(const struct spec *s, va_list *ap)
{
    switch (s->length) {
    case 'H': return (unsigned char)va_arg(*ap, unsigned int);
    case 'h': return (unsigned short)va_arg(*ap, unsigned int);
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    case 'j': return va_arg(*ap, uintmax_t);
    case 'z': return va_arg(*ap, size_t);
    case 't': return (unsigned long long)va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, unsigned int);
    }
}

static long long fetch_signed(const struct spec *s, va_list *ap)
{
    switch (s->length) {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    case 'j': return va_arg(*ap, intmax_t);
    case 'z': return (long long)va_arg(*ap, size_t);
    case 't': return va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
    }
}

/* Render an integer: sign or prefix, then digits, honouring precision,
 * width and the - and 0 flags. */
static void emit_number(struct out *o, const struct spec *s, unsigned long long v, bool neg, int base,
                        const char *prefix)
{
    const char *digits = s->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int n = 0;
    while (v) {
        // cppcheck-suppress zerodivcond ; base is 8, 10 or 16
        buf[n++] = digits[v % (unsigned)base];
        v /= (unsigned)base;
    }
    if (n == 0 && s->precision != 0)
        buf[n++] = '0';
    int zeros = s->precision > n ? s->precision - n : 0;
    if (s->alt && base == 8 && zeros == 0 && (n == 0 || buf[n - 1] != '0'))
        zeros = 1;
    char sign = neg ? '-' : s->plus ? '+' : s->space ? ' ' : 0;
    int plen = (int)(sign != 0) + (prefix ? 2 : 0);
    int body = plen + zeros + n;
    int padn = s->width > body ? s->width - body : 0;
    bool zero_pad = s->zero && !s->left && s->precision < 0;
    if (!s->left && !zero_pad)
        pad(o, ' ', padn);
    if (sign)
        put(o, sign);
    if (prefix) {
        put(o, prefix[0]);
        put(o, prefix[1]);
    }
    if (zero_pad)
        pad(o, '0', padn);
    pad(o, '0', zeros);
    while (n)
        put(o, buf[--n]);
    if (s->left)
        pad(o, ' ', padn);
}

static void emit_string(struct out *o, const struct spec *s, const char *str)
{
    if (!str)
        str = "(null)";
    int n = 0;
    while (str[n] && (s->precision < 0 || n < s->precision))
        n++;
    int padn = s->width > n ? s->width - n : 0;
    if (!s->left)
        pad(o, ' ', padn);
    for (int i = 0; i < n; i++)
        put(o, str[i]);
    if (s->left)
        pad(o, ' ', padn);
}

static void convert(struct out *o, struct spec *s, va_list *ap)
{
    switch (s->conv) {
    case 'd':
    case 'i': {
        long long v = fetch_signed(s, ap);
        unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        emit_number(o, s, mag, v < 0, 10, NULL);
        break;
    }
    case 'u': emit_number(o, s, fetch_unsigned(s, ap), false, 10, NULL); break;
    case 'o': emit_number(o, s, fetch_unsigned(s, ap), false, 8, NULL); break;
    case 'x':
    case 'X': {
        unsigned long long v = fetch_unsigned(s, ap);
        emit_number(o, s, v, false, 16, s->alt && v ? (s->conv == 'x' ? "0x" : "0X") : NULL);
        break;
    }
    case 'p': {
        s->conv = 'x';
        if (s->precision < 0)
            s->precision = 2 * (int)sizeof(void *);
        emit_number(o, s, (uintptr_t)va_arg(*ap, void *), false, 16, "0x");
        break;
    }
    case 's': emit_string(o, s, va_arg(*ap, const char *)); break;
    case 'c': {
        char c[2] = {(char)va_arg(*ap, int), 0};
        struct spec cs = *s;
        cs.precision = 1;
        if (c[0] == 0) { /* a NUL character is still one character */
            int padn = s->width > 1 ? s->width - 1 : 0;
            if (!s->left)
                pad(o, ' ', padn);
            put(o, 0);
            if (s->left)
                pad(o, ' ', padn);
        } else {
            emit_string(o, &cs, c);
        }
        break;
    }
    case '%': put(o, '%'); break;
    default: /* unknown: print it as written */
        put(o, '%');
        if (s->conv)
            put(o, s->conv);
    }
}

int format_v(format_emit_fn emit, void *ctx, const char *fmt, va_list ap)
{
    struct out o = {emit, ctx, 0};
    va_list args;
    va_copy(args, ap);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            put(&o, *f);
            continue;
        }
        struct spec s;
        f = parse_spec(f + 1, &s, &args);
        if (!*f)
            break;
        convert(&o, &s, &args);
    }
    va_end(args);
    return o.count;
}

struct bufctx {
    char *buf;
    size_t size, len;
};

static void buf_emit(char c, void *ctx)
{
    struct bufctx *b = ctx;
    if (b->len + 1 < b->size)
        b->buf[b->len] = c;
    b->len++;
}

int format_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct bufctx b = {buf, size, 0};
    int n = format_v(buf_emit, &b, fmt, ap);
    if (size)
        buf[b.len < size ? b.len : size - 1] = '\0';
    return n;
}

int format_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = format_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

struct chunk {
    format_write_fn write;
    void *ctx;
    size_t n;
    char buf[FORMAT_CHUNK];
};

static void chunk_emit(char c, void *ctx)
{
    struct chunk *k = ctx;
    k->buf[k->n++] = c;
    if (k->n == sizeof(k->buf)) {
        k->write(k->buf, k->n, k->ctx);
        k->n = 0;
    }
}

int format_write(format_write_fn write, void *ctx, const char *fmt, va_list ap)
{
    struct chunk k = {.write = write, .ctx = ctx, .n = 0};
    int n = format_v(chunk_emit, &k, fmt, ap);
    if (k.n)
        write(k.buf, k.n, ctx);
    return n;
}
