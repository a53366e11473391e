/*
 * test_frame_pool.c - proves the portable frame allocator core
 * (kern/lib/frame_pool.c): a new pool has no free frame; frames become
 * free only through add_free, so holes in RAM are never handed out;
 * alloc hands out each free frame once with refcount 1 and fails with
 * -E_NOMEM when none is available; ref/unref count sharers and the last
 * unref returns the frame; reservations are promises that plain allocation
 * never takes, that fail atomically when they cannot be kept, and that
 * alloc_reserved always keeps; the accounting (free count, available)
 * holds throughout; double free, double add, out-of-range pfns and
 * unbalanced reservations trip asserts; pfns are only numbers to the pool
 * (it never touches the frames, so any range works); and a long random run
 * matches a model, with
 * frame_pool_check (which itself is shown to notice damage) after every
 * operation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../kern/lib/frame_pool.c"
#include "death_test.h"

#define FIRST 0x1000u /* pfn of the first frame: 16 MiB */
#define NF    64

static uint32_t stack[NF];
static uint16_t refs[NF];
static struct frame_pool p;

/* Frames FIRST .. FIRST+NF-1, with a hole of absent frames at 10..19. */
static int setup(void **state)
{
    (void)state;
    frame_pool_init(&p, FIRST, NF, stack, refs);
    for (uint32_t i = 0; i < NF; i++)
        if (i < 10 || i >= 20)
            frame_pool_add_free(&p, FIRST + i);
    return 0;
}

static void empty_until_added(void **state)
{
    (void)state;
    struct frame_pool q;
    uint32_t s[4];
    uint16_t r[4];
    frame_pool_init(&q, 100, 4, s, r);
    uint32_t pfn = 0xdead;
    assert_int_equal(frame_pool_free_count(&q), 0);
    assert_int_equal(frame_pool_available(&q), 0);
    assert_int_equal(frame_pool_alloc(&q, &pfn), -E_NOMEM);
    assert_int_equal(pfn, 0xdead); /* untouched on failure */
    assert_int_equal(frame_pool_reserve(&q, 1), -E_NOMEM);
    assert_int_equal(frame_pool_reserve(&q, 0), 0); /* nothing promised is always possible */
    frame_pool_add_free(&q, 102);
    assert_int_equal(frame_pool_alloc(&q, &pfn), 0);
    assert_int_equal(pfn, 102);
    assert_true(frame_pool_check(&q));
}

/* A run is the same as adding its frames one at a time, highest first:
 * the lowest comes out first; an empty run adds nothing; a run may end at
 * the pool's last frame. */
static void runs_add_like_single_frames(void **state)
{
    (void)state;
    struct frame_pool q;
    uint32_t s[8];
    uint16_t r[8];
    frame_pool_init(&q, 200, 8, s, r);
    frame_pool_add_free_range(&q, 201, 0);
    assert_int_equal(frame_pool_free_count(&q), 0);
    frame_pool_add_free_range(&q, 201, 3);
    frame_pool_add_free_range(&q, 205, 3); /* 205..207: the last frame */
    assert_int_equal(frame_pool_free_count(&q), 6);
    assert_int_equal(q.usable, 6);
    assert_true(frame_pool_check(&q));
    static const uint32_t order[] = {205, 206, 207, 201, 202, 203};
    for (unsigned i = 0; i < 6; i++) {
        uint32_t pfn;
        assert_int_equal(frame_pool_alloc(&q, &pfn), 0);
        assert_int_equal(pfn, order[i]);
    }
    uint32_t pfn;
    assert_int_equal(frame_pool_alloc(&q, &pfn), -E_NOMEM);
}

static void alloc_hands_out_each_frame_once(void **state)
{
    (void)state;
    assert_int_equal(frame_pool_free_count(&p), NF - 10);
    assert_true(frame_pool_check(&p));
    bool taken[NF] = {false};
    for (int k = 0; k < NF - 10; k++) {
        uint32_t pfn;
        assert_int_equal(frame_pool_alloc(&p, &pfn), 0);
        assert_true(pfn >= FIRST && pfn < FIRST + NF);
        uint32_t i = pfn - FIRST;
        assert_false(i >= 10 && i < 20); /* never a hole */
        assert_false(taken[i]);
        taken[i] = true;
        assert_int_equal(frame_pool_refcount(&p, pfn), 1);
        assert_int_equal(frame_pool_free_count(&p), (uint32_t)(NF - 10 - k - 1));
    }
    uint32_t pfn;
    assert_int_equal(frame_pool_alloc(&p, &pfn), -E_NOMEM);
    assert_int_equal(frame_pool_refcount(&p, FIRST + 12), 0); /* a hole reads as 0 */
    assert_true(frame_pool_check(&p));
}

