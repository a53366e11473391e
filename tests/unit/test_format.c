/*
 * test_format.c - proves the printf engine (lib/format.c), used by the
 * kernel and by user programs, formats exactly like the C library for every
 * conversion, flag, width, precision (also *) and length modifier it
 * supports -- in hand-picked edge cases and in 200000 random single
 * conversions -- and that our own choices hold: %p is 0x plus zero-padded
 * lowercase hex, %s of NULL is "(null)", unknown conversions and a trailing
 * '%' print literally, widths are capped; format_vsnprintf truncates safely
 * at every buffer size and returns the full length; format_write hands out
 * the same text in chunks of at most FORMAT_CHUNK bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../lib/format.c"

/* Ours and the C library's agree on text and length.  The format goes
 * through a volatile pointer: many cases combine flags on purpose in ways
 * gcc's format checker calls redundant. */
#define SAME(fmt, ...)                                                                                       \
    do {                                                                                                     \
        const char *volatile f_ = (fmt);                                                                     \
        char ours[512], libc[512];                                                                           \
        int a = format_snprintf(ours, sizeof(ours), f_, __VA_ARGS__);                                        \
        int b = snprintf(libc, sizeof(libc), f_, __VA_ARGS__);                                               \
        assert_string_equal(ours, libc);                                                                     \
        assert_int_equal(a, b);                                                                              \
    } while (0)

/* Format with a format string the compiler cannot check (for the cases
 * that are deliberately not standard). */
