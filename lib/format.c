/*
 * format.c - printf-style formatting (see format.h).
 *
 * One conversion at a time: parse_spec() reads "%[flags][width][.prec]
 * [length]conv" into a struct spec, convert() fetches the argument with the
 * width the length modifier names, and emit_integer()/emit_chars() write
 * sign, prefix, padding and digits in the order the flags ask for.
 * No state outside the call: reentrant, safe in interrupt handlers.
 */
#include "lib/format.h"

#include "lib/div64.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
    const char *start; /* the '%' */
    const char *end;   /* the conversion character (or the NUL ending fmt) */
    bool left, zero, plus, space, alt;
    int width;     /* 0: none */
    int precision; /* < 0: none */
    char length;   /* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z', 't', 'j' */
};

struct out {
    format_emit_fn emit;
    void *ctx;
    size_t count;
};

static void put(struct out *o, char c)
{
    o->emit(c, o->ctx);
    o->count++;
}

static void put_n(struct out *o, char c, int n)
{
    for (; n > 0; n--)
        put(o, c);
}

static int clamp_field(long long v) { return v > FORMAT_MAX_FIELD ? FORMAT_MAX_FIELD : (int)v; }

/* A decimal field; never overflows (values are capped). */
static int parse_decimal(const char **f)
{
    long long v = 0;
    for (; **f >= '0' && **f <= '9'; (*f)++) {
        v = v * 10 + (**f - '0');
        if (v > FORMAT_MAX_FIELD)
            v = FORMAT_MAX_FIELD + 1;
    }
    return clamp_field(v);
}

static const char *parse_flags(const char *f, struct spec *s)
{
    for (;; f++) {
        switch (*f) {
        case '-': s->left = true; break;
        case '0': s->zero = true; break;
        case '+': s->plus = true; break;
        case ' ': s->space = true; break;
        case '#': s->alt = true; break;
        default: return f;
        }
    }
}

static const char *parse_width(const char *f, struct spec *s, va_list *ap)
{
    if (*f != '*') {
        s->width = parse_decimal(&f);
        return f;
    }
    long long w = va_arg(*ap, int);
    if (w < 0) { /* a negative * width means left-justify */
        s->left = true;
        w = -w;
    }
    s->width = clamp_field(w);
    return f + 1;
}

static const char *parse_precision(const char *f, struct spec *s, va_list *ap)
{
    if (*f != '.')
        return f;
    f++;
    if (*f != '*') {
        s->precision = parse_decimal(&f); /* "." alone means 0 */
        return f;
    }
    int p = va_arg(*ap, int);
    s->precision = p < 0 ? -1 : clamp_field(p); /* negative: as if omitted */
    return f + 1;
}

static const char *parse_length(const char *f, struct spec *s)
{
    switch (*f) {
    case 'h': s->length = f[1] == 'h' ? 'H' : 'h'; return f + (f[1] == 'h' ? 2 : 1);
    case 'l': s->length = f[1] == 'l' ? 'L' : 'l'; return f + (f[1] == 'l' ? 2 : 1);
    case 'z':
    case 't':
    case 'j': s->length = *f; return f + 1;
    default: return f;
    }
}

/* f points at '%'.  Fills s; s->end is the conversion character. */
static void parse_spec(const char *f, struct spec *s, va_list *ap)
{
    *s = (struct spec){.start = f, .precision = -1};
    f = parse_flags(f + 1, s);
    f = parse_width(f, s, ap);
    f = parse_precision(f, s, ap);
    s->end = parse_length(f, s);
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
    case 't': return (size_t)va_arg(*ap, ptrdiff_t); /* same width, unsigned */
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
    case 'z': return (ptrdiff_t)va_arg(*ap, size_t); /* the signed size_t */
    case 't': return va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
    }
}

