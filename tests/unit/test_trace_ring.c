/*
 * test_trace_ring.c - proves the trace ring (kern/trace/trace_ring.c), the
 * part of the kernel trace that decides what is kept and what is lost: an
 * empty ring has nothing to drain; exactly `capacity` claims succeed
 * before one is refused, and every refusal is counted (since the last
 * take, and in all); the records come out in claim order, in one run up to
 * the end of the array and a second run after the wrap; draining makes
 * room again for exactly as many; consuming more than is there trips an
 * assert; the counters survive the 32-bit wrap of head and tail; a ring of
 * one works; and a long random run matches a model (a FIFO of sequence
 * numbers) with trace_ring_check after every step.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../kern/trace/trace_ring.c"
#include "death_test.h"

#define CAP 8

static struct trace_event slots[CAP];
static struct trace_ring r;
static uint32_t next_seq; /* what the next claim stores in args[0] */

static int setup(void **state)
{
    (void)state;
    trace_ring_init(&r, slots, CAP);
    next_seq = 0;
    return 0;
}

static bool claim(void)
{
    struct trace_event *e = trace_ring_claim(&r);
    if (e)
        e->args[0] = next_seq++;
    return e != NULL;
}

/* Drain everything; check the records are seq first, first+1, ...; how many. */
static uint32_t drain_expect(uint32_t first)
{
    uint32_t got = 0, n;
    const struct trace_event *run;
    while ((run = trace_ring_peek(&r, &n)) && n) {
        assert_true(run >= slots && run + n <= slots + CAP); /* one run never crosses the end */
        for (uint32_t i = 0; i < n; i++)
            assert_int_equal(run[i].args[0], first + got + i);
        trace_ring_consume(&r, n);
        got += n;
    }
    assert_int_equal(trace_ring_fill(&r), 0);
    return got;
}

static void test_empty(void **state)
{
    (void)state;
    uint32_t n = 99;
    trace_ring_peek(&r, &n);
    assert_int_equal(n, 0);
    assert_int_equal(trace_ring_take_dropped(&r), 0);
    assert_true(trace_ring_check(&r));
}

static void test_full_exactly_at_capacity(void **state)
{
    (void)state;
    for (int i = 0; i < CAP; i++)
        assert_true(claim());
    assert_int_equal(trace_ring_fill(&r), CAP);
    assert_false(claim()); /* the (CAP+1)th */
    assert_false(claim());
    assert_int_equal(r.dropped_total, 2);
    assert_int_equal(trace_ring_take_dropped(&r), 2);
    assert_int_equal(trace_ring_take_dropped(&r), 0); /* taken: restarts at 0 */
    assert_int_equal(r.dropped_total, 2);             /* ... the total stays */
    assert_int_equal(drain_expect(0), CAP);           /* the refused ones took nothing */
}

static void test_wrap_two_runs(void **state)
{
    (void)state;
    for (int i = 0; i < 5; i++)
        claim();
    assert_int_equal(drain_expect(0), 5);
    for (int i = 0; i < CAP; i++) /* 3 to the end of the array, 5 after the wrap */
        assert_true(claim());
    uint32_t n;
    const struct trace_event *run = trace_ring_peek(&r, &n);
    assert_ptr_equal(run, &slots[5]);
    assert_int_equal(n, 3);
    assert_int_equal(drain_expect(5), CAP);
    assert_int_equal(r.dropped_total, 0);
}

static void test_drain_makes_room(void **state)
{
    (void)state;
    for (int i = 0; i < CAP; i++)
        claim();
    uint32_t n;
    trace_ring_peek(&r, &n);
    trace_ring_consume(&r, 3);
    for (int i = 0; i < 3; i++)
        assert_true(claim());
    assert_false(claim());
    assert_int_equal(drain_expect(3), CAP);
}

static void consume_two(void *arg)
{
    (void)arg;
    trace_ring_consume(&r, 2);
}

static void test_consume_too_many(void **state)
{
    (void)state;
    claim();
    expect_abort(consume_two, NULL);
}

static void test_counter_wrap(void **state)
{
    (void)state;
    r.head = r.tail = UINT32_MAX - 2; /* as after 2^32 - 3 records */
    for (int i = 0; i < CAP; i++)
        assert_true(claim());
    assert_false(claim());
    assert_true(trace_ring_check(&r));
    assert_int_equal(drain_expect(0), CAP);
}

static void test_capacity_one(void **state)
{
    (void)state;
    struct trace_event one;
    trace_ring_init(&r, &one, 1);
    assert_true(claim());
    assert_false(claim());
    assert_int_equal(trace_ring_take_dropped(&r), 1);
    uint32_t n;
    assert_ptr_equal(trace_ring_peek(&r, &n), &one);
    assert_int_equal(n, 1);
    trace_ring_consume(&r, 1);
    assert_true(claim());
}

static void init_with(void *capacity) { trace_ring_init(&r, slots, (uint32_t)(uintptr_t)capacity); }

static void test_bad_capacity(void **state)
{
    (void)state;
    expect_abort(init_with, (void *)6);
    expect_abort(init_with, (void *)0);
}

static void test_random_against_model(void **state)
{
    (void)state;
    srand(17);
    uint32_t oldest = 0, lost = 0; /* model: records oldest .. next_seq-1 are in */
    for (int step = 0; step < 20000; step++) {
        if (rand() % 3) {
            bool full = next_seq - oldest == CAP;
            assert_int_equal(claim(), !full);
            lost += full;
        } else {
            uint32_t n;
            const struct trace_event *run = trace_ring_peek(&r, &n);
            uint32_t k = n ? (uint32_t)rand() % (n + 1) : 0;
            for (uint32_t i = 0; i < k; i++)
                assert_int_equal(run[i].args[0], oldest + i);
            trace_ring_consume(&r, k);
            oldest += k;
        }
        assert_int_equal(trace_ring_fill(&r), next_seq - oldest);
        assert_int_equal(r.dropped_total, lost);
        assert_true(trace_ring_check(&r));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_empty, setup),
        cmocka_unit_test_setup(test_full_exactly_at_capacity, setup),
        cmocka_unit_test_setup(test_wrap_two_runs, setup),
        cmocka_unit_test_setup(test_drain_makes_room, setup),
        cmocka_unit_test_setup(test_consume_too_many, setup),
        cmocka_unit_test_setup(test_counter_wrap, setup),
        cmocka_unit_test_setup(test_capacity_one, setup),
        cmocka_unit_test_setup(test_bad_capacity, setup),
        cmocka_unit_test_setup(test_random_against_model, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
