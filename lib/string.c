/*
 * string.c - memory and string functions (see string.h).
 *
 * memcpy, memmove and memset move a machine word at a time once the
 * pointers are word-aligned: they are on fork's and exec's paths.  On x86
 * the aligned middle of a forward copy or a fill is one `rep movsl` /
 * `rep stosl`: as fast as the word loop in wall time under QEMU TCG, and
 * one counted instruction instead of several per word.
 * Word accesses go through a may_alias type, so the compiler cannot assume
 * they do not touch the caller's objects.  The build passes gcc
 * -fno-tree-loop-distribute-patterns so it never turns these loops back
 * into calls to themselves; clang does not when freestanding.
 */
#include "lib/string.h"

#include <stdint.h>

typedef uintptr_t __attribute__((__may_alias__)) word_t;
#define WORD      sizeof(word_t)
#define WORD_MASK ((uintptr_t)WORD - 1)

/* True when a and b are equally far from a word boundary, so that after a
 * few single bytes both are aligned at once. */
static int same_alignment(const void *a, const void *b)
{
    return (((uintptr_t)a ^ (uintptr_t)b) & WORD_MASK) == 0;
}

#if defined(__i386__) || defined(__x86_64__)
/* Copy the whole dwords of n bytes forward (DF is clear: the ABI says so);
 * returns the bytes left over (< 4). */
static size_t copy_dwords(unsigned char **d, const unsigned char **s, size_t n)
{
    size_t count = n / 4;
    __asm__ volatile("rep movsl" : "+D"(*d), "+S"(*s), "+c"(count) : : "memory");
    return n % 4;
}

/* Fill the whole dwords of n bytes with the dword w; returns the bytes left. */
static size_t fill_dwords(unsigned char **d, uint32_t w, size_t n)
{
    size_t count = n / 4;
    __asm__ volatile("rep stosl" : "+D"(*d), "+c"(count) : "a"(w) : "memory");
    return n % 4;
}
#else
static size_t copy_dwords(unsigned char **d, const unsigned char **s, size_t n)
{
    for (; n >= WORD; n -= WORD, *d += WORD, *s += WORD)
        *(word_t *)*d = *(const word_t *)*s;
    return n;
}

static size_t fill_dwords(unsigned char **d, uint32_t w, size_t n)
{
    word_t ww = (word_t)w * ((word_t)-1 / 0xFFFFFFFFu); /* w in every dword */
    for (; n >= WORD; n -= WORD, *d += WORD)
        *(word_t *)*d = ww;
    return n;
}
#endif

/* Forward copy; safe for overlap only when dst < src (memmove relies on it). */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    if (same_alignment(d, s)) {
        for (; n > 0 && ((uintptr_t)d & WORD_MASK); n--)
            *d++ = *s++;
        n = copy_dwords(&d, &s, n);
    }
    for (; n > 0; n--)
        *d++ = *s++;
}

/* Backward copy from the ends; safe for overlap when dst > src. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
    d += n;
    s += n;
    if (same_alignment(d, s)) {
        for (; n > 0 && ((uintptr_t)d & WORD_MASK); n--)
            *--d = *--s;
        for (; n >= WORD; n -= WORD) {
            d -= WORD;
            s -= WORD;
            *(word_t *)d = *(const word_t *)s;
        }
    }
    for (; n > 0; n--)
        *--d = *--s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    copy_forward(dst, src, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    uintptr_t d = (uintptr_t)dst, s = (uintptr_t)src;
    if (d - s >= n) /* dst before src, or no overlap at all */
        copy_forward(dst, src, n);
    else
        copy_backward(dst, src, n);
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    unsigned char b = (unsigned char)c;
    for (; n > 0 && ((uintptr_t)d & WORD_MASK); n--)
        *d++ = b;
    n = fill_dwords(&d, (uint32_t)0x01010101u * b, n); /* b in every byte */
    for (; n > 0; n--)
        *d++ = b;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return x[i] - y[i];
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    while (*x && *x == *y) {
        x++;
        y++;
    }
    return *x - *y;
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return x[i] - y[i];
        if (!x[i])
            return 0;
    }
    return 0;
}

char *strcpy(char *dst, const char *src)
{
    size_t i = 0;
    while ((dst[i] = src[i]))
        i++;
    return dst;
}

char *strncpy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = '\0';
    return dst;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    if (size == 0)
        return len;
    size_t n = len < size - 1 ? len : size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return len;
}

char *strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

char *strncat(char *dst, const char *src, size_t n)
{
    char *d = dst + strlen(dst);
    size_t i = 0;
    for (; i < n && src[i]; i++)
        d[i] = src[i];
    d[i] = '\0';
    return dst;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return (char *)haystack;
    for (; *haystack; haystack++) {
        if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    }
    return NULL;
}
