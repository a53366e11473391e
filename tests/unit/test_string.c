/*
 * test_string.c - proves lib/string.c (used by the kernel and the user
 * C library) meets the C standard: memcpy/memset/memmove write exactly the
 * bytes asked, at every source/destination alignment and every length
 * around the word size, and memmove is right for overlap in both
 * directions; comparisons order bytes as unsigned char and stop where they
 * must; the copying functions terminate (or, for strncpy, pad) exactly as
 * specified; searches find first/last occurrences, the terminator and
 * partial-overlap matches.
 *
 * string.c is compiled here under k_ names (the C library owns the real
 * ones) with -fno-builtin (see unit.mk); expected results come from plain
 * byte-by-byte models in this file, not from the C library.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define memcpy  k_memcpy
#define memmove k_memmove
#define memset  k_memset
#define memcmp  k_memcmp
#define strlen  k_strlen
#define strnlen k_strnlen
#define strcmp  k_strcmp
#define strncmp k_strncmp
#define strcpy  k_strcpy
#define strncpy k_strncpy
#define strlcpy k_strlcpy
#define strcat  k_strcat
#define strncat k_strncat
#define strchr  k_strchr
#define strrchr k_strrchr
#define strstr  k_strstr
#include "../../lib/string.c"

#define BUF    160
#define GUARD  0xEE
#define MAXOFF 16 /* more than any word size */
#define MAXLEN 80

static unsigned char src[BUF], dst[BUF], model[BUF];

static void fill_pattern(unsigned char *b, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 3)); /* no period of 2, 4 or 8 */
}

static void fill(unsigned char *b, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        b[i] = v;
}

static void assert_bytes_equal(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i])
            fail_msg("byte %zu: got 0x%02x, want 0x%02x", i, a[i], b[i]);
    }
}

static void memcpy_every_alignment_and_length(void **state)
{
    (void)state;
    for (size_t so = 0; so < MAXOFF; so++)
        for (size_t d = 0; d < MAXOFF; d++)
            for (size_t n = 0; n <= MAXLEN; n++) {
                fill_pattern(src, BUF, (unsigned)(so + d + n));
                fill(dst, BUF, GUARD);
                fill(model, BUF, GUARD);
                for (size_t i = 0; i < n; i++)
                    model[d + i] = src[so + i];
                assert_ptr_equal(k_memcpy(dst + d, src + so, n), dst + d);
                assert_bytes_equal(dst, model, BUF); /* guards untouched */
            }
}

static void memset_every_alignment_and_length(void **state)
{
    (void)state;
    const int values[] = {0, 0x5A, 0xFF, -1, 0x1FF, 'x', -128};
    for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++)
        for (size_t d = 0; d < MAXOFF; d++)
            for (size_t n = 0; n <= MAXLEN; n++) {
                fill(dst, BUF, GUARD);
                fill(model, BUF, GUARD);
                for (size_t i = 0; i < n; i++)
                    model[d + i] = (unsigned char)values[v]; /* converted to unsigned char */
                assert_ptr_equal(k_memset(dst + d, values[v], n), dst + d);
                assert_bytes_equal(dst, model, BUF);
            }
}

/* Both directions of overlap, no overlap, and src == dst. */
static void memmove_overlapping_both_ways(void **state)
{
    (void)state;
    unsigned char tmp[BUF];
    for (size_t a = 0; a < 2 * MAXOFF; a++)
        for (size_t b = 0; b < 2 * MAXOFF; b++)
            for (size_t n = 0; n <= 64; n++) {
                fill_pattern(dst, BUF, (unsigned)(a * 3 + b + n));
                for (size_t i = 0; i < BUF; i++)
                    model[i] = dst[i];
                for (size_t i = 0; i < n; i++)
                    tmp[i] = model[a + i];
                for (size_t i = 0; i < n; i++)
                    model[b + i] = tmp[i];
                assert_ptr_equal(k_memmove(dst + b, dst + a, n), dst + b);
                assert_bytes_equal(dst, model, BUF);
            }
}

