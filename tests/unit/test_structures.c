/*
 * test_structures.c - proves the kernel's generic containers behave:
 * the intrusive list (kern/lib/list.h: order, removal from the middle,
 * membership, safe iteration while removing), the hash table
 * (kern/lib/hashtable.c: find, O(1) removal anywhere in a chain, many
 * colliding keys), the ring buffer (kern/lib/ringbuf.c: FIFO order,
 * wrap-around, a full buffer drops and counts without corrupting, unput)
 * and the frame pool (kern/lib/frame_pool.c: O(1) alloc/free, reference
 * counts, reservations that plain allocation never takes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../kern/lib/frame_pool.c"
#include "../../kern/lib/hashtable.c"
#include "../../kern/lib/ringbuf.c"

struct item {
    int v;
    struct list_node link;
    struct hash_node hnode;
};

static void list_order_and_removal(void **state)
{
    (void)state;
    struct list l;
    list_init(&l);
    struct item it[5];
    for (int i = 0; i < 5; i++) {
        it[i].v = i;
        list_node_init(&it[i].link);
        assert_false(list_node_linked(&it[i].link));
        list_push_back(&l, &it[i].link);
    }
    list_remove(&it[2].link);
    assert_false(list_node_linked(&it[2].link));
    list_push_front(&l, &it[2].link);
    int want[] = {2, 0, 1, 3, 4}, k = 0;
    struct list_node *n, *tmp;
    list_for_each(n, &l) assert_int_equal(list_entry(n, struct item, link)->v, want[k++]);
    assert_int_equal(list_size(&l), 5);
    list_for_each_safe(n, tmp, &l) if (list_entry(n, struct item, link)->v % 2) list_remove(n);
    assert_int_equal(list_size(&l), 3);
    assert_int_equal(list_entry(list_pop_front(&l), struct item, link)->v, 2);
    assert_int_equal(list_entry(list_back(&l), struct item, link)->v, 4);
    list_pop_front(&l);
    list_pop_front(&l);
    assert_true(list_empty(&l));
    assert_null(list_pop_front(&l));
}

static void hash_find_and_remove(void **state)
{
    (void)state;
    struct hash_node *buckets[8];
    struct hashtable h;
    hash_init(&h, buckets, 8);
    static struct item it[1000];
    for (int i = 0; i < 1000; i++) {
        it[i].v = i;
        hash_insert(&h, &it[i].hnode, (uint32_t)i * 7);
    }
    assert_int_equal(hash_count(&h), 1000);
    for (int i = 0; i < 1000; i += 3)
        hash_remove(&h, &it[i].hnode);
    for (int i = 0; i < 1000; i++) {
        struct hash_node *n = hash_find(&h, (uint32_t)i * 7);
        if (i % 3 == 0) {
            assert_null(n);
        } else {
            assert_non_null(n);
            assert_int_equal(hash_entry(n, struct item, hnode)->v, i);
        }
    }
    assert_null(hash_find(&h, 1));
}

static void ringbuf_fifo_full_and_unput(void **state)
{
    (void)state;
    uint8_t store[8];
    struct ringbuf rb;
    ringbuf_init(&rb, store, 8);
    for (int round = 0; round < 5; round++) { /* wrap around several times */
        for (int i = 0; i < 6; i++)
            assert_true(ringbuf_put(&rb, (uint8_t)(round * 10 + i)));
        for (int i = 0; i < 6; i++) {
            uint8_t c;
            assert_true(ringbuf_get(&rb, &c));
            assert_int_equal(c, round * 10 + i);
        }
    }
    for (int i = 0; i < 8; i++)
        assert_true(ringbuf_put(&rb, (uint8_t)i));
    assert_false(ringbuf_put(&rb, 99));
    assert_false(ringbuf_put(&rb, 98));
    assert_int_equal(rb.dropped, 2);
    assert_int_equal(ringbuf_count(&rb), 8);
    uint8_t c;
    assert_true(ringbuf_peek_at(&rb, 7, &c));
    assert_int_equal(c, 7);
    assert_true(ringbuf_unput(&rb));
    assert_int_equal(ringbuf_count(&rb), 7);
    for (int i = 0; i < 7; i++) {
        assert_true(ringbuf_get(&rb, &c));
        assert_int_equal(c, i); /* the drops corrupted nothing */
    }
    assert_false(ringbuf_get(&rb, &c));
    assert_false(ringbuf_unput(&rb));
}

static void frame_pool_alloc_refs_reservations(void **state)
{
    (void)state;
    uint32_t stack[16];
    uint16_t refs[16];
    struct frame_pool p;
    frame_pool_init(&p, 100, 16, stack, refs);
    for (uint32_t f = 100; f < 110; f++) /* 10 usable frames */
        frame_pool_add_free(&p, f);
    assert_int_equal(frame_pool_free_count(&p), 10);

    uint32_t a, b;
    assert_int_equal(frame_pool_alloc(&p, &a), 0);
    assert_int_equal(frame_pool_refcount(&p, a), 1);
    frame_pool_ref(&p, a);
    assert_int_equal(frame_pool_unref(&p, a), 1);
    assert_int_equal(frame_pool_free_count(&p), 9);
    assert_int_equal(frame_pool_unref(&p, a), 0);
    assert_int_equal(frame_pool_free_count(&p), 10);

    assert_int_equal(frame_pool_reserve(&p, 8), 0);
    assert_int_equal(frame_pool_reserve(&p, 3), -E_NOMEM); /* only 2 unpromised */
    assert_int_equal(p.reserved, 8);
    assert_int_equal(frame_pool_alloc(&p, &a), 0);
    assert_int_equal(frame_pool_alloc(&p, &b), 0);
    assert_int_equal(frame_pool_alloc(&p, &b), -E_NOMEM); /* the rest is promised */
    for (int i = 0; i < 8; i++) {
        uint32_t f = frame_pool_alloc_reserved(&p); /* promises are kept */
        assert_true(f >= 100 && f < 110);
    }
    assert_int_equal(frame_pool_free_count(&p), 0);
    assert_int_equal(p.reserved, 0);
    frame_pool_unref(&p, a);
    assert_int_equal(frame_pool_reserve(&p, 1), 0);
    frame_pool_unreserve(&p, 1);
    assert_int_equal(frame_pool_available(&p), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(list_order_and_removal),
        cmocka_unit_test(hash_find_and_remove),
        cmocka_unit_test(ringbuf_fifo_full_and_unput),
        cmocka_unit_test(frame_pool_alloc_refs_reservations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