/* [pad][sign][prefix][zero pad][precision zeros]digits[pad] */
static void emit_integer(struct out *o, const struct spec *s, unsigned long long v, char sign, unsigned base,
                         const char *prefix)
{
    const char *digits = *s->end == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24]; /* 2^64 - 1 has 22 octal digits */
    int n = 0;
    for (uint32_t digit; v != 0; buf[n++] = digits[digit])
        v = div64_small(v, base, &digit);
    int zeros = s->precision > n ? s->precision - n : 0;
    if (n == 0 && s->precision < 0)
        zeros = 1; /* the value 0; precision 0 prints no digit at all */
    if (s->alt && base == 8 && zeros == 0)
        zeros = 1; /* %#o: the first digit is a 0 */
    int plen = 0;
    while (prefix[plen])
        plen++;
    int body = (sign ? 1 : 0) + plen + zeros + n;
    int padn = s->width > body ? s->width - body : 0;
    bool zero_pad = s->zero && !s->left && s->precision < 0;
    if (!s->left && !zero_pad)
        put_n(o, ' ', padn);
    if (sign)
        put(o, sign);
    for (int i = 0; i < plen; i++)
        put(o, prefix[i]);
    if (zero_pad)
        put_n(o, '0', padn);
    put_n(o, '0', zeros);
    while (n > 0)
        put(o, buf[--n]);
    if (s->left)
        put_n(o, ' ', padn);
}

static void emit_chars(struct out *o, const struct spec *s, const char *str, int n)
{
    int padn = s->width > n ? s->width - n : 0;
    if (!s->left)
        put_n(o, ' ', padn);
    for (int i = 0; i < n; i++)
        put(o, str[i]);
    if (s->left)
        put_n(o, ' ', padn);
}

static void emit_string(struct out *o, const struct spec *s, const char *str)
{
    if (!str)
        str = "(null)";
    int n = 0; /* never reads past precision: the array need not be terminated */
    while ((s->precision < 0 || n < s->precision) && str[n])
        n++;
    emit_chars(o, s, str, n);
}

/* The spec exactly as written, for conversions we do not know. */
static void emit_literal(struct out *o, const struct spec *s)
{
    for (const char *p = s->start; p < s->end; p++)
        put(o, *p);
    if (*s->end)
        put(o, *s->end);
}

static void emit_signed(struct out *o, const struct spec *s, long long v)
{
    unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    char sign = v < 0 ? '-' : s->plus ? '+' : s->space ? ' ' : 0;
    emit_integer(o, s, mag, sign, 10, "");
}

static void emit_hex(struct out *o, const struct spec *s, unsigned long long v)
{
    const char *prefix = "";
    if (s->alt && v != 0)
        prefix = *s->end == 'X' ? "0X" : "0x";
    emit_integer(o, s, v, 0, 16, prefix);
}

static void emit_pointer(struct out *o, struct spec *s, const void *p)
{
    if (s->precision < 0)
        s->precision = 2 * (int)sizeof(void *);
    emit_integer(o, s, (uintptr_t)p, 0, 16, "0x");
}

static void convert(struct out *o, struct spec *s, va_list *ap)
{
    switch (*s->end) {
    case 'd':
    case 'i': emit_signed(o, s, fetch_signed(s, ap)); break;
    case 'u': emit_integer(o, s, fetch_unsigned(s, ap), 0, 10, ""); break;
    case 'o': emit_integer(o, s, fetch_unsigned(s, ap), 0, 8, ""); break;
    case 'x':
    case 'X': emit_hex(o, s, fetch_unsigned(s, ap)); break;
    case 'p': emit_pointer(o, s, va_arg(*ap, const void *)); break;
    case 's': emit_string(o, s, va_arg(*ap, const char *)); break;
    case 'c': {
        char c = (char)va_arg(*ap, int);
        emit_chars(o, s, &c, 1);
        break;
    }
    case '%': put(o, '%'); break;
    default: emit_literal(o, s); break;
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
        parse_spec(f, &s, &args);
        convert(&o, &s, &args);
        if (!*s.end)
            break; /* fmt ended inside a spec */
        f = s.end;
    }
    va_end(args);
    return o.count > INT32_MAX ? INT32_MAX : (int)o.count;
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
    if (size > 0)
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
    if (k.n > 0)
        write(k.buf, k.n, ctx);
    return n;
}
