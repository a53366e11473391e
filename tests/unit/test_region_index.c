/*
 * test_region_index.c - proves the region index (kern/mm/region_index.c),
 * which every page fault, new_pages and remove_pages search: a lookup
 * finds the region holding an address exactly up to its last byte and not
 * one past it, also for neighbours that touch, a region at address 0 and
 * one that ends at 2^32; the overlap test is exact at both ends of a
 * range; insert returns the neighbour below (what vm.c links its sorted
 * list after); an overlapping insert asserts; the hint never outlives a
 * removal and follows bounds changed in place (the stack growing down);
 * the tree stays AVL-balanced (height within the AVL bound, about 1.44 log2 n) under sorted
 * inserts and removals; and long random runs match a page-by-page model,
 * with region_index_check (itself shown to notice damage) after every step.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../kern/mm/region_index.c"
#include "death_test.h"

#define PG PAGE_SIZE

static struct region make(uint32_t start, uint32_t pages)
{
    return (struct region){.start = start, .pages = pages, .kind = REGION_NEWPAGES};
}

/* ix = an index of the n regions rs[], inserted in that order. */
static void index_of(struct region_index *ix, struct region *const *rs, int n)
{
    region_index_init(ix);
    for (int i = 0; i < n; i++)
        region_index_insert(ix, rs[i]);
}

static void empty_index_finds_nothing(void **state)
{
    (void)state;
    struct region_index ix;
    region_index_init(&ix);
    assert_null(region_index_find(&ix, 0));
    assert_null(region_index_find(&ix, 0xFFFFFFFFu));
    assert_false(region_index_overlaps(&ix, 0, 1ull << 32));
    assert_true(region_index_check(&ix));
}

static void lookup_is_exact_at_both_ends(void **state)
{
    (void)state;
    struct region_index ix;
    /* b touches a: a's end is b's start */
    struct region a = make(0x10000, 2), b = make(0x12000, 1), low = make(0, 1), top = make(0xFFFFF000u, 1);
    index_of(&ix, (struct region *[]){&a, &b, &low, &top}, 4);
    assert_true(region_index_check(&ix));

    assert_null(region_index_find(&ix, 0xFFFF));           /* one below a */
    assert_ptr_equal(region_index_find(&ix, 0x10000), &a); /* a's first byte */
    assert_ptr_equal(region_index_find(&ix, 0x11FFF), &a); /* a's last byte */
    assert_ptr_equal(region_index_find(&ix, 0x12000), &b); /* one past a: b's first */
    assert_ptr_equal(region_index_find(&ix, 0x12FFF), &b);
    assert_null(region_index_find(&ix, 0x13000)); /* one past b */
    assert_ptr_equal(region_index_find(&ix, 0), &low);
    assert_ptr_equal(region_index_find(&ix, 0xFFF), &low);
    assert_null(region_index_find(&ix, 0x1000));
    assert_null(region_index_find(&ix, 0xFFFFEFFFu));
    assert_ptr_equal(region_index_find(&ix, 0xFFFFF000u), &top);
    assert_ptr_equal(region_index_find(&ix, 0xFFFFFFFFu), &top); /* the last byte of memory */
}

static void overlap_is_exact_at_both_ends(void **state)
{
    (void)state;
    struct region_index ix;
    struct region a = make(0x10000, 2), top = make(0xFFFFE000u, 2);
    index_of(&ix, (struct region *[]){&a, &top}, 2);
    assert_false(region_index_overlaps(&ix, 0xF000, 0x10000));  /* ends where a starts */
    assert_true(region_index_overlaps(&ix, 0xF000, 0x10001));   /* a's first byte */
    assert_true(region_index_overlaps(&ix, 0x11FFF, 0x12000));  /* a's last byte */
    assert_false(region_index_overlaps(&ix, 0x12000, 0x13000)); /* starts one past a */
    assert_true(region_index_overlaps(&ix, 0x0, 1ull << 32));   /* everything */
    assert_true(region_index_overlaps(&ix, 0x10800, 0x10801));  /* inside a */
    assert_false(region_index_overlaps(&ix, 0x12000, 0xFFFFE000u));
    assert_true(region_index_overlaps(&ix, 0x12000, 0xFFFFE001u));
    assert_true(region_index_overlaps(&ix, 0xFFFFFFFFu, 1ull << 32));
}

