/*
 * test_cow.c - proves the copy-on-write reservation rule (kern/mm/cow.h)
 * over the real frame pool (kern/lib/frame_pool.c), with frame.h's calls
 * made directly on one pool as kern/mm/frame.c makes them:
 *   - sharing a writable frame promises the copy its new sharer may need;
 *     a read-only one promises nothing;
 *   - sharing fails with -E_NOMEM, changing nothing, when that copy cannot
 *     be promised (exactly at the last available frame);
 *   - dropping a sharer gives one promise back, the last sharer's drop
 *     frees the frame and gives none;
 *   - a write by the last sharer keeps its frame and copies nothing; a
 *     write by any other gets a copy of the contents in the promised frame,
 *     even with every unpromised frame taken (a COW fault cannot fail);
 *   - after every step of a long random run of forks, writes and unmaps
 *     over several address spaces (a model of their mappings) the
 *     invariant holds: reservations = sum over writable frames of
 *     (refcount - 1), each frame's refcount is its number of mappings, and
 *     frame_pool_check passes; unmapping everything returns every frame
 *     and every promise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../kern/lib/frame_pool.c"

#define FIRST_PFN 0x1000u
#define NF        32
#define PAGE      4096u

static uint32_t stack[NF];
static uint16_t refs[NF];
static struct frame_pool pool;
/* Each frame's contents, so a copy can be seen: one word per frame. */
static uint32_t contents[NF];
static int copies;

static uint32_t pfn_of(uint32_t pa) { return pa / PAGE; }
static uint32_t *word(uint32_t pa) { return &contents[pfn_of(pa) - FIRST_PFN]; }

/* frame.h over the one pool (kern/mm/frame.c adds only interrupt masking;
 * cow.h uses the calls made with interrupts already off). */
int frame_alloc(uint32_t *pa)
{
    uint32_t pfn;
    int r = frame_pool_alloc(&pool, &pfn);
    if (r == 0)
        *pa = pfn * PAGE;
    return r;
}
int frame_reserve_locked(uint32_t n) { return frame_pool_reserve(&pool, n); }
void frame_unreserve_locked(uint32_t n) { frame_pool_unreserve(&pool, n); }
uint32_t frame_alloc_reserved_locked(void) { return frame_pool_alloc_reserved(&pool) * PAGE; }
void frame_ref_locked(uint32_t pa) { frame_pool_ref(&pool, pfn_of(pa)); }
uint32_t frame_unref_locked(uint32_t pa) { return frame_pool_unref(&pool, pfn_of(pa)); }
uint32_t frame_refcount_locked(uint32_t pa) { return frame_pool_refcount(&pool, pfn_of(pa)); }
static uint32_t frame_refcount(uint32_t pa) { return frame_refcount_locked(pa); }

#include "mm/cow.h"

/* One page as vm.c's runs handle it: promise (if writable), then share;
 * drop, then give the freed promise back. */
static int share(uint32_t f, bool writable)
{
    if (cow_promise(writable ? 1 : 0) < 0)
        return -E_NOMEM;
    cow_share(f);
    return 0;
}
static void drop(uint32_t f, bool writable) { cow_return(cow_drop(f, writable)); }

static void copy_frame(uint32_t dst, uint32_t src)
{
    *word(dst) = *word(src);
    copies++;
}

static int setup(void **state)
{
    (void)state;
    frame_pool_init(&pool, FIRST_PFN, NF, stack, refs);
    for (uint32_t i = 0; i < NF; i++)
        frame_pool_add_free(&pool, FIRST_PFN + i);
    memset(contents, 0, sizeof(contents));
    copies = 0;
    return 0;
}

static uint32_t new_frame(uint32_t value)
{
    uint32_t pa;
    assert_int_equal(frame_alloc(&pa), 0);
    *word(pa) = value;
    return pa;
}

static void share_writable_promises_a_copy(void **state)
{
    (void)state;
    uint32_t f = new_frame(7);
    assert_int_equal(share(f, true), 0);
    assert_int_equal(frame_refcount(f), 2);
    assert_int_equal(pool.reserved, 1);
    assert_int_equal(share(f, true), 0); /* a grandchild */
    assert_int_equal(frame_refcount(f), 3);
    assert_int_equal(pool.reserved, 2);
    assert_true(frame_pool_check(&pool));
}

