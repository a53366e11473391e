/*
 * stdlib.c - exit, abort, number parsing, pseudo-random numbers.
 */
#include <stdlib.h>

#include <ctype.h>
#include <simics.h>
#include <stdio.h>
#include <syscall.h>

void exit(int status)
{
    set_status(status);
    vanish();
}

void abort(void)
{
    printf("abort() called\n");
    lprintf("abort() called by task %d", gettid());
    task_vanish(-2);
}

static int digit_value(int c)
{
    if (isdigit(c))
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* Parse the magnitude; *neg tells the sign.  Handles base 0 (auto), 8,
 * 10, 16 with optional 0x prefix; overflow saturates. */
static unsigned long parse(const char *s, char **end, int base, int *neg)
{
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    *neg = 0;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
        isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    unsigned long v = 0;
    const char *digits = p;
    int overflow = 0;
    for (; digit_value((unsigned char)*p) < base; p++) {
        unsigned long next = v * (unsigned long)base + (unsigned long)digit_value((unsigned char)*p);
        if (next / (unsigned long)base != v)
            overflow = 1;
        v = next;
    }
    if (end)
        *end = (char *)(p == digits ? s : p);
    return overflow ? (unsigned long)-1 : v;
}

long strtol(const char *s, char **end, int base)
{
    int neg;
    unsigned long v = parse(s, end, base, &neg);
    if (neg)
        return v > 0x80000000ul ? (long)0x80000000ul : -(long)v;
    return v > 0x7ffffffful ? 0x7fffffffl : (long)v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    int neg;
    unsigned long v = parse(s, end, base, &neg);
    return neg ? 0ul - v : v;
}

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }

static unsigned int rand_state = 1;

void srand(unsigned int seed) { rand_state = seed; }

int rand(void)
{
    rand_state = rand_state * 1103515245u + 12345u;
    return (int)((rand_state >> 1) & RAND_MAX);
}

/* Swap two elements of `size` bytes. */
static void swap_bytes(char *a, char *b, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        char t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

/* Heapsort: O(n log n) in the worst case, no recursion, no allocation. */
static void sift_down(char *base, size_t root, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (cmp(base + root * size, base + child * size) >= 0)
            return;
        swap_bytes(base + root * size, base + child * size, size);
        root = child;
    }
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char *b = base;
    for (size_t i = n / 2; i-- > 0;)
        sift_down(b, i, n, size, cmp);
    for (size_t end = n; end-- > 1;) {
        swap_bytes(b, b + end * size, size);
        sift_down(b, 0, end, size, cmp);
    }
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *))
{
    const char *b = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(key, b + mid * size);
        if (c == 0)
            return (void *)(b + mid * size);
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