static void insert_returns_the_neighbour_below(void **state)
{
    (void)state;
    struct region_index ix;
    region_index_init(&ix);
    struct region a = make(0x30000, 1), b = make(0x10000, 1), c = make(0x20000, 1), d = make(0x40000, 1);
    assert_null(region_index_insert(&ix, &a));
    assert_null(region_index_insert(&ix, &b)); /* the lowest */
    assert_ptr_equal(region_index_insert(&ix, &c), &b);
    assert_ptr_equal(region_index_insert(&ix, &d), &a);
    assert_int_equal(ix.count, 4);
    assert_true(region_index_check(&ix));
}

static struct region_index overlap_ix;
static struct region overlap_a, overlap_b;

static void insert_overlapping(void *arg)
{
    (void)arg;
    region_index_insert(&overlap_ix, &overlap_b);
}

static void an_overlapping_insert_asserts(void **state)
{
    (void)state;
    static const uint32_t starts[] = {0x10000 - PG, 0x11000, 0x10000}; /* last page before, last page, same */
    for (unsigned i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
        region_index_init(&overlap_ix);
        overlap_a = make(0x10000, 2);
        region_index_insert(&overlap_ix, &overlap_a);
        overlap_b = make(starts[i], 2);
        expect_abort(insert_overlapping, NULL);
    }
}

static void hint_never_outlives_a_removal(void **state)
{
    (void)state;
    struct region_index ix;
    struct region a = make(0x10000, 1), b = make(0x20000, 1);
    index_of(&ix, (struct region *[]){&a, &b}, 2);
    assert_ptr_equal(region_index_find(&ix, 0x10010), &a);
    assert_ptr_equal(ix.hint, &a);
    assert_ptr_equal(region_index_find(&ix, 0x10FFF), &a);
    assert_null(region_index_find(&ix, 0x11000)); /* not the hint's: one past it */
    region_index_remove(&ix, &a);
    assert_null(ix.hint);
    assert_null(region_index_find(&ix, 0x10010));
    assert_ptr_equal(region_index_find(&ix, 0x20000), &b);
    assert_true(region_index_check(&ix));
}

static void bounds_changed_in_place_are_seen(void **state)
{
    (void)state;
    struct region_index ix;
    struct region below = make(0x10000, 1), stack = make(0x40000, 2);
    index_of(&ix, (struct region *[]){&below, &stack}, 2);
    assert_ptr_equal(region_index_find(&ix, 0x40000), &stack); /* now the hint */
    stack.start -= 3 * PG;                                     /* grows down to 0x3D000 */
    stack.pages += 3;
    assert_ptr_equal(region_index_find(&ix, 0x3D000), &stack);
    assert_null(region_index_find(&ix, 0x3CFFF));
    assert_false(region_index_overlaps(&ix, 0x11000, 0x3D000));
    assert_true(region_index_overlaps(&ix, 0x11000, 0x3D001));
    assert_true(region_index_check(&ix));
}

/* The AVL bound: a tree of height h has at least F(h) nodes, where
 * F(0) = 0, F(1) = 1, F(h) = F(h-1) + F(h-2) + 1 (about 1.44 log2 n high). */
static void assert_balanced(const struct region_index *ix)
{
    assert_true(region_index_check(ix));
    unsigned f0 = 0, f1 = 1;
    for (int h = 1; h < height(ix->root); h++) {
        unsigned f2 = f1 + f0 + 1;
        f0 = f1;
        f1 = f2;
    }
    assert_true(ix->root == NULL || ix->count >= f1);
}

#define MANY 1000

static struct region many[MANY];

static void sorted_inserts_and_removals_stay_balanced(void **state)
{
    (void)state;
    struct region_index ix;
    region_index_init(&ix);
    for (int i = 0; i < MANY; i++) {
        many[i] = make(0x1000000u + 2u * i * PG, 1);
        assert_ptr_equal(region_index_insert(&ix, &many[i]), i ? &many[i - 1] : NULL);
        assert_balanced(&ix);
    }
    assert_true(height(ix.root) <= 14);
    for (int i = 0; i < MANY; i++)
        assert_ptr_equal(region_index_find(&ix, many[i].start + PG - 1), &many[i]);
    for (int i = 0; i < MANY / 2; i++) { /* from the top, then from the middle out */
        region_index_remove(&ix, &many[MANY - 1 - i]);
        assert_balanced(&ix);
    }
    for (int i = 0; i < MANY / 2; i++) {
        region_index_remove(&ix, &many[(MANY / 4 + i * 7) % (MANY / 2)]);
        assert_balanced(&ix);
    }
    assert_null(ix.root);
    assert_int_equal(ix.count, 0);
}

