/*
 * test_heap.c - proves the heap allocator (lib/heap.c) hands out
 * 8-byte-aligned, non-overlapping blocks that keep their contents;
 * coalesces on free so the whole arena can be reused (largest_free is
 * really allocatable); serves aligned requests for every power of two up
 * to 4096; implements calloc/realloc semantics (overflow refused, growth
 * and shrinking in place when the neighbour allows, contents preserved);
 * grows with heap_extend, even in pieces too small to use alone; returns
 * NULL -- never crashes -- on exhaustion, size 0 and absurd sizes; asserts
 * on double and wild frees; and keeps every invariant (heap_check after
 * every operation) through long randomized runs checked against a shadow
 * model that tracks the owner of every arena byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../lib/heap.c"
#include "death_test.h"

#define ARENA (1 << 20)
static unsigned char arena[ARENA + 64] __attribute__((aligned(4096)));

static struct heap h;

static int setup(void **state)
{
    (void)state;
    heap_init(&h, arena, ARENA);
    return 0;
}

static struct heap_stats stats(const struct heap *hp)
{
    struct heap_stats s;
    heap_get_stats(hp, &s);
    return s;
}

static void fresh_heap_is_one_free_block(void **state)
{
    (void)state;
    assert_true(heap_check(&h));
    struct heap_stats s = stats(&h);
    assert_int_equal(s.allocs, 0);
    assert_int_equal(s.bytes_used, 0);
    assert_int_equal(s.bytes_total, ARENA);
    assert_true(s.largest_free > ARENA - 64 && s.largest_free < ARENA);
    void *all = heap_alloc(&h, s.largest_free); /* largest_free is exact */
    assert_non_null(all);
    assert_null(heap_alloc(&h, 1));
    memset(all, 0xA5, s.largest_free);
    assert_true(heap_check(&h));
    heap_free(&h, all);
    assert_true(heap_check(&h));
    assert_int_equal(stats(&h).largest_free, s.largest_free);
}

static void alloc_free_reuses_everything(void **state)
{
    (void)state;
    struct heap_stats s0 = stats(&h);
    void *p[100];
    for (int i = 0; i < 100; i++) {
        size_t n = (size_t)(i * 37 + 1);
        p[i] = heap_alloc(&h, n);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % HEAP_ALIGN, 0);
        memset(p[i], i, n);
        assert_true(stats(&h).bytes_used >= n);
    }
    for (int i = 0; i < 100; i++)
        for (int j = 0; j < i * 37 + 1; j++)
            assert_int_equal(((unsigned char *)p[i])[j], i);
    for (int i = 0; i < 100; i += 2) /* free in an order that needs both-side merges */
        heap_free(&h, p[i]);
    assert_true(heap_check(&h));
    for (int i = 1; i < 100; i += 2)
        heap_free(&h, p[i]);
    assert_true(heap_check(&h));
    struct heap_stats s1 = stats(&h);
    assert_int_equal(s1.allocs, 0);
    assert_int_equal(s1.bytes_used, 0);
    assert_int_equal(s1.largest_free, s0.largest_free); /* fully coalesced */
}

static void stats_track_allocations(void **state)
{
    (void)state;
    void *a = heap_alloc(&h, 100), *b = heap_alloc(&h, 1);
    struct heap_stats s = stats(&h);
    assert_int_equal(s.allocs, 2);
    assert_true(s.bytes_used >= 101 && s.bytes_used <= 101 + 2 * 64);
    heap_free(&h, a);
    assert_int_equal(stats(&h).allocs, 1);
    heap_free(&h, b);
    heap_free(&h, NULL); /* allowed, does nothing */
    assert_int_equal(stats(&h).allocs, 0);
    assert_int_equal(stats(&h).bytes_used, 0);
}

