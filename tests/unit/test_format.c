/*
 * test_format.c - proves the printf engine (kern/lib/format.c), used by the
 * kernel and by user programs, formats like the C library for every
 * conversion, flag, width, precision and length it supports, and that
 * format_vsnprintf truncates safely and reports the full length.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../kern/lib/format.c"

#define SAME(...)                                                                 \
    do {                                                                          \
        char ours[256], libc[256];                                                \
        int a = format_snprintf(ours, sizeof(ours), __VA_ARGS__);                 \
        int b = snprintf(libc, sizeof(libc), __VA_ARGS__);                        \
        assert_string_equal(ours, libc);                                          \
        assert_int_equal(a, b);                                                   \
    } while (0)

static void integers(void **state)
{
    (void)state;
    SAME("%d %i %u", 0, -42, 42u);
    SAME("%d %d", 2147483647, (int)-2147483647 - 1);
    SAME("%x %X %o", 0xdeadbeefu, 0xabcdefu, 0755u);
    SAME("[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42);
    SAME("[%.3d] [%8.3d] [%-8.3x] [%.0d]", 7, -7, 0xa, 0);
    SAME("[%#x] [%#X] [%#o] [%#x]", 255u, 255u, 8u, 0u);
    SAME("[%*d] [%-*d] [%.*d]", 6, 12, 6, 12, 4, 12);
    SAME("%lld %llu %llx", -1234567890123LL, 18446744073709551615ULL, 0x123456789abcdefULL);
    SAME("%ld %lu %hd %hhu %zu", -5L, 5UL, (short)-3, (unsigned char)250, (size_t)77);
}

static void strings_and_chars(void **state)
{
    (void)state;
    SAME("[%s] [%10s] [%-10s] [%.2s]", "abc", "abc", "abc", "abc");
    SAME("[%c%c%c] [%3c] [%-3c]", 'x', 'y', 'z', 'q', 'r');
    SAME("100%% %s", "done");
    char buf[32];
    const char *volatile nothing = NULL; /* hide it from the format checker */
    format_snprintf(buf, sizeof(buf), "%s", nothing);
    assert_string_equal(buf, "(null)");
}

static void pointers(void **state)
{
    (void)state;
    char buf[64], want[64];
    void *p = (void *)(uintptr_t)0x1234abcd;
    format_snprintf(buf, sizeof(buf), "%p", p);
    snprintf(want, sizeof(want), "0x%0*lx", (int)(2 * sizeof(void *)), (unsigned long)(uintptr_t)p);
    assert_string_equal(buf, want);
}

static void truncation(void **state)
{
    (void)state;
    char buf[8];
    memset(buf, 'Z', sizeof(buf));
    int n = format_snprintf(buf, sizeof(buf), "hello %s", "world");
    assert_int_equal(n, 11);
    assert_string_equal(buf, "hello w");
    n = format_snprintf(buf, 0, "abc");
    assert_int_equal(n, 3);
    assert_int_equal(buf[0], 'h'); /* size 0: untouched */
    n = format_snprintf(buf, 1, "abc");
    assert_int_equal(buf[0], '\0');
}

static void unknown_conversion_is_literal(void **state)
{
    (void)state;
    char buf[32];
    const char *volatile fmt = "a%qb"; /* not a literal: the checker would refuse it */
    format_snprintf(buf, sizeof(buf), fmt);
    assert_string_equal(buf, "a%qb");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers), cmocka_unit_test(strings_and_chars), cmocka_unit_test(pointers),
        cmocka_unit_test(truncation), cmocka_unit_test(unknown_conversion_is_literal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