static void share_readonly_promises_nothing(void **state)
{
    (void)state;
    uint32_t f = new_frame(7);
    assert_int_equal(share(f, false), 0);
    assert_int_equal(frame_refcount(f), 2);
    assert_int_equal(pool.reserved, 0);
    drop(f, false);
    assert_int_equal(frame_refcount(f), 1);
    assert_int_equal(pool.reserved, 0);
}

/* The last available frame can still be promised; one more cannot, and the
 * refused share changes nothing.  Read-only sharing needs no frame. */
static void share_fails_atomically_at_the_last_frame(void **state)
{
    (void)state;
    uint32_t f = new_frame(7);
    while (frame_pool_available(&pool) > 1)
        new_frame(0);
    assert_int_equal(share(f, true), 0); /* takes the last promise */
    assert_int_equal(frame_pool_available(&pool), 0);
    assert_int_equal(share(f, true), -E_NOMEM);
    assert_int_equal(frame_refcount(f), 2);
    assert_int_equal(pool.reserved, 1);
    assert_int_equal(share(f, false), 0);
    assert_int_equal(frame_refcount(f), 3);
    assert_true(frame_pool_check(&pool));
}

static void drop_gives_a_promise_back_unless_last(void **state)
{
    (void)state;
    uint32_t f = new_frame(7);
    uint32_t free0 = frame_pool_free_count(&pool);
    assert_int_equal(share(f, true), 0);
    drop(f, true);
    assert_int_equal(frame_refcount(f), 1);
    assert_int_equal(pool.reserved, 0);
    drop(f, true); /* the last sharer: the frame goes free, no promise to return */
    assert_int_equal(frame_refcount(f), 0);
    assert_int_equal(pool.reserved, 0);
    assert_int_equal(frame_pool_free_count(&pool), free0 + 1);
    assert_true(frame_pool_check(&pool));
}

static void write_by_last_sharer_keeps_the_frame(void **state)
{
    (void)state;
    uint32_t f = new_frame(7);
    assert_int_equal(share(f, true), 0);
    drop(f, true);
    assert_int_equal(cow_break(f, copy_frame), f);
    assert_int_equal(copies, 0);
    assert_int_equal(frame_refcount(f), 1);
    assert_int_equal(pool.reserved, 0);
}

/* With every unpromised frame taken the copy still succeeds: it uses the
 * promise cow_share made. */
static void write_by_a_sharer_copies_into_the_promise(void **state)
{
    (void)state;
    uint32_t f = new_frame(42);
    assert_int_equal(share(f, true), 0);
    while (frame_pool_available(&pool) > 0)
        new_frame(0);
    uint32_t mine = cow_break(f, copy_frame);
    assert_int_not_equal(mine, f);
    assert_int_equal(copies, 1);
    assert_int_equal(*word(mine), 42);
    assert_int_equal(frame_refcount(mine), 1);
    assert_int_equal(frame_refcount(f), 1);
    assert_int_equal(pool.reserved, 0);
    assert_int_equal(cow_break(f, copy_frame), f); /* the other sharer is now alone */
    assert_int_equal(copies, 1);
    assert_true(frame_pool_check(&pool));
}

/* ------------------------------------------------------------ random run */

#define SPACES 6
#define PAGES  4

/* The model: which frame each address space maps at each page (0: none),
 * and whether the page is writable (same in every copy, as fork copies). */
static uint32_t map[SPACES][PAGES];
static bool live[SPACES];
static bool writable[PAGES] = {true, true, false, true};

static void check_invariant(void)
{
    uint32_t promised = 0;
    for (uint32_t i = 0; i < NF; i++) {
        uint32_t pa = (FIRST_PFN + i) * PAGE;
        uint32_t n = 0;
        bool w = false;
        for (int s = 0; s < SPACES; s++)
            for (int p = 0; p < PAGES; p++)
                if (live[s] && map[s][p] == pa) {
                    n++;
                    w = writable[p];
                }
        assert_int_equal(frame_refcount(pa), n);
        if (w && n > 0)
            promised += n - 1;
    }
    assert_int_equal(pool.reserved, promised);
    assert_true(frame_pool_check(&pool));
}