static void memcmp_orders_unsigned_and_stops_at_n(void **state)
{
    (void)state;
    unsigned char x[40], y[40];
    fill_pattern(x, sizeof(x), 1);
    for (size_t i = 0; i < sizeof(x); i++)
        y[i] = x[i];
    assert_int_equal(k_memcmp(x, y, sizeof(x)), 0);
    assert_int_equal(k_memcmp(x, y, 0), 0);
    for (size_t pos = 0; pos < sizeof(x); pos++) {
        unsigned char keep = y[pos];
        y[pos] = (unsigned char)(x[pos] + 1);
        if (x[pos] != 0xFF) {
            assert_true(k_memcmp(x, y, sizeof(x)) < 0);
            assert_true(k_memcmp(y, x, sizeof(x)) > 0);
        }
        assert_int_equal(k_memcmp(x, y, pos), 0); /* the difference is beyond n */
        y[pos] = keep;
    }
    unsigned char hi[] = {0x80}, lo[] = {0x7F};
    assert_true(k_memcmp(hi, lo, 1) > 0); /* 0x80 is 128, not -128 */
    assert_true(k_memcmp(lo, hi, 1) < 0);
}

static void lengths(void **state)
{
    (void)state;
    assert_int_equal(k_strlen(""), 0);
    assert_int_equal(k_strlen("a"), 1);
    assert_int_equal(k_strlen("hello, world"), 12);
    assert_int_equal(k_strlen("ab\0cd"), 2);
    assert_int_equal(k_strnlen("hello", 10), 5);
    assert_int_equal(k_strnlen("hello", 5), 5);
    assert_int_equal(k_strnlen("hello", 3), 3);
    assert_int_equal(k_strnlen("hello", 0), 0);
    char unterminated[4] = {'a', 'b', 'c', 'd'};
    assert_int_equal(k_strnlen(unterminated, 4), 4); /* never reads past max */
}

static void string_comparisons(void **state)
{
    (void)state;
    assert_int_equal(k_strcmp("", ""), 0);
    assert_int_equal(k_strcmp("abc", "abc"), 0);
    assert_true(k_strcmp("abc", "abd") < 0);
    assert_true(k_strcmp("abd", "abc") > 0);
    assert_true(k_strcmp("ab", "abc") < 0); /* a prefix sorts first */
    assert_true(k_strcmp("abc", "ab") > 0);
    assert_true(k_strcmp("", "a") < 0);
    assert_true(k_strcmp("\x80", "a") > 0); /* unsigned char */
    assert_true(k_strcmp("a", "\xff") < 0);

    assert_int_equal(k_strncmp("abcdef", "abcxyz", 3), 0);
    assert_true(k_strncmp("abcdef", "abcxyz", 4) < 0);
    assert_int_equal(k_strncmp("abc", "xyz", 0), 0);
    assert_int_equal(k_strncmp("ab\0x", "ab\0y", 10), 0); /* stops at the terminator */
    assert_true(k_strncmp("ab", "abc", 3) < 0);
    assert_true(k_strncmp("\xe9", "e", 1) > 0);
}

static void strcpy_and_strncpy(void **state)
{
    (void)state;
    char b[16];
    k_memset(b, 'Z', sizeof(b));
    assert_ptr_equal(k_strcpy(b, "hi"), b);
    assert_memory_equal(b, "hi\0ZZ", 5);
    assert_ptr_equal(k_strcpy(b, ""), b);
    assert_int_equal(b[0], '\0');
    assert_int_equal(b[1], 'i');

    k_memset(b, 'Z', sizeof(b));
    assert_ptr_equal(k_strncpy(b, "ab", 6), b);
    assert_memory_equal(b, "ab\0\0\0\0ZZ", 8); /* padded with NULs to n */
    k_memset(b, 'Z', sizeof(b));
    k_strncpy(b, "abcdef", 3);
    assert_memory_equal(b, "abcZ", 4); /* not terminated when src is long */
    k_memset(b, 'Z', sizeof(b));
    k_strncpy(b, "abc", 3);
    assert_memory_equal(b, "abcZ", 4);
    k_strncpy(b, "q", 0);
    assert_int_equal(b[0], 'a');
}