static void exhaustion_and_absurd_sizes_return_null(void **state)
{
    (void)state;
    assert_null(heap_alloc(&h, 0));
    assert_null(heap_alloc(&h, ARENA * 2));
    assert_null(heap_alloc(&h, (size_t)-1));
    assert_null(heap_alloc(&h, (size_t)-1 - 8)); /* would overflow when rounded */
    assert_null(heap_alloc(&h, SIZE_MAX / 2 + 1));
    assert_null(heap_alloc_aligned(&h, (size_t)-1, 4096));
    assert_null(heap_alloc_aligned(&h, 0, 64));
    size_t half = (size_t)1 << (sizeof(size_t) * 4);
    assert_null(heap_calloc(&h, half, half)); /* the product overflows */
    assert_null(heap_calloc(&h, (size_t)-1, 2));
    assert_null(heap_calloc(&h, SIZE_MAX / 2 + 2, 2)); /* wraps to just 2 bytes */
    assert_null(heap_calloc(&h, 0, 10));
    assert_true(heap_check(&h));
    int n = 0;
    while (heap_alloc(&h, 1000))
        n++;
    assert_true(n > ARENA / 1100);
    assert_null(heap_alloc(&h, 1000));
    assert_null(heap_alloc_aligned(&h, 1000, 4096));
    assert_true(heap_check(&h));
    assert_int_equal(stats(&h).allocs, (size_t)n);
}

static void aligned_allocation_every_power_of_two(void **state)
{
    (void)state;
    void *small = heap_alloc(&h, 24); /* so the arena start is not aligned for free */
    for (size_t align = 1; align <= 4096; align *= 2) {
        void *p[6];
        for (int i = 0; i < 6; i++) {
            size_t size = (size_t)(i * 333 + 1);
            p[i] = heap_alloc_aligned(&h, size, align);
            assert_non_null(p[i]);
            assert_int_equal((uintptr_t)p[i] % align, 0);
            assert_int_equal((uintptr_t)p[i] % HEAP_ALIGN, 0);
            memset(p[i], 0xAB, size);
            assert_true(heap_check(&h));
        }
        for (int i = 0; i < 6; i++)
            heap_free(&h, p[i]);
        assert_true(heap_check(&h));
    }
    /* Kernel stacks: page aligned, in a fragmented heap. */
    void *frag[64], *stacks[8];
    for (int i = 0; i < 64; i++)
        frag[i] = heap_alloc(&h, (size_t)(i % 7) * 100 + 50);
    for (int i = 0; i < 64; i += 2)
        heap_free(&h, frag[i]);
    for (int i = 0; i < 8; i++) {
        stacks[i] = heap_alloc_aligned(&h, 8192, 4096);
        assert_non_null(stacks[i]);
        assert_int_equal((uintptr_t)stacks[i] % 4096, 0);
        memset(stacks[i], i, 8192);
    }
    assert_true(heap_check(&h));
    for (int i = 0; i < 8; i++)
        heap_free(&h, stacks[i]);
    for (int i = 1; i < 64; i += 2)
        heap_free(&h, frag[i]);
    heap_free(&h, small);
    assert_true(heap_check(&h));
    assert_int_equal(stats(&h).allocs, 0);
}

static void calloc_zeroes(void **state)
{
    (void)state;
    unsigned char *p = heap_alloc(&h, 64);
    memset(p, 0x5A, 64);
    heap_free(&h, p);
    unsigned char *z = heap_calloc(&h, 16, 4); /* likely the same, dirty block */
    assert_non_null(z);
    for (int i = 0; i < 64; i++)
        assert_int_equal(z[i], 0);
    heap_free(&h, z);
    assert_true(heap_check(&h));
}

static void realloc_semantics(void **state)
{
    (void)state;
    unsigned char *p = heap_realloc(&h, NULL, 64); /* NULL: allocates */
    assert_non_null(p);
    for (int i = 0; i < 64; i++)
        p[i] = (unsigned char)i;
    unsigned char *blocker = heap_alloc(&h, 16); /* p cannot grow in place */
    unsigned char *q = heap_realloc(&h, p, 5000);
    assert_non_null(q);
    assert_ptr_not_equal(q, p);
    for (int i = 0; i < 64; i++)
        assert_int_equal(q[i], i);
    assert_true(heap_check(&h));
    /* A failed realloc leaves the block alone. */
    assert_null(heap_realloc(&h, q, ARENA * 2));
    assert_null(heap_realloc(&h, q, (size_t)-1));
    for (int i = 0; i < 64; i++)
        assert_int_equal(q[i], i);
    assert_null(heap_realloc(&h, q, 0)); /* size 0: frees */
    heap_free(&h, blocker);
    assert_true(heap_check(&h));
    assert_int_equal(stats(&h).allocs, 0);
}

