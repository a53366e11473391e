/*
 * test_heap.c - proves the heap allocator (kern/lib/heap.c) hands out
 * aligned, non-overlapping blocks that keep their contents, coalesces on
 * free so memory can be reused in full, supports aligned allocation (kernel
 * stacks), calloc/realloc semantics, growth with heap_extend, returns NULL
 * (never crashes) on exhaustion and absurd sizes, and keeps every invariant
 * (heap_check) through a long randomized run against a shadow model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../kern/lib/heap.c"

#define ARENA (1 << 20)
static unsigned char arena[ARENA + 4096] __attribute__((aligned(16)));

static struct heap h;

static int setup(void **state)
{
    (void)state;
    heap_init(&h, arena, ARENA);
    return 0;
}

static void alloc_free_reuses_everything(void **state)
{
    (void)state;
    struct heap_stats s0, s1;
    heap_get_stats(&h, &s0);
    void *p[100];
    for (int i = 0; i < 100; i++) {
        p[i] = heap_alloc(&h, (size_t)(i * 37 + 1));
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % ALIGN, 0);
        memset(p[i], i, (size_t)(i * 37 + 1));
    }
    for (int i = 0; i < 100; i++)
        for (int j = 0; j < i * 37 + 1; j++)
            assert_int_equal(((unsigned char *)p[i])[j], i);
    for (int i = 0; i < 100; i += 2)
        heap_free(&h, p[i]);
    for (int i = 1; i < 100; i += 2)
        heap_free(&h, p[i]);
    assert_true(heap_check(&h));
    heap_get_stats(&h, &s1);
    assert_int_equal(s1.allocs, 0);
    assert_int_equal(s1.bytes_used, 0);
    assert_int_equal(s1.largest_free, s0.largest_free); /* fully coalesced */
    void *big = heap_alloc(&h, s0.largest_free - 64);
    assert_non_null(big);
    heap_free(&h, big);
}

static void exhaustion_and_absurd_sizes_return_null(void **state)
{
    (void)state;
    assert_null(heap_alloc(&h, 0));
    assert_null(heap_alloc(&h, ARENA * 2));
    assert_null(heap_alloc(&h, (size_t)-1));
    assert_null(heap_calloc(&h, (size_t)1 << (sizeof(size_t) * 4), (size_t)1 << (sizeof(size_t) * 4)));
    int n = 0;
    while (heap_alloc(&h, 1000))
        n++;
    assert_true(n > ARENA / 1100);
    assert_null(heap_alloc(&h, 1000));
    assert_true(heap_check(&h));
}

static void aligned_allocation(void **state)
{
    (void)state;
    void *small = heap_alloc(&h, 24);
    void *stacks[8];
    for (int i = 0; i < 8; i++) {
        stacks[i] = heap_alloc_aligned(&h, 8192, 4096);
        assert_non_null(stacks[i]);
        assert_int_equal((uintptr_t)stacks[i] % 4096, 0);
        memset(stacks[i], 0xAB, 8192);
    }
    assert_true(heap_check(&h));
    for (int i = 0; i < 8; i++)
        heap_free(&h, stacks[i]);
    heap_free(&h, small);
    assert_true(heap_check(&h));
    struct heap_stats s;
    heap_get_stats(&h, &s);
    assert_int_equal(s.allocs, 0);
}

static void calloc_and_realloc(void **state)
{
    (void)state;
    unsigned char *p = heap_alloc(&h, 64);
    memset(p, 0x5A, 64);
    heap_free(&h, p);
    unsigned char *z = heap_calloc(&h, 16, 4);
    for (int i = 0; i < 64; i++)
        assert_int_equal(z[i], 0);
    for (int i = 0; i < 64; i++)
        z[i] = (unsigned char)i;
    unsigned char *bigger = heap_realloc(&h, z, 5000);
    assert_non_null(bigger);
    for (int i = 0; i < 64; i++)
        assert_int_equal(bigger[i], i);
    assert_null(heap_realloc(&h, bigger, 0));
    assert_true(heap_check(&h));
}

static void extend_grows_the_arena(void **state)
{
    (void)state;
    static unsigned char small[3 * 4096 + 4096] __attribute__((aligned(16)));
    struct heap g;
    heap_init(&g, small, 4096);
    assert_null(heap_alloc(&g, 6000));
    assert_int_equal(heap_extend(&g, 2 * 4096), 0);
    void *p = heap_alloc(&g, 6000); /* needs the old and new space merged */
    assert_non_null(p);
    assert_true(heap_check(&g));
}

static void randomized_against_shadow(void **state)
{
    (void)state;
    enum { SLOTS = 256 };
    unsigned char *ptr[SLOTS] = {0};
    size_t len[SLOTS] = {0};
    unsigned char tag[SLOTS] = {0};
    srand(410);
    for (int step = 0; step < 20000; step++) {
        int i = rand() % SLOTS;
        if (ptr[i]) {
            for (size_t k = 0; k < len[i]; k++)
                assert_int_equal(ptr[i][k], tag[i]);
            if (rand() % 3 == 0) {
                size_t nl = (size_t)(rand() % 3000) + 1;
                unsigned char *q = heap_realloc(&h, ptr[i], nl);
                if (q) {
                    for (size_t k = 0; k < (nl < len[i] ? nl : len[i]); k++)
                        assert_int_equal(q[k], tag[i]);
                    memset(q, tag[i], nl);
                    ptr[i] = q;
                    len[i] = nl;
                }
            } else {
                heap_free(&h, ptr[i]);
                ptr[i] = NULL;
            }
        } else {
            len[i] = (size_t)(rand() % 4000) + 1;
            ptr[i] = (rand() % 8 == 0) ? heap_alloc_aligned(&h, len[i], 256) : heap_alloc(&h, len[i]);
            if (ptr[i]) {
                tag[i] = (unsigned char)rand();
                memset(ptr[i], tag[i], len[i]);
            }
        }
        if (step % 97 == 0)
            assert_true(heap_check(&h));
    }
    for (int i = 0; i < SLOTS; i++)
        heap_free(&h, ptr[i]);
    assert_true(heap_check(&h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(alloc_free_reuses_everything, setup),
        cmocka_unit_test_setup(exhaustion_and_absurd_sizes_return_null, setup),
        cmocka_unit_test_setup(aligned_allocation, setup),
        cmocka_unit_test_setup(calloc_and_realloc, setup),
        cmocka_unit_test_setup(extend_grows_the_arena, setup),
        cmocka_unit_test_setup(randomized_against_shadow, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