static void space_start(int s)
{
    live[s] = true;
    for (int p = 0; p < PAGES; p++) {
        uint32_t pa = 0;
        if (frame_alloc(&pa) == 0) /* out of memory: that page stays unmapped */
            *word(pa) = (uint32_t)(s * 100 + p);
        map[s][p] = pa;
    }
}

static void space_fork(int parent, int child)
{
    live[child] = true;
    for (int p = 0; p < PAGES; p++) {
        if (!map[parent][p]) {
            map[child][p] = 0;
            continue;
        }
        int r = share(map[parent][p], writable[p]);
        map[child][p] = r == 0 ? map[parent][p] : 0; /* out of memory: that page is not shared */
    }
}

static void space_write(int s, int p)
{
    if (!map[s][p] || !writable[p])
        return;
    uint32_t before = *word(map[s][p]);
    map[s][p] = cow_break(map[s][p], copy_frame);
    assert_int_equal(*word(map[s][p]), before); /* the copy holds what was there */
    *word(map[s][p]) = before + 1;              /* and is the writer's own */
}

static void space_unmap(int s, int p)
{
    if (map[s][p])
        drop(map[s][p], writable[p]);
    map[s][p] = 0;
}

static void space_end(int s)
{
    for (int p = 0; p < PAGES; p++)
        space_unmap(s, p);
    live[s] = false;
}

static void random_run_keeps_the_invariant(void **state)
{
    (void)state;
    srand(410);
    memset(map, 0, sizeof(map));
    memset(live, 0, sizeof(live));
    space_start(0);
    check_invariant();
    for (int step = 0; step < 20000; step++) {
        int s = rand() % SPACES, t = rand() % SPACES, p = rand() % PAGES;
        switch (rand() % 4) {
        case 0:
            if (live[s] && !live[t])
                space_fork(s, t);
            break;
        case 1:
            if (live[s])
                space_write(s, p);
            break;
        case 2:
            if (live[s])
                space_unmap(s, p);
            break;
        default:
            if (live[s] && s != 0)
                space_end(s);
            else if (!live[s])
                space_start(s);
            break;
        }
        check_invariant();
    }
    for (int s = 0; s < SPACES; s++)
        if (live[s])
            space_end(s);
    check_invariant();
    assert_int_equal(pool.reserved, 0);
    assert_int_equal(frame_pool_free_count(&pool), NF);
}

/* A run promises all its copies in one call, or none: with 2 frames
 * available a run of 3 writable pages promises nothing (vm.c then fails
 * the fork with nothing half-shared). */
static void a_runs_promise_is_all_or_nothing(void **state)
{
    (void)state;
    while (frame_pool_available(&pool) > 2)
        new_frame(0);
    assert_int_equal(cow_promise(3), -E_NOMEM);
    assert_int_equal(pool.reserved, 0);
    assert_int_equal(cow_promise(2), 0);
    assert_int_equal(pool.reserved, 2);
    assert_int_equal(frame_pool_available(&pool), 0);
    cow_return(2);
    assert_int_equal(pool.reserved, 0);
    assert_true(frame_pool_check(&pool));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(share_writable_promises_a_copy, setup),
        cmocka_unit_test_setup(a_runs_promise_is_all_or_nothing, setup),
        cmocka_unit_test_setup(share_readonly_promises_nothing, setup),
        cmocka_unit_test_setup(share_fails_atomically_at_the_last_frame, setup),
        cmocka_unit_test_setup(drop_gives_a_promise_back_unless_last, setup),
        cmocka_unit_test_setup(write_by_last_sharer_keeps_the_frame, setup),
        cmocka_unit_test_setup(write_by_a_sharer_copies_into_the_promise, setup),
        cmocka_unit_test_setup(random_run_keeps_the_invariant, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
