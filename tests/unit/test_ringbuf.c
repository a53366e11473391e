/*
 * test_ringbuf.c - proves the keyboard ring buffer (kern/lib/ringbuf.c):
 * bytes come out in the order they went in, across many wrap-arounds of the
 * storage and across the 2^32 wrap of the free-running indices; a full
 * buffer refuses new bytes, counts each refusal in `dropped` and corrupts
 * nothing; count and space always add up to the size; peek_at sees the
 * i-th oldest byte without taking it; unput takes back the newest byte
 * (line editing) and refuses on an empty buffer; a one-byte buffer works;
 * the static initializer {storage, size, 0, 0, 0} that the input driver
 * uses is a valid empty buffer; a size that is not a power of two trips an
 * assert; and a long random sequence of operations matches a model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../kern/lib/ringbuf.c"
#include "death_test.h"

static void fifo_across_wraparound(void **state)
{
    (void)state;
    uint8_t store[8];
    struct ringbuf rb;
    ringbuf_init(&rb, store, 8);
    assert_int_equal(ringbuf_count(&rb), 0);
    assert_int_equal(ringbuf_space(&rb), 8);
    uint8_t c;
    assert_false(ringbuf_get(&rb, &c));
    for (int round = 0; round < 50; round++) { /* 6 at a time: every alignment */
        for (int i = 0; i < 6; i++)
            assert_true(ringbuf_put(&rb, (uint8_t)(round * 10 + i)));
        assert_int_equal(ringbuf_count(&rb), 6);
        assert_int_equal(ringbuf_space(&rb), 2);
        for (int i = 0; i < 6; i++) {
            assert_true(ringbuf_get(&rb, &c));
            assert_int_equal(c, (uint8_t)(round * 10 + i));
        }
        assert_false(ringbuf_get(&rb, &c));
    }
    assert_int_equal(rb.dropped, 0);
}

static void full_buffer_drops_and_counts(void **state)
{
    (void)state;
    uint8_t store[8];
    struct ringbuf rb;
    ringbuf_init(&rb, store, 8);
    assert_true(ringbuf_put(&rb, 100));
    uint8_t c;
    assert_true(ringbuf_get(&rb, &c)); /* start off-centre */
    for (int i = 0; i < 8; i++)
        assert_true(ringbuf_put(&rb, (uint8_t)i));
    assert_int_equal(ringbuf_space(&rb), 0);
    for (int i = 0; i < 5; i++)
        assert_false(ringbuf_put(&rb, 0xEE));
    assert_int_equal(rb.dropped, 5);
    assert_int_equal(ringbuf_count(&rb), 8);
    for (int i = 0; i < 8; i++) {
        assert_true(ringbuf_get(&rb, &c));
        assert_int_equal(c, i); /* the drops overwrote nothing */
    }
    assert_true(ringbuf_put(&rb, 9)); /* room again */
    assert_int_equal(rb.dropped, 5);
}

static void peek_and_unput(void **state)
{
    (void)state;
    uint8_t store[4];
    struct ringbuf rb;
    ringbuf_init(&rb, store, 4);
    uint8_t c = 0x55;
    assert_false(ringbuf_peek_at(&rb, 0, &c));
    assert_int_equal(c, 0x55); /* untouched on failure */
    assert_false(ringbuf_unput(&rb));
    ringbuf_put(&rb, 'a');
    ringbuf_put(&rb, 'b');
    ringbuf_get(&rb, &c);
    ringbuf_put(&rb, 'c');
    ringbuf_put(&rb, 'd');
    ringbuf_put(&rb, 'e'); /* wrapped: b c d e */
    for (uint32_t i = 0; i < 4; i++) {
        assert_true(ringbuf_peek_at(&rb, i, &c));
        assert_int_equal(c, "bcde"[i]);
    }
    assert_false(ringbuf_peek_at(&rb, 4, &c));
    assert_int_equal(ringbuf_count(&rb), 4); /* peeking took nothing */
    assert_true(ringbuf_unput(&rb));         /* "e" erased */
    assert_true(ringbuf_unput(&rb));         /* "d" erased */
    assert_int_equal(ringbuf_count(&rb), 2);
    assert_true(ringbuf_put(&rb, 'x'));
    const char *want = "bcx";
    for (int i = 0; i < 3; i++) {
        assert_true(ringbuf_get(&rb, &c));
        assert_int_equal(c, want[i]);
    }
    assert_false(ringbuf_unput(&rb)); /* nothing left to take back */
    assert_int_equal(ringbuf_count(&rb), 0);
}

