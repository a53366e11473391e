/*
 * test_hashtable.c - proves the intrusive hash table (kern/lib/hashtable.c):
 * find returns the node inserted under a key (hash_entry gets the struct
 * back) and NULL for absent keys; removal works at the head, middle and
 * tail of a chain (all keys in one bucket) and leaves the rest findable;
 * duplicate keys are all reachable through hash_find_next; count follows
 * inserts and removes; a one-bucket table works; the hash spreads
 * sequential keys, multiples of the table size and keys differing only in
 * high bits over the buckets; removing a node twice trips an assert; and a
 * random sequence of operations matches a model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../kern/lib/hashtable.c"
#include "death_test.h"

struct item {
    int v;
    struct hash_node hnode;
};

#define N 1024
static struct item items[N];

static void find_and_remove_many(void **state)
{
    (void)state;
    struct hash_node *buckets[64];
    struct hashtable h;
    hash_init(&h, buckets, 64);
    assert_int_equal(hash_count(&h), 0);
    for (int i = 0; i < N; i++) {
        items[i].v = i;
        hash_insert(&h, &items[i].hnode, (uint32_t)i * 7919u);
    }
    assert_int_equal(hash_count(&h), N);
    for (int i = 0; i < N; i += 3)
        hash_remove(&h, &items[i].hnode);
    assert_int_equal(hash_count(&h), N - (N + 2) / 3);
    for (int i = 0; i < N; i++) {
        struct hash_node *n = hash_find(&h, (uint32_t)i * 7919u);
        if (i % 3 == 0) {
            assert_null(n);
        } else {
            assert_non_null(n);
            assert_ptr_equal(hash_entry(n, struct item, hnode), &items[i]);
            assert_int_equal(n->key, (uint32_t)i * 7919u);
        }
    }
    assert_null(hash_find(&h, 1)); /* never inserted */
}

/* One bucket: every node is in one chain, so removal is exercised at every
 * position of a chain. */
static void removal_anywhere_in_a_chain(void **state)
{
    (void)state;
    struct hash_node *bucket[1];
    struct hashtable h;
    hash_init(&h, bucket, 1);
    for (int i = 0; i < 10; i++)
        hash_insert(&h, &items[i].hnode, (uint32_t)i);
    /* Inserted at the head: the chain is 9 8 ... 0. */
    hash_remove(&h, &items[9].hnode); /* head */
    hash_remove(&h, &items[0].hnode); /* tail */
    hash_remove(&h, &items[5].hnode); /* middle */
    assert_null(items[5].hnode.pprev);
    assert_int_equal(hash_count(&h), 7);
    for (int i = 0; i < 10; i++) {
        struct hash_node *n = hash_find(&h, (uint32_t)i);
        if (i == 9 || i == 0 || i == 5)
            assert_null(n);
        else
            assert_ptr_equal(n, &items[i].hnode);
    }
    hash_insert(&h, &items[5].hnode, 500); /* a removed node can go back in */
    assert_ptr_equal(hash_find(&h, 500), &items[5].hnode);
    assert_null(hash_find(&h, 5));
}

static void duplicate_keys(void **state)
{
    (void)state;
    struct hash_node *buckets[8];
    struct hashtable h;
    hash_init(&h, buckets, 8);
    for (int i = 0; i < 5; i++)
        hash_insert(&h, &items[i].hnode, 42);
    for (int i = 5; i < 40; i++)
        hash_insert(&h, &items[i].hnode, (uint32_t)i); /* others share buckets */
    bool seen[5] = {false};
    int found = 0;
    for (struct hash_node *n = hash_find(&h, 42); n; n = hash_find_next(n)) {
        assert_int_equal(n->key, 42);
        int v = (int)(hash_entry(n, struct item, hnode) - items);
        assert_true(v >= 0 && v < 5 && !seen[v]);
        seen[v] = true;
        found++;
    }
    assert_int_equal(found, 5);
    hash_remove(&h, &items[2].hnode);
    found = 0;
    for (struct hash_node *n = hash_find(&h, 42); n; n = hash_find_next(n))
        found++;
    assert_int_equal(found, 4);
}