static void references_and_last_unref(void **state)
{
    (void)state;
    uint32_t a;
    assert_int_equal(frame_pool_alloc(&p, &a), 0);
    uint32_t free0 = frame_pool_free_count(&p);
    frame_pool_ref(&p, a);
    frame_pool_ref(&p, a);
    assert_int_equal(frame_pool_refcount(&p, a), 3);
    assert_int_equal(frame_pool_unref(&p, a), 2);
    assert_int_equal(frame_pool_unref(&p, a), 1);
    assert_int_equal(frame_pool_free_count(&p), free0); /* still in use */
    assert_int_equal(frame_pool_unref(&p, a), 0);
    assert_int_equal(frame_pool_free_count(&p), free0 + 1);
    assert_int_equal(frame_pool_refcount(&p, a), 0);
    uint32_t b;
    assert_int_equal(frame_pool_alloc(&p, &b), 0);
    assert_int_equal(b, a); /* O(1) stack: the last freed comes back first */
    assert_true(frame_pool_check(&p));
}

static void reservations_are_kept(void **state)
{
    (void)state;
    uint32_t avail = frame_pool_available(&p); /* 54 */
    assert_int_equal(frame_pool_reserve(&p, avail - 2), 0);
    assert_int_equal(p.reserved, avail - 2);
    assert_int_equal(frame_pool_available(&p), 2);
    assert_int_equal(frame_pool_reserve(&p, 3), -E_NOMEM); /* only 2 unpromised */
    assert_int_equal(p.reserved, avail - 2);               /* and nothing changed */
    uint32_t a, b, c;
    assert_int_equal(frame_pool_alloc(&p, &a), 0);
    assert_int_equal(frame_pool_alloc(&p, &b), 0);
    assert_int_equal(frame_pool_alloc(&p, &c), -E_NOMEM); /* the rest is promised */
    assert_int_equal(frame_pool_free_count(&p), avail - 2);
    for (uint32_t k = 0; k < avail - 2; k++) {
        uint32_t f = frame_pool_alloc_reserved(&p); /* promises are kept */
        assert_true(f >= FIRST && f < FIRST + NF);
        assert_int_equal(frame_pool_refcount(&p, f), 1);
        assert_true(frame_pool_check(&p));
    }
    assert_int_equal(frame_pool_free_count(&p), 0);
    assert_int_equal(p.reserved, 0);
    frame_pool_unref(&p, a);
    assert_int_equal(frame_pool_reserve(&p, 1), 0);
    assert_int_equal(frame_pool_alloc(&p, &c), -E_NOMEM); /* promised to someone */
    frame_pool_unreserve(&p, 1);                          /* ... who changed their mind */
    assert_int_equal(frame_pool_available(&p), 1);
    assert_int_equal(frame_pool_alloc(&p, &c), 0);
    assert_int_equal(c, a);
    assert_true(frame_pool_check(&p));
}

static void pfns_are_only_numbers(void **state)
{
    (void)state;
    /* The pool never turns a pfn into an address: pfns at the very top of
     * the 32-bit range work like any others. */
    struct frame_pool q;
    uint32_t s[8];
    uint16_t r[8];
    frame_pool_init(&q, 0xFFFFFFF0u, 8, s, r);
    for (uint32_t i = 0; i < 8; i++)
        frame_pool_add_free(&q, 0xFFFFFFF0u + i);
    uint32_t pfn;
    for (int i = 0; i < 8; i++)
        assert_int_equal(frame_pool_alloc(&q, &pfn), 0);
    assert_true(frame_pool_check(&q));
}

static void check_notices_damage(void **state)
{
    (void)state;
    assert_true(frame_pool_check(&p));
    uint32_t saved = stack[0];
    stack[0] = stack[1]; /* a frame on the stack twice */
    assert_false(frame_pool_check(&p));
    stack[0] = saved;
    assert_true(frame_pool_check(&p));
    uint32_t a;
    frame_pool_alloc(&p, &a);
    refs[a - FIRST] = 0; /* in use, but looks free */
    assert_false(frame_pool_check(&p));
    refs[a - FIRST] = 1;
    assert_true(frame_pool_check(&p));
    p.reserved = p.nfree + 1;
    assert_false(frame_pool_check(&p));
}