static void indices_wrap_at_2_to_the_32(void **state)
{
    (void)state;
    uint8_t store[16];
    struct ringbuf rb;
    ringbuf_init(&rb, store, 16);
    rb.head = rb.tail = 0xFFFFFFF8u; /* as after 4 billion bytes */
    uint8_t c;
    for (int i = 0; i < 16; i++)
        assert_true(ringbuf_put(&rb, (uint8_t)i));
    assert_false(ringbuf_put(&rb, 99));
    assert_int_equal(ringbuf_count(&rb), 16);
    assert_true(rb.head < rb.tail); /* head has wrapped, tail not yet */
    assert_true(ringbuf_peek_at(&rb, 15, &c));
    assert_int_equal(c, 15);
    assert_true(ringbuf_unput(&rb));
    assert_true(ringbuf_put(&rb, 15));
    for (int i = 0; i < 16; i++) {
        assert_true(ringbuf_get(&rb, &c));
        assert_int_equal(c, i);
    }
    assert_int_equal(ringbuf_count(&rb), 0);
    assert_false(ringbuf_unput(&rb));
}

static void one_byte_buffer(void **state)
{
    (void)state;
    uint8_t store[1];
    struct ringbuf rb;
    ringbuf_init(&rb, store, 1);
    uint8_t c;
    for (int i = 0; i < 10; i++) {
        assert_true(ringbuf_put(&rb, (uint8_t)i));
        assert_false(ringbuf_put(&rb, 0xFF));
        assert_true(ringbuf_get(&rb, &c));
        assert_int_equal(c, i);
    }
    assert_int_equal(rb.dropped, 10);
}

static uint8_t static_store[32];
static struct ringbuf static_rb = {static_store, 32, 0, 0, 0};

static void static_initializer(void **state)
{
    (void)state;
    assert_int_equal(ringbuf_count(&static_rb), 0);
    assert_int_equal(ringbuf_space(&static_rb), 32);
    assert_true(ringbuf_put(&static_rb, 'k'));
    uint8_t c;
    assert_true(ringbuf_get(&static_rb, &c));
    assert_int_equal(c, 'k');
}

static void do_bad_size(void *arg)
{
    static uint8_t store[12];
    struct ringbuf rb;
    ringbuf_init(&rb, store, (uint32_t)(uintptr_t)arg);
}

static void bad_sizes_assert(void **state)
{
    (void)state;
    expect_abort(do_bad_size, (void *)12);
    expect_abort(do_bad_size, (void *)0);
}

static void random_operations_match_a_model(void **state)
{
    (void)state;
    uint8_t store[64];
    struct ringbuf rb;
    ringbuf_init(&rb, store, 64);
    uint8_t model[64];
    int n = 0;
    uint32_t dropped = 0;
    uint8_t next = 0;
    srand(7);
    for (int step = 0; step < 200000; step++) {
        uint8_t c;
        switch (rand() % 7) {
        case 0:
        case 1:
        case 2: /* bursts of typing */
            if (ringbuf_put(&rb, next)) {
                assert_true(n < 64);
                model[n++] = next;
            } else {
                assert_int_equal(n, 64);
                dropped++;
            }
            next++;
            break;
        case 3:
        case 4:
            if (ringbuf_get(&rb, &c)) {
                assert_true(n > 0);
                assert_int_equal(c, model[0]);
                for (int k = 0; k < n - 1; k++)
                    model[k] = model[k + 1];
                n--;
            } else {
                assert_int_equal(n, 0);
            }
            break;
        case 5:
            if (ringbuf_unput(&rb))
                n--;
            else
                assert_int_equal(n, 0);
            break;
        default: {
            uint32_t i = (uint32_t)(rand() % 70);
            bool ok = ringbuf_peek_at(&rb, i, &c);
            assert_int_equal(ok, (int)i < n);
            if (ok)
                assert_int_equal(c, model[i]);
        }
        }
        assert_int_equal(ringbuf_count(&rb), (uint32_t)n);
        assert_int_equal(ringbuf_space(&rb), 64u - (uint32_t)n);
        assert_int_equal(rb.dropped, dropped);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fifo_across_wraparound), cmocka_unit_test(full_buffer_drops_and_counts),
        cmocka_unit_test(peek_and_unput),         cmocka_unit_test(indices_wrap_at_2_to_the_32),
        cmocka_unit_test(one_byte_buffer),        cmocka_unit_test(static_initializer),
        cmocka_unit_test(bad_sizes_assert),       cmocka_unit_test(random_operations_match_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