static int fmt_nonliteral(char *buf, size_t size, const char *volatile fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = format_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static void integers(void **state)
{
    (void)state;
    SAME("%d %i %u", 0, -42, 42u);
    SAME("%d %d", 2147483647, (int)-2147483647 - 1);
    SAME("%x %X %o", 0xdeadbeefu, 0xabcdefu, 0755u);
    SAME("[%5d] [%-5d] [%05d] [%+d] [% d] [%+ d] [%-+5d]", 42, 42, 42, 42, 42, 42, 42);
    SAME("[%05d] [%+05d] [% 05d] [%-05d]", -42, 42, 42, -42);
    SAME("[%.3d] [%8.3d] [%-8.3x] [%.0d] [%5.0d] [%.0x] [%08.3d]", 7, -7, 0xa, 0, 0, 0u, 5);
    SAME("[%#x] [%#X] [%#o] [%#x] [%#o] [%#.0o] [%#5o] [%#08x] [%#-8x]", 255u, 255u, 8u, 0u, 0u, 0u, 8u, 255u,
         255u);
    SAME("[%#.3o] [%#.5x] [%#010o]", 8u, 0x1fu, 8u);
    SAME("[%+u] [% u] [%+x] [% o]", 5u, 5u, 5u, 5u); /* sign flags do nothing unsigned */
    SAME("[%*d] [%-*d] [%.*d] [%*.*d] [%*d] [%.*d]", 6, 12, 6, 12, 4, 12, 7, 3, 5, -6, 12, -1, 12);
    SAME("%lld %llu %llx %llo", -1234567890123LL, 18446744073709551615ULL, 0x123456789abcdefULL, 01777ULL);
    SAME("%lld %lld", (long long)INT64_MIN, (long long)INT64_MAX);
    SAME("%ld %lu %lx %hd %hu %hhd %hhu %hhx", -5L, 5UL, 0xfffffffful, (short)-3, (unsigned short)65535,
         (signed char)-100, (unsigned char)250, (unsigned char)0xab);
    SAME("%hd %hhd %hu %hhu", 70000, 200, 70000, 300); /* converted to the short/char type */
    SAME("%zu %zd %zx %td %tu %tx %jd %ju", (size_t)77, (ssize_t)-1, (size_t)-1, (ptrdiff_t)-9, (ptrdiff_t)9,
         (ptrdiff_t)-1, (intmax_t)INT64_MIN, (uintmax_t)UINT64_MAX);
    SAME("%i|%5i|%-5i|%.2i", -1, -1, -1, -1);
}

static void strings_and_chars(void **state)
{
    (void)state;
    SAME("[%s] [%10s] [%-10s] [%.2s] [%.0s] [%10.2s] [%-6.3s|] [%s]", "abc", "abc", "abc", "abc", "abc",
         "abc", "abcdef", "");
    SAME("[%*s] [%-*s] [%.*s] [%.*s]", 5, "ab", 5, "ab", 1, "ab", -1, "ab");
    SAME("[%c%c%c] [%3c] [%-3c] [%c]", 'x', 'y', 'z', 'q', 'r', 0xE9);
    SAME("100%% %s %%%d%%", "done", 5);
    char arr[3] = {'a', 'b', 'c'}; /* not terminated: precision must stop the read */
    SAME("%.3s|%.2s", arr, arr);
}

static void string_null_and_nul_char(void **state)
{
    (void)state;
    char buf[32];
    const char *volatile nothing = NULL; /* hide it from the format checker */
    assert_int_equal(format_snprintf(buf, sizeof(buf), "%s", nothing), 6);
    assert_string_equal(buf, "(null)");
    format_snprintf(buf, sizeof(buf), "[%8s]", nothing);
    assert_string_equal(buf, "[  (null)]");
    /* A NUL character is still one character of output. */
    memset(buf, 'Z', sizeof(buf));
    assert_int_equal(format_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
    assert_memory_equal(buf, "a\0b\0", 4);
    assert_int_equal(format_snprintf(buf, sizeof(buf), "%3c|", 0), 4);
    assert_memory_equal(buf, "  \0|", 4);
}

static void pointers(void **state)
{
    (void)state;
    char buf[64], want[64];
    int digits = (int)(2 * sizeof(void *)); /* 8 on the kernel: like 0x%08x */
    void *p = (void *)(uintptr_t)0x1234abcd;
    format_snprintf(buf, sizeof(buf), "%p", p);
    snprintf(want, sizeof(want), "0x%0*lx", digits, (unsigned long)(uintptr_t)p);
    assert_string_equal(buf, want);
    format_snprintf(buf, sizeof(buf), "%p", NULL);
    snprintf(want, sizeof(want), "0x%0*d", digits, 0);
    assert_string_equal(buf, want);
    format_snprintf(buf, sizeof(buf), "[%-*p]", digits + 4, (void *)(uintptr_t)0xabc);
    snprintf(want, sizeof(want), "[0x%0*x  ]", digits, 0xabc);
    assert_string_equal(buf, want);
    format_snprintf(buf, sizeof(buf), "%p", (void *)(uintptr_t)0xDEADBEEF);
    assert_non_null(strstr(buf, "deadbeef")); /* lowercase */
}

static void unknown_conversions_print_literally(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(fmt_nonliteral(buf, sizeof(buf), "a%qb"), 4);
    assert_string_equal(buf, "a%qb");
    fmt_nonliteral(buf, sizeof(buf), "[%-5.2q] %d", 7);
    assert_string_equal(buf, "[%-5.2q] 7"); /* flags and all; no argument eaten */
    fmt_nonliteral(buf, sizeof(buf), "%lf %n %d", 3);
    assert_string_equal(buf, "%lf %n 3"); /* no floating point, and never %n */
    assert_int_equal(fmt_nonliteral(buf, sizeof(buf), "50%"), 3);
    assert_string_equal(buf, "50%"); /* a trailing % */
    fmt_nonliteral(buf, sizeof(buf), "x%-08");
    assert_string_equal(buf, "x%-08"); /* fmt ends inside a spec */
}

static void widths_are_capped(void **state)
{
    (void)state;
    static char buf[3 * FORMAT_MAX_FIELD];
    assert_int_equal(fmt_nonliteral(buf, sizeof(buf), "%*d", 1000000, 1), FORMAT_MAX_FIELD);
    assert_int_equal(fmt_nonliteral(buf, sizeof(buf), "%*d", (int)-2147483647 - 1, 1), FORMAT_MAX_FIELD);
    assert_int_equal(buf[0], '1'); /* negative width: left-justified */
    assert_int_equal(fmt_nonliteral(buf, sizeof(buf), "%99999999999999999999d", 1), FORMAT_MAX_FIELD);
    assert_int_equal(fmt_nonliteral(buf, sizeof(buf), "%.*d", 1 << 30, 1), FORMAT_MAX_FIELD);
    assert_int_equal(fmt_nonliteral(buf, sizeof(buf), "%.99999999999s", "abc"), 3);
}

static void truncation_at_every_size(void **state)
{
    (void)state;
    char full[64], buf[80];
    int len = format_snprintf(full, sizeof(full), "x=%d s=%s %#x", -123, "hello", 0xbeefu);
    assert_int_equal(len, (int)strlen(full));
    for (size_t size = 0; size <= (size_t)len + 2; size++) {
        memset(buf, 'Z', sizeof(buf));
        int n = format_snprintf(buf, size, "x=%d s=%s %#x", -123, "hello", 0xbeefu);
        assert_int_equal(n, len); /* always the full length */
        size_t kept = size == 0 ? 0 : (size - 1 < (size_t)len ? size - 1 : (size_t)len);
        assert_memory_equal(buf, full, kept);
        if (size > 0)
            assert_int_equal(buf[kept], '\0');
        for (size_t i = size; i < sizeof(buf); i++)
            assert_int_equal(buf[i], 'Z'); /* nothing written past size */
    }
    assert_int_equal(format_snprintf(NULL, 0, "%d", 12345), 5); /* size 0: buf may be NULL */
}

struct collect {
    char text[4096];
    size_t len;
    int calls;
    size_t biggest;
};

static void collect_write(const char *buf, size_t n, void *ctx)
{
    struct collect *c = ctx;
    assert_true(n > 0 && n <= FORMAT_CHUNK);
    assert_true(c->len + n < sizeof(c->text));
    memcpy(c->text + c->len, buf, n);
    c->len += n;
    c->calls++;
    if (n > c->biggest)
        c->biggest = n;
}

static int write_via_chunks(struct collect *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = format_write(collect_write, c, fmt, ap);
    va_end(ap);
    return n;
}

static void format_write_chunks(void **state)
{
    (void)state;
    struct collect c = {.len = 0};
    char want[4096];
    int n = write_via_chunks(&c, "%s|%700d|%-300s|%u", "start", 42, "left", 7u);
    int m = snprintf(want, sizeof(want), "%s|%700d|%-300s|%u", "start", 42, "left", 7u);
    assert_int_equal(n, m);
    assert_int_equal(c.len, (size_t)m);
    assert_memory_equal(c.text, want, (size_t)m);
    assert_int_equal(c.biggest, FORMAT_CHUNK);
    assert_int_equal(c.calls, (m + FORMAT_CHUNK - 1) / FORMAT_CHUNK); /* few, full pieces */
    struct collect empty = {.len = 0};
    assert_int_equal(write_via_chunks(&empty, "%s", ""), 0);
    assert_int_equal(empty.calls, 0); /* nothing to write, no call */
}

struct counter {
    int n;
};

static void count_emit(char ch, void *ctx)
{
    (void)ch;
    ((struct counter *)ctx)->n++;
}

static int count_v(struct counter *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = format_v(count_emit, c, fmt, ap);
    va_end(ap);
    return n;
}

static void format_v_calls_emit_once_per_char(void **state)
{
    (void)state;
    struct counter c = {0};
    assert_int_equal(count_v(&c, "%5d%s%c", 1, "abc", 'x'), 9);
    assert_int_equal(c.n, 9);
}

/* ---- random differential test against the C library ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A random 64-bit value with interesting magnitudes. */
static uint64_t rand_value(void)
{
    switch (next_rand() % 6) {
    case 0: return 0;
    case 1: return next_rand() % 10;
    case 2: return 0 - next_rand() % 1000; /* small negative */
    case 3: return next_rand() >> (next_rand() % 64);
    case 4: return (uint64_t)1 << (next_rand() % 64);
    default: return next_rand();
    }
}

/* A random single conversion of type conv with length modifier `length`:
 * only flag combinations C defines for that conversion. */
static void random_spec(char *fmt, char conv, const char *length)
{
    char *f = fmt;
    *f++ = '%';
    bool text = conv == 'c' || conv == 's';
    bool decimal = conv == 'd' || conv == 'i' || conv == 'u';
    const char *flags = "-0+ #";
    for (int i = 0; i < 5; i++) {
        if (next_rand() % 4 != 0)
            continue;
        if ((text && flags[i] != '-') || (decimal && flags[i] == '#'))
            continue; /* undefined in C */
        *f++ = flags[i];
    }
    if (next_rand() % 2)
        f += sprintf(f, "%d", (int)(next_rand() % 30));
    if (conv != 'c' && next_rand() % 2)
        f += sprintf(f, ".%d", (int)(next_rand() % 25));
    sprintf(f, "%s%c", length, conv);
}

struct both {
    char ours[256], libc[256];
    int a, b;
};

/* An expression, so it can sit in either arm of ?: */
#define BOTH(r, fmt, arg)                                                                                    \
    ((r)->a = format_snprintf((r)->ours, sizeof((r)->ours), fmt, arg),                                       \
     (r)->b = snprintf((r)->libc, sizeof((r)->libc), fmt, arg))

/* Format v, converted to the type `length` names (index into the list
 * below), with ours and with the C library's. */
static void format_integer(struct both *r, const char *fmt, int length, bool sgn, uint64_t v)
{
    switch (length) {
    case 0: /* "": int; also hh and h, which take an int too */
    case 1:
    case 2: sgn ? BOTH(r, fmt, (int)v) : BOTH(r, fmt, (unsigned)v); break;
    case 3: sgn ? BOTH(r, fmt, (long)v) : BOTH(r, fmt, (unsigned long)v); break;
    case 4: sgn ? BOTH(r, fmt, (long long)v) : BOTH(r, fmt, (unsigned long long)v); break;
    case 5: sgn ? BOTH(r, fmt, (ssize_t)v) : BOTH(r, fmt, (size_t)v); break;
    case 6: BOTH(r, fmt, (ptrdiff_t)v); break;
    default: sgn ? BOTH(r, fmt, (intmax_t)v) : BOTH(r, fmt, (uintmax_t)v); break;
    }
}

static void random_conversions_match_libc(void **state)
{
    (void)state;
    static const char *const lengths[] = {"", "hh", "h", "l", "ll", "z", "t", "j"};
    static const char convs[] = "diuxXocs";
    static const char *const strs[] = {"", "a", "hello", "a longer string with spaces"};
    char fmt[64];
    struct both r;
    for (int iter = 0; iter < 200000; iter++) {
        char conv = convs[next_rand() % (sizeof(convs) - 1)];
        int length = (conv == 'c' || conv == 's') ? 0 : (int)(next_rand() % 8);
        random_spec(fmt, conv, lengths[length]);
        uint64_t v = rand_value();
        if (conv == 's')
            BOTH(&r, fmt, strs[v % 4]);
        else if (conv == 'c')
            BOTH(&r, fmt, (int)(v % 255 + 1));
        else
            format_integer(&r, fmt, length, conv == 'd' || conv == 'i', v);
        if (r.a != r.b || strcmp(r.ours, r.libc) != 0)
            fail_msg("format \"%s\" value %llu: ours \"%s\" (%d), libc \"%s\" (%d)", fmt,
                     (unsigned long long)v, r.ours, r.a, r.libc, r.b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers),
        cmocka_unit_test(strings_and_chars),
        cmocka_unit_test(string_null_and_nul_char),
        cmocka_unit_test(pointers),
        cmocka_unit_test(unknown_conversions_print_literally),
        cmocka_unit_test(widths_are_capped),
        cmocka_unit_test(truncation_at_every_size),
        cmocka_unit_test(format_write_chunks),
        cmocka_unit_test(format_v_calls_emit_once_per_char),
        cmocka_unit_test(random_conversions_match_libc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