static void realloc_in_place(void **state)
{
    (void)state;
    unsigned char *a = heap_alloc(&h, 100);
    unsigned char *b = heap_alloc(&h, 100);
    unsigned char *c = heap_alloc(&h, 100);
    memset(b, 7, 100);
    heap_free(&h, c); /* b's right neighbour is free: b can grow in place */
    assert_ptr_equal(heap_realloc(&h, b, 3000), b);
    for (int i = 0; i < 100; i++)
        assert_int_equal(b[i], 7);
    memset(b, 8, 3000);
    assert_true(heap_check(&h));
    size_t used = stats(&h).bytes_used;
    assert_ptr_equal(heap_realloc(&h, b, 10), b); /* shrinking never moves */
    assert_true(stats(&h).bytes_used < used);     /* the tail went back */
    for (int i = 0; i < 10; i++)
        assert_int_equal(b[i], 8);
    assert_true(heap_check(&h));
    assert_ptr_equal(heap_realloc(&h, b, 12), b); /* fits the rounded block */
    heap_free(&h, a);
    heap_free(&h, b);
    assert_true(heap_check(&h));
    assert_int_equal(stats(&h).allocs, 0);
}

static void extend_grows_the_arena(void **state)
{
    (void)state;
    static unsigned char small[8 * 4096] __attribute__((aligned(16)));
    struct heap g;
    heap_init(&g, small, 4096);
    assert_null(heap_alloc(&g, 6000));
    assert_int_equal(heap_extend(&g, 2 * 4096), 0);
    assert_true(heap_check(&g));
    void *p = heap_alloc(&g, 6000); /* needs the old and new space merged */
    assert_non_null(p);
    memset(p, 1, 6000);
    assert_true(heap_check(&g));
    /* Growth behind an allocated block, in pieces too small to be a block
     * on their own: nothing is lost, it all becomes usable. */
    void *fill = heap_alloc(&g, stats(&g).largest_free);
    assert_non_null(fill);
    assert_int_equal(stats(&g).largest_free, 0);
    for (int i = 0; i < 16; i++) {
        assert_int_equal(heap_extend(&g, 8), 0);
        assert_true(heap_check(&g));
    }
    assert_int_equal(stats(&g).bytes_total, 3 * 4096 + 16 * 8);
    assert_true(stats(&g).largest_free >= 128 - 64);
    assert_non_null(heap_alloc(&g, 64));
    assert_true(heap_check(&g));
    assert_int_equal(heap_extend(&g, (size_t)-1), -E_INVAL); /* would wrap: refused */
    assert_int_equal(stats(&g).bytes_total, 3 * 4096 + 16 * 8);
    assert_true(heap_check(&g));
}

static void unaligned_arena(void **state)
{
    (void)state;
    struct heap g;
    for (int off = 1; off < 16; off++) {
        heap_init(&g, arena + off, 4096 + (size_t)off);
        assert_true(heap_check(&g));
        void *p = heap_alloc(&g, 100);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % HEAP_ALIGN, 0);
        assert_true((unsigned char *)p >= arena + off);
        void *q = heap_alloc(&g, stats(&g).largest_free);
        assert_non_null(q); /* everything inside the given range */
        assert_true((unsigned char *)q + stats(&g).largest_free <= arena + off + 4096 + off);
        assert_true(heap_check(&g));
    }
    heap_init(&g, arena + 3, HEAP_MIN_ARENA); /* the smallest arena allowed still works */
    assert_non_null(heap_alloc(&g, 8));
    assert_true(heap_check(&g));
}

static void do_double_free(void *arg)
{
    (void)arg;
    void *p = heap_alloc(&h, 100);
    heap_free(&h, p);
    heap_free(&h, p);
}

static void do_double_free_after_merge(void *arg)
{
    (void)arg;
    void *a = heap_alloc(&h, 100), *b = heap_alloc(&h, 100);
    heap_alloc(&h, 100);
    heap_free(&h, a);
    heap_free(&h, b); /* b's header is swallowed by a */
    heap_free(&h, b);
}