static void strlcpy_truncates_and_terminates(void **state)
{
    (void)state;
    char b[8];
    k_memset(b, 'Z', sizeof(b));
    assert_int_equal(k_strlcpy(b, "hello", sizeof(b)), 5);
    assert_memory_equal(b, "hello\0ZZ", 8);
    k_memset(b, 'Z', sizeof(b));
    assert_int_equal(k_strlcpy(b, "hello world", sizeof(b)), 11); /* >= size: truncated */
    assert_memory_equal(b, "hello w\0", 8);
    k_memset(b, 'Z', sizeof(b));
    assert_int_equal(k_strlcpy(b, "1234567", sizeof(b)), 7); /* exact fit */
    assert_memory_equal(b, "1234567\0", 8);
    k_memset(b, 'Z', sizeof(b));
    assert_int_equal(k_strlcpy(b, "abc", 1), 3);
    assert_memory_equal(b, "\0Z", 2);
    assert_int_equal(k_strlcpy(b, "abc", 0), 3); /* size 0: nothing written */
    assert_memory_equal(b, "\0Z", 2);
}

static void strcat_and_strncat(void **state)
{
    (void)state;
    char b[16];
    k_memset(b, 'Z', sizeof(b));
    k_strcpy(b, "ab");
    assert_ptr_equal(k_strcat(b, "cd"), b);
    assert_memory_equal(b, "abcd\0Z", 6);
    assert_ptr_equal(k_strcat(b, ""), b);
    assert_string_equal(b, "abcd");

    k_memset(b, 'Z', sizeof(b));
    k_strcpy(b, "ab");
    assert_ptr_equal(k_strncat(b, "cdef", 2), b);
    assert_memory_equal(b, "abcd\0Z", 6); /* n bytes, then a NUL */
    k_strncat(b, "xy", 10);
    assert_memory_equal(b, "abcdxy\0Z", 8); /* src shorter than n */
    k_strncat(b, "q", 0);
    assert_string_equal(b, "abcdxy");
}

static void strchr_and_strrchr(void **state)
{
    (void)state;
    const char *s = "hello, world";
    assert_ptr_equal(k_strchr(s, 'o'), s + 4);
    assert_ptr_equal(k_strrchr(s, 'o'), s + 8);
    assert_ptr_equal(k_strchr(s, 'h'), s);
    assert_ptr_equal(k_strrchr(s, 'd'), s + 11);
    assert_null(k_strchr(s, 'z'));
    assert_null(k_strrchr(s, 'z'));
    assert_ptr_equal(k_strchr(s, '\0'), s + 12); /* the terminator is findable */
    assert_ptr_equal(k_strrchr(s, '\0'), s + 12);
    assert_ptr_equal(k_strchr(s, 0x100 + 'w'), s + 7); /* c is converted to char */
    const char *e = "caf\xe9!";
    assert_ptr_equal(k_strchr(e, 0xE9), e + 3);
    assert_ptr_equal(k_strrchr(e, 0xE9), e + 3);
    assert_null(k_strchr("", 'a'));
    assert_null(k_strrchr("", 'a'));
}

static void strstr_cases(void **state)
{
    (void)state;
    const char *h = "aaaab, abc abcd";
    assert_ptr_equal(k_strstr(h, ""), h);
    const char *empty = "";
    assert_ptr_equal(k_strstr(empty, ""), empty);
    assert_null(k_strstr("", "a"));
    assert_ptr_equal(k_strstr(h, "aaab"), h + 1); /* after a false start */
    assert_ptr_equal(k_strstr(h, "abc"), h + 7);
    assert_ptr_equal(k_strstr(h, "abcd"), h + 11);
    assert_ptr_equal(k_strstr(h, "d"), h + 14);
    assert_null(k_strstr(h, "abcde")); /* runs past the end */
    assert_null(k_strstr("ab", "abc"));
    assert_ptr_equal(k_strstr(h, h), h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memcpy_every_alignment_and_length),
        cmocka_unit_test(memset_every_alignment_and_length),
        cmocka_unit_test(memmove_overlapping_both_ways),
        cmocka_unit_test(memcmp_orders_unsigned_and_stops_at_n),
        cmocka_unit_test(lengths),
        cmocka_unit_test(string_comparisons),
        cmocka_unit_test(strcpy_and_strncpy),
        cmocka_unit_test(strlcpy_truncates_and_terminates),
        cmocka_unit_test(strcat_and_strncat),
        cmocka_unit_test(strchr_and_strrchr),
        cmocka_unit_test(strstr_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