static void do_double_free(void *arg)
{
    (void)arg;
    uint32_t a;
    frame_pool_alloc(&p, &a);
    frame_pool_unref(&p, a);
    frame_pool_unref(&p, a);
}
static void do_unref_hole(void *arg) { (void)arg, frame_pool_unref(&p, FIRST + 15); }
static void do_ref_free_frame(void *arg) { (void)arg, frame_pool_ref(&p, FIRST); }
static void do_add_twice(void *arg) { (void)arg, frame_pool_add_free(&p, FIRST + 3); }
static void do_add_run_twice(void *arg)
{
    (void)arg, frame_pool_add_free_range(&p, FIRST + 5, 6);
} /* 10 is absent */
static void do_add_run_past_end(void *arg) { (void)arg, frame_pool_add_free_range(&p, FIRST + 12, NF - 11); }
static void do_out_of_range(void *arg) { (void)arg, frame_pool_refcount(&p, FIRST + NF); }
static void do_below_range(void *arg) { (void)arg, frame_pool_unref(&p, FIRST - 1); }
static void do_alloc_reserved_without_reservation(void *arg) { (void)arg, frame_pool_alloc_reserved(&p); }
static void do_unreserve_too_many(void *arg)
{
    (void)arg;
    frame_pool_reserve(&p, 2);
    frame_pool_unreserve(&p, 3);
}

static void misuse_asserts(void **state)
{
    (void)state;
    expect_abort(do_double_free, NULL);
    expect_abort(do_unref_hole, NULL);
    expect_abort(do_ref_free_frame, NULL);
    expect_abort(do_add_twice, NULL);
    expect_abort(do_add_run_twice, NULL);
    expect_abort(do_add_run_past_end, NULL);
    expect_abort(do_out_of_range, NULL);
    expect_abort(do_below_range, NULL);
    expect_abort(do_alloc_reserved_without_reservation, NULL);
    expect_abort(do_unreserve_too_many, NULL);
    assert_true(frame_pool_check(&p));
}

static void random_operations_match_a_model(void **state)
{
    (void)state;
    uint32_t model_refs[NF] = {0};
    uint32_t reserved = 0, nfree = NF - 10;
    srand(410);
    for (int step = 0; step < 30000; step++) {
        uint32_t pfn, i = (uint32_t)rand() % NF;
        bool hole = i >= 10 && i < 20;
        switch (rand() % 6) {
        case 0: /* plain allocation */
            if (frame_pool_alloc(&p, &pfn) == 0) {
                assert_true(nfree > reserved);
                assert_int_equal(model_refs[pfn - FIRST], 0);
                model_refs[pfn - FIRST] = 1;
                nfree--;
            } else {
                assert_int_equal(nfree, reserved);
            }
            break;
        case 1: { /* reserve a few */
            uint32_t n = (uint32_t)rand() % 5;
            int r = frame_pool_reserve(&p, n);
            assert_int_equal(r == 0, nfree - reserved >= n);
            if (r == 0)
                reserved += n;
            break;
        }
        case 2: /* fill a promised frame, or give a promise back */
            if (reserved > 0 && rand() % 3) {
                pfn = frame_pool_alloc_reserved(&p);
                assert_int_equal(model_refs[pfn - FIRST], 0);
                model_refs[pfn - FIRST] = 1;
                reserved--;
                nfree--;
            } else if (reserved > 0) {
                frame_pool_unreserve(&p, 1);
                reserved--;
            }
            break;
        case 3: /* share */
            if (!hole && model_refs[i] > 0 && model_refs[i] < 5) {
                frame_pool_ref(&p, FIRST + i);
                model_refs[i]++;
            }
            break;
        default: /* drop a reference */
            if (!hole && model_refs[i] > 0) {
                assert_int_equal(frame_pool_unref(&p, FIRST + i), model_refs[i] - 1);
                if (--model_refs[i] == 0)
                    nfree++;
            }
        }
        assert_int_equal(frame_pool_free_count(&p), nfree);
        assert_int_equal(frame_pool_available(&p), nfree - reserved);
        assert_int_equal(frame_pool_refcount(&p, FIRST + i), model_refs[i]);
        assert_true(frame_pool_check(&p));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_until_added),
        cmocka_unit_test(runs_add_like_single_frames),
        cmocka_unit_test_setup(alloc_hands_out_each_frame_once, setup),
        cmocka_unit_test_setup(references_and_last_unref, setup),
        cmocka_unit_test_setup(reservations_are_kept, setup),
        cmocka_unit_test(pfns_are_only_numbers),
        cmocka_unit_test_setup(check_notices_damage, setup),
        cmocka_unit_test_setup(misuse_asserts, setup),
        cmocka_unit_test_setup(random_operations_match_a_model, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