static void do_free_interior(void *arg)
{
    (void)arg;
    char *p = heap_alloc(&h, 100);
    heap_free(&h, p + 16);
}

static void do_free_foreign(void *arg)
{
    (void)arg;
    static char elsewhere[64];
    heap_free(&h, elsewhere + 16);
}

/* A pointer into the middle of a block, behind a forged header whose size
 * and footer are plausible: only the check word tells it apart. */
static void do_free_forged_header(void *arg)
{
    (void)arg;
    char *p = heap_alloc(&h, 1000);
    struct heap_block *fake = (struct heap_block *)(p + 256);
    fake->size_flags = 64 | ALLOCATED;
    fake->check = 0x12345678;
    *footer(fake) = fake->size_flags;
    heap_free(&h, (char *)fake + HDR);
}

static void do_realloc_freed(void *arg)
{
    (void)arg;
    void *p = heap_alloc(&h, 100);
    heap_free(&h, p);
    heap_realloc(&h, p, 200);
}

static void do_bad_alignment(void *arg)
{
    (void)arg;
    heap_alloc_aligned(&h, 100, 48);
}

static void do_overrun_then_free(void *arg)
{
    (void)arg;
    char *p = heap_alloc(&h, 24);
    char *q = heap_alloc(&h, 24);
    memset(p, 'x', 64); /* runs over q's header */
    heap_free(&h, q);
}

static void bad_frees_are_caught(void **state)
{
    (void)state;
    expect_abort(do_double_free, NULL);
    expect_abort(do_double_free_after_merge, NULL);
    expect_abort(do_free_interior, NULL);
    expect_abort(do_free_foreign, NULL);
    expect_abort(do_free_forged_header, NULL);
    expect_abort(do_realloc_freed, NULL);
    expect_abort(do_bad_alignment, NULL);
    expect_abort(do_overrun_then_free, NULL);
    assert_true(heap_check(&h)); /* the children's damage stayed in the children */
}

static void check_notices_corruption(void **state)
{
    (void)state;
    char *p = heap_alloc(&h, 40);
    char *q = heap_alloc(&h, 40);
    assert_true(heap_check(&h));
    struct heap_block *b = (struct heap_block *)(p - HDR);
    size_t saved = b->size_flags;
    b->size_flags += HEAP_ALIGN; /* a header that no longer matches */
    assert_false(heap_check(&h));
    b->size_flags = saved;
    assert_true(heap_check(&h));

    size_t *f = footer(b);
    saved = *f;
    *f = 0; /* an overrun into the footer */
    assert_false(heap_check(&h));
    *f = saved;
    assert_true(heap_check(&h));

    heap_free(&h, q); /* q now starts the free tail */
    struct heap_block *fb = (struct heap_block *)(q - HDR);
    assert_false(is_alloc(fb));
    struct heap_block *link = fb->next;
    fb->next = (struct heap_block *)(arena + 8); /* a wild free-list link */
    assert_false(heap_check(&h));
    fb->next = fb; /* a cycle: must not hang */
    assert_false(heap_check(&h));
    fb->next = link;
    assert_true(heap_check(&h));
}

/* ---- randomized, against a shadow model ---- */

#define SLOTS 300
struct slot {
    unsigned char *p;
    size_t len;
    unsigned char tag;
};

static uint64_t rng_state;
static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33);
}

/* owner[i]: 1 + the slot owning arena byte i, or 0. */
static uint16_t owner[ARENA];

static void claim(const struct slot *s, int idx)
{
    assert_true(s->p >= arena && s->p + s->len <= arena + ARENA);
    size_t off = (size_t)(s->p - arena);
    for (size_t k = 0; k < s->len; k++) {
        if (owner[off + k])
            fail_msg("slot %d overlaps slot %d at offset %zu", idx, owner[off + k] - 1, off + k);
        owner[off + k] = (uint16_t)(idx + 1);
    }
}

static void unclaim(const struct slot *s) { memset(owner + (s->p - arena), 0, s->len * sizeof(owner[0])); }

static void verify(const struct slot *s)
{
    for (size_t k = 0; k < s->len; k++) {
        if (s->p[k] != s->tag)
            fail_msg("block %p lost its contents at byte %zu", (void *)s->p, k);
    }
}

