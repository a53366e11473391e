/*
 * libc_extra.c - the user C library's sorting, searching and token
 * functions behave as in C: qsort sorts (random, sorted, reversed, equal
 * keys, odd element sizes), bsearch finds every present key and no absent
 * one, strtok splits on runs of delimiters, strdup copies, strspn/strcspn/
 * strpbrk/memchr find what they should.
 */
#include <string.h>

#include "test.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

struct rec {
    char name[7]; /* odd size: 11 bytes in all */
    int key;
} __attribute__((packed));

static int cmp_rec(const void *a, const void *b)
{
    return cmp_int(&((const struct rec *)a)->key, &((const struct rec *)b)->key);
}

static void check_sorted_ints(int *v, int n, long sum, const char *what)
{
    long s = 0;
    for (int i = 0; i < n; i++) {
        s += v[i];
        if (i && v[i - 1] > v[i])
            TEST_FAIL("libc_extra: qsort %s: out of order at %d", what, i);
    }
    CHECK(s == sum, "qsort keeps every element");
}

static void test_qsort(void)
{
    static int v[1000];
    const char *what[] = {"random", "sorted", "reversed", "few keys"};
    for (int kind = 0; kind < 4; kind++) {
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            v[i] = kind == 0 ? rand() % 100000 : kind == 1 ? i : kind == 2 ? 1000 - i : rand() % 3;
            sum += v[i];
        }
        qsort(v, 1000, sizeof(int), cmp_int);
        check_sorted_ints(v, 1000, sum, what[kind]);
    }
    qsort(v, 0, sizeof(int), cmp_int); /* empty: nothing happens */
    static struct rec r[257];
    for (int i = 0; i < 257; i++) {
        r[i].key = (i * 7919) % 257;
        snprintf(r[i].name, sizeof(r[i].name), "r%d", r[i].key);
    }
    qsort(r, 257, sizeof(struct rec), cmp_rec);
    for (int i = 0; i < 257; i++) {
        char want[7];
        snprintf(want, sizeof(want), "r%d", i);
        CHECK(r[i].key == i && strcmp(r[i].name, want) == 0, "qsort moves whole 11-byte records");
    }
}

static void test_bsearch(void)
{
    static int v[500];
    for (int i = 0; i < 500; i++)
        v[i] = 2 * i;
    for (int k = -1; k <= 1000; k++) {
        int *p = bsearch(&k, v, 500, sizeof(int), cmp_int);
        if (k >= 0 && k % 2 == 0 && k < 1000)
            CHECK(p && *p == k, "bsearch finds a present key");
        else
            CHECK(p == NULL, "bsearch misses an absent key");
    }
}

static void test_strings(void)
{
    char buf[] = ",,alpha, beta,,gamma ,";
    const char *want[] = {"alpha", "beta", "gamma"};
    int n = 0;
    for (char *t = strtok(buf, ", "); t; t = strtok(NULL, ", ")) {
        CHECK(n < 3 && strcmp(t, want[n]) == 0, "strtok token");
        n++;
    }
    CHECK(n == 3, "strtok finds three tokens");
    char empty[] = " ,, ";
    CHECK(strtok(empty, ", ") == NULL, "strtok of only delimiters");

    char *d = strdup("pebbles");
    CHECK(d && strcmp(d, "pebbles") == 0, "strdup copies");
    free(d);
    CHECK(strspn("aabbcx", "ab") == 4 && strcspn("hello, world", ",") == 5, "strspn/strcspn");
    CHECK(strspn("", "a") == 0 && strcspn("abc", "") == 3, "strspn/strcspn edge cases");
    const char *s = "find the x here";
    CHECK(strpbrk(s, "xyz") == s + 9 && strpbrk(s, "q") == NULL, "strpbrk");
    CHECK(memchr(s, 'x', 15) == s + 9 && memchr(s, 'x', 9) == NULL, "memchr stops at n");
}

int main(void)
{
    TEST_START("libc_extra");
    srand(410);
    test_qsort();
    test_bsearch();
    test_strings();
    TEST_PASS();
}