/* Longest chain when keys fill a table of nb buckets nb*4 deep. */
static uint32_t longest_chain(uint32_t (*key)(uint32_t), uint32_t nb)
{
    static struct hash_node *buckets[256];
    static struct hash_node nodes[1024];
    struct hashtable h;
    hash_init(&h, buckets, nb);
    for (uint32_t i = 0; i < nb * 4; i++)
        hash_insert(&h, &nodes[i], key(i));
    uint32_t worst = 0;
    for (uint32_t b = 0; b < nb; b++) {
        uint32_t len = 0;
        for (struct hash_node *n = buckets[b]; n; n = n->next)
            len++;
        if (len > worst)
            worst = len;
    }
    return worst;
}

static uint32_t sequential(uint32_t i) { return i + 1; }
static uint32_t multiples_of_size(uint32_t i) { return i * 256; }
static uint32_t high_bits_only(uint32_t i) { return i << 22; }
static uint32_t page_addresses(uint32_t i) { return 0x01000000u + i * 4096; }

static void keys_spread_over_buckets(void **state)
{
    (void)state;
    /* 1024 keys in 256 buckets: 4 per bucket on average. */
    assert_true(longest_chain(sequential, 256) <= 12);
    assert_true(longest_chain(multiples_of_size, 256) <= 12);
    assert_true(longest_chain(high_bits_only, 256) <= 12);
    assert_true(longest_chain(page_addresses, 256) <= 12);
    assert_int_equal(longest_chain(sequential, 1), 4); /* one bucket holds all */
    struct hashtable h;
    struct hash_node *one[1], *many[256];
    hash_init(&h, one, 1);
    assert_int_equal(hash_bucket(&h, 0xffffffffu), 0);
    hash_init(&h, many, 256);
    uint32_t seen = 0;
    for (uint32_t k = 0; k < 100000; k += 37) {
        assert_true(hash_bucket(&h, k) < 256);
        seen |= 1u << (hash_bucket(&h, k) >> 3);
    }
    assert_int_equal(seen, 0xffffffffu); /* every eighth of the buckets is reached */
}

static struct hashtable death_table;
static struct hash_node *death_buckets[4];

static void do_remove_twice(void *arg)
{
    (void)arg;
    hash_init(&death_table, death_buckets, 4);
    hash_insert(&death_table, &items[0].hnode, 1);
    hash_remove(&death_table, &items[0].hnode);
    hash_remove(&death_table, &items[0].hnode);
}

static void do_bad_bucket_count(void *arg)
{
    (void)arg;
    hash_init(&death_table, death_buckets, 3);
}

static void misuse_asserts(void **state)
{
    (void)state;
    expect_abort(do_remove_twice, NULL);
    expect_abort(do_bad_bucket_count, NULL);
}

static void random_operations_match_a_model(void **state)
{
    (void)state;
    struct hash_node *buckets[16];
    struct hashtable h;
    hash_init(&h, buckets, 16);
    static uint32_t key_of[N];
    static bool present[N];
    for (int i = 0; i < N; i++)
        present[i] = false;
    uint32_t count = 0;
    srand(4096);
    for (int step = 0; step < 50000; step++) {
        int i = rand() % 256;
        if (present[i]) {
            hash_remove(&h, &items[i].hnode);
            present[i] = false;
            count--;
        } else {
            key_of[i] = (uint32_t)(rand() % 512); /* some duplicates */
            hash_insert(&h, &items[i].hnode, key_of[i]);
            present[i] = true;
            count++;
        }
        assert_int_equal(hash_count(&h), count);
        uint32_t key = key_of[rand() % 256];
        int expect = 0, got = 0;
        for (int k = 0; k < 256; k++)
            expect += present[k] && key_of[k] == key;
        for (struct hash_node *n = hash_find(&h, key); n; n = hash_find_next(n)) {
            int k = (int)(hash_entry(n, struct item, hnode) - items);
            assert_true(present[k] && key_of[k] == key);
            got++;
        }
        assert_int_equal(got, expect);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(find_and_remove_many), cmocka_unit_test(removal_anywhere_in_a_chain),
        cmocka_unit_test(duplicate_keys),       cmocka_unit_test(keys_spread_over_buckets),
        cmocka_unit_test(misuse_asserts),       cmocka_unit_test(random_operations_match_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