static size_t random_size(void)
{
    switch (rnd() % 8) {
    case 0: return rnd() % 16 + 1;
    case 1: return rnd() % 20000 + 1;
    default: return rnd() % 600 + 1;
    }
}

static void place(struct slot *s, int idx, unsigned char *p, size_t len, size_t align)
{
    if (!p) {
        s->p = NULL;
        return;
    }
    assert_int_equal((uintptr_t)p % align, 0);
    s->p = p;
    s->len = len;
    s->tag = (unsigned char)rnd();
    claim(s, idx);
    memset(p, s->tag, len);
}

static void random_run(uint64_t seed, int steps)
{
    static struct slot slots[SLOTS];
    memset(slots, 0, sizeof(slots));
    memset(owner, 0, sizeof(owner));
    rng_state = seed;
    heap_init(&h, arena, ARENA);
    for (int step = 0; step < steps; step++) {
        int i = (int)(rnd() % SLOTS);
        struct slot *s = &slots[i];
        if (!s->p) {
            size_t len = random_size();
            unsigned op = rnd() % 10;
            if (op == 0) {
                size_t align = (size_t)1 << (rnd() % 13);
                place(s, i, heap_alloc_aligned(&h, len, align), len, align);
            } else if (op == 1) {
                size_t n = rnd() % 16 + 1, each = len / n + 1;
                unsigned char *p = heap_calloc(&h, n, each);
                if (p)
                    for (size_t k = 0; k < n * each; k++)
                        assert_int_equal(p[k], 0);
                place(s, i, p, n * each, HEAP_ALIGN);
            } else {
                place(s, i, heap_alloc(&h, len), len, HEAP_ALIGN);
            }
        } else {
            verify(s);
            unclaim(s);
            if (rnd() % 3 == 0) {
                size_t len = random_size();
                unsigned char *q = heap_realloc(&h, s->p, len);
                if (q) {
                    size_t keep = len < s->len ? len : s->len;
                    for (size_t k = 0; k < keep; k++)
                        assert_int_equal(q[k], s->tag);
                    place(s, i, q, len, HEAP_ALIGN);
                } else {
                    claim(s, i); /* failed: the old block is intact */
                    verify(s);
                }
            } else {
                heap_free(&h, s->p);
                s->p = NULL;
            }
        }
        if (!heap_check(&h))
            fail_msg("heap_check failed after step %d (seed %llu)", step, (unsigned long long)seed);
        size_t live = 0;
        for (int k = 0; k < SLOTS; k++)
            live += slots[k].p != NULL;
        assert_int_equal(stats(&h).allocs, live);
    }
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p) {
            verify(&slots[i]);
            heap_free(&h, slots[i].p);
        }
    }
    assert_true(heap_check(&h));
    assert_int_equal(stats(&h).allocs, 0);
    assert_int_equal(stats(&h).bytes_used, 0);
    heap_init(&h, arena, ARENA);
}

static void randomized_against_shadow(void **state)
{
    (void)state;
    struct heap_stats fresh = stats(&h);
    for (uint64_t seed = 1; seed <= 4; seed++)
        random_run(seed * 0x9e3779b97f4a7c15ull, 15000);
    /* Everything freed: the arena is one block again. */
    assert_int_equal(stats(&h).largest_free, fresh.largest_free);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(fresh_heap_is_one_free_block, setup),
        cmocka_unit_test_setup(alloc_free_reuses_everything, setup),
        cmocka_unit_test_setup(stats_track_allocations, setup),
        cmocka_unit_test_setup(exhaustion_and_absurd_sizes_return_null, setup),
        cmocka_unit_test_setup(aligned_allocation_every_power_of_two, setup),
        cmocka_unit_test_setup(calloc_zeroes, setup),
        cmocka_unit_test_setup(realloc_semantics, setup),
        cmocka_unit_test_setup(realloc_in_place, setup),
        cmocka_unit_test_setup(extend_grows_the_arena, setup),
        cmocka_unit_test_setup(unaligned_arena, setup),
        cmocka_unit_test_setup(bad_frees_are_caught, setup),
        cmocka_unit_test_setup(check_notices_corruption, setup),
        cmocka_unit_test_setup(randomized_against_shadow, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