static void check_notices_damage(void **state)
{
    (void)state;
    struct region_index ix;
    struct region r[3] = {make(0x10000, 1), make(0x20000, 1), make(0x30000, 1)};
    index_of(&ix, (struct region *[]){&r[0], &r[1], &r[2]}, 3);
    assert_true(region_index_check(&ix));
    r[0].pages = 0x20; /* now overlaps r[1] */
    assert_false(region_index_check(&ix));
    r[0].pages = 1;
    ix.root->height++;
    assert_false(region_index_check(&ix));
    ix.root->height--;
    ix.count++;
    assert_false(region_index_check(&ix));
    ix.count--;
    struct region stranger = make(0x50000, 1);
    ix.hint = &stranger;
    assert_false(region_index_check(&ix));
    ix.hint = NULL;
    ix.root->child[0]->parent = NULL;
    assert_false(region_index_check(&ix));
}

/* A model: which slot owns each page of a small address space. */
#define UNIVERSE 256 /* pages */
#define SLOTS    64
#define BASE     0x400000u

static struct region slot[SLOTS];
static int in_index[SLOTS];
static int owner[UNIVERSE]; /* slot + 1, or 0 */

static struct region *model_find(uint32_t page)
{
    return page < UNIVERSE && owner[page] ? &slot[owner[page] - 1] : NULL;
}

static int model_overlaps(uint32_t first, uint32_t end)
{
    for (uint32_t p = first; p < end && p < UNIVERSE; p++)
        if (owner[p])
            return 1;
    return 0;
}

static void random_operations_match_a_model(void **state)
{
    (void)state;
    struct region_index ix;
    region_index_init(&ix);
    srand(410);
    for (int step = 0; step < 40000; step++) {
        int s = rand() % SLOTS, op = rand() % 4;
        uint32_t first = (uint32_t)(rand() % UNIVERSE), len = 1 + (uint32_t)(rand() % 6);
        if (op == 0 && !in_index[s] && first + len <= UNIVERSE) {
            int free = !model_overlaps(first, first + len);
            assert_int_equal(
                !region_index_overlaps(&ix, BASE + first * PG, BASE + (uint64_t)(first + len) * PG), free);
            if (free) {
                slot[s] = make(BASE + first * PG, len);
                struct region *below = region_index_insert(&ix, &slot[s]);
                uint32_t p = first;
                while (p > 0 && !owner[p - 1])
                    p--;
                assert_ptr_equal(below, p > 0 ? model_find(p - 1) : NULL);
                for (uint32_t q = first; q < first + len; q++)
                    owner[q] = s + 1;
                in_index[s] = 1;
            }
        } else if (op == 1 && in_index[s]) {
            region_index_remove(&ix, &slot[s]);
            for (uint32_t q = 0; q < slot[s].pages; q++)
                owner[(slot[s].start - BASE) / PG + q] = 0;
            in_index[s] = 0;
        } else {
            uint32_t va = BASE + first * PG + (uint32_t)(rand() % PG);
            if (rand() % 2)
                va = BASE + first * PG + (rand() % 2 ? PG - 1 : 0); /* a page's edges */
            assert_ptr_equal(region_index_find(&ix, va), model_find(first));
            assert_int_equal(region_index_overlaps(&ix, va, (uint64_t)va + len * PG),
                             model_overlaps(first, (va + len * PG + PG - 1 - BASE) / PG));
        }
        assert_balanced(&ix);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_index_finds_nothing),
        cmocka_unit_test(lookup_is_exact_at_both_ends),
        cmocka_unit_test(overlap_is_exact_at_both_ends),
        cmocka_unit_test(insert_returns_the_neighbour_below),
        cmocka_unit_test(an_overlapping_insert_asserts),
        cmocka_unit_test(hint_never_outlives_a_removal),
        cmocka_unit_test(bounds_changed_in_place_are_seen),
        cmocka_unit_test(sorted_inserts_and_removals_stay_balanced),
        cmocka_unit_test(check_notices_damage),
        cmocka_unit_test(random_operations_match_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
