/*
 * test_timer_wheel.c - proves the timing wheel behind sleep
 * (kern/sched/timer_wheel.c): a timer fires at exactly its tick, not one
 * before; timers fire in deadline order and, at equal deadlines, in the
 * order they were armed, even when they were armed at different times
 * and so first sat at different levels; deadlines beyond one turn of
 * level 0 (64 ticks), of level 1 (4,096) and of level 2 (262,144) fire on
 * time, also across the wrap of the 32-bit tick count; a cancelled timer
 * (a sleeper killed by task_vanish) never fires and leaves the others as
 * they were, wherever it sat; a fire callback may arm again (the sleep(1)
 * loop); and long random runs from starting ticks near the level
 * boundaries and the wrap match a sorted model, with timer_wheel_check
 * (itself shown to notice damage) along the way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../kern/sched/timer_wheel.c"
#include "death_test.h"

#define MAXT 512

struct item {
    struct tw_timer t;
    int id;
};

static struct item items[MAXT];
static int fired[8192], nfired;
static uint32_t fired_at[8192];
static struct timer_wheel *cur;

static void record(struct tw_timer *t, void *arg)
{
    (void)arg;
    assert_false(timer_wheel_armed(t));
    fired_at[nfired] = cur->now;
    fired[nfired++] = container_of(t, struct item, t)->id;
}

static void setup(struct timer_wheel *w, uint32_t now)
{
    timer_wheel_init(w, now);
    cur = w;
    nfired = 0;
    for (int i = 0; i < MAXT; i++) {
        list_node_init(&items[i].t.link);
        items[i].id = i;
    }
}

static void step(struct timer_wheel *w, uint32_t ticks)
{
    timer_wheel_advance(w, w->now + ticks, record, NULL);
    assert_true(timer_wheel_check(w));
}

static void fires_at_its_tick_not_before(void **state)
{
    (void)state;
    static const uint32_t delays[] = {1, 2, 63, 64, 65, 4095, 4096, 4097, 262143, 262144, 262145};
    for (unsigned i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
        struct timer_wheel w;
        setup(&w, 1000);
        timer_wheel_add(&w, &items[0].t, delays[i]);
        assert_true(timer_wheel_armed(&items[0].t));
        step(&w, delays[i] - 1);
        assert_int_equal(nfired, 0); /* one tick early: not yet */
        step(&w, 1);
        assert_int_equal(nfired, 1);
        assert_int_equal(fired_at[0], 1000 + delays[i]);
        assert_int_equal(w.count, 0);
    }
}

static void deadlines_fire_in_order(void **state)
{
    (void)state;
    struct timer_wheel w;
    setup(&w, 77);
    static const uint32_t delays[] = {500, 3, 70000, 64, 4096, 1, 65, 300000, 4095};
    static const int order[] = {5, 1, 3, 6, 0, 8, 4, 2, 7};
    for (int i = 0; i < 9; i++)
        timer_wheel_add(&w, &items[i].t, delays[i]);
    step(&w, 300000);
    assert_int_equal(nfired, 9);
    for (int i = 0; i < 9; i++) {
        assert_int_equal(fired[i], order[i]);
        assert_int_equal(fired_at[i], 77 + delays[order[i]]);
    }
}

/* Timers for one tick, armed at different times: the first sat at level
 * 2, later ones at levels 1 and 0; they fire in arming order. */
static void same_deadline_fires_in_arming_order(void **state)
{
    (void)state;
    struct timer_wheel w;
    setup(&w, 0x3F000);
    uint32_t deadline = 0x3F000 + 100000;
    for (int i = 0; i < 8; i++) {
        timer_wheel_add(&w, &items[i].t, deadline - w.now);
        step(&w, (deadline - w.now) / 3); /* nearer each time: a lower level */
    }
    timer_wheel_add(&w, &items[8].t, deadline - w.now);
    step(&w, deadline - w.now);
    assert_int_equal(nfired, 9);
    for (int i = 0; i < 9; i++)
        assert_int_equal(fired[i], i);
}

static void far_deadlines_cross_the_wrap(void **state)
{
    (void)state;
    struct timer_wheel w;
    setup(&w, 0xFFFFFFFFu - 5000);
    timer_wheel_add(&w, &items[0].t, 5000);   /* 0xFFFFFFFF: the last tick before the wrap */
    timer_wheel_add(&w, &items[1].t, 5001);   /* 0: the wrap itself */
    timer_wheel_add(&w, &items[2].t, 5002);   /* 1 */
    timer_wheel_add(&w, &items[3].t, 300000); /* well past it */
    step(&w, 4999);
    assert_int_equal(nfired, 0);
    step(&w, 300000 - 4999);
    assert_int_equal(nfired, 4);
    static const uint32_t at[] = {0xFFFFFFFFu, 0, 1, 300000 - 5001};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(fired[i], i);
        assert_int_equal(fired_at[i], at[i]);
    }
}

/* The largest delay (2^31 - 1) sits where it must and does not fire in the
 * first 2^22 ticks (advancing 2^31 ticks one by one would take minutes). */
static void the_largest_delay_waits(void **state)
{
    (void)state;
    struct timer_wheel w;
    setup(&w, 0x90000000u);
    timer_wheel_add(&w, &items[0].t, 0x7FFFFFFFu);
    assert_int_equal(items[0].t.deadline, 0x0FFFFFFFu);
    step(&w, 1u << 22);
    assert_int_equal(nfired, 0);
    assert_true(timer_wheel_armed(&items[0].t));
}

static struct timer_wheel bad_wheel;

static void add_zero(void *arg)
{
    (void)arg;
    timer_wheel_add(&bad_wheel, &items[0].t, 0);
}

static void add_too_far(void *arg)
{
    (void)arg;
    timer_wheel_add(&bad_wheel, &items[0].t, 0x80000000u);
}

static void add_twice(void *arg)
{
    (void)arg;
    timer_wheel_add(&bad_wheel, &items[0].t, 5);
    timer_wheel_add(&bad_wheel, &items[0].t, 5);
}

static void bad_delays_and_double_arming_assert(void **state)
{
    (void)state;
    setup(&bad_wheel, 0);
    expect_abort(add_zero, NULL);
    expect_abort(add_too_far, NULL);
    expect_abort(add_twice, NULL);
}

static void cancelled_timers_never_fire(void **state)
{
    (void)state;
    struct timer_wheel w;
    setup(&w, 10);
    for (int i = 0; i < 5; i++)
        timer_wheel_add(&w, &items[i].t, 200); /* one slot: a killed sleeper among others */
    timer_wheel_add(&w, &items[5].t, 9000);    /* level 2, cancelled after it moved down */
    timer_wheel_add(&w, &items[6].t, 9000);
    timer_wheel_cancel(&w, &items[2].t);
    assert_false(timer_wheel_armed(&items[2].t));
    timer_wheel_cancel(&w, &items[2].t); /* twice: nothing more */
    timer_wheel_cancel(&w, &items[7].t); /* never armed: nothing */
    assert_int_equal(w.count, 6);
    step(&w, 8990);
    timer_wheel_cancel(&w, &items[5].t); /* now at level 0 */
    step(&w, 10);
    static const int want[] = {0, 1, 3, 4, 6};
    assert_int_equal(nfired, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(fired[i], want[i]);
    timer_wheel_cancel(&w, &items[0].t); /* already fired: nothing */
    assert_int_equal(w.count, 0);
}

/* The sleep(1) loop: every tick wakes each sleeper, which sleeps again. */
static void rearm(struct tw_timer *t, void *arg)
{
    record(t, arg);
    timer_wheel_add(cur, t, 1);
}

static void fire_may_arm_again(void **state)
{
    (void)state;
    struct timer_wheel w;
    setup(&w, 0xFFFFFFF0u);
    for (int i = 0; i < 100; i++)
        timer_wheel_add(&w, &items[i].t, 1);
    timer_wheel_advance(&w, 0x20, rearm, NULL); /* 48 ticks, across the wrap */
    assert_int_equal(nfired, 4800);
    for (int k = 0; k < nfired; k++) {
        assert_int_equal(fired[k], k % 100); /* each tick in the same order */
        assert_int_equal(fired_at[k], 0xFFFFFFF1u + (uint32_t)(k / 100));
    }
    assert_int_equal(w.count, 100);
    assert_true(timer_wheel_check(&w));
}

static void check_notices_damage(void **state)
{
    (void)state;
    struct timer_wheel w;
    setup(&w, 0);
    timer_wheel_add(&w, &items[0].t, 5000);
    assert_true(timer_wheel_check(&w));
    items[0].t.deadline = 70; /* wrong slot for it */
    assert_false(timer_wheel_check(&w));
    items[0].t.deadline = 5000;
    w.count++;
    assert_false(timer_wheel_check(&w));
}

/* The model: each armed timer's deadline and arming number; what must fire
 * at a tick is every timer due then, by arming number. */
static uint32_t model_deadline[MAXT];
static unsigned model_seq[MAXT], next_seq;
static int model_armed[MAXT];

static void random_runs_match_a_model(void **state)
{
    (void)state;
    static const uint32_t starts[] = {0, 0x3FFC0, 0xFFFFF000u, 0x7FFFFFF0u, 0xFFFFFFFFu - 70000};
    srand(14);
    for (unsigned run = 0; run < sizeof(starts) / sizeof(starts[0]); run++) {
        struct timer_wheel w;
        setup(&w, starts[run]);
        for (int i = 0; i < MAXT; i++)
            model_armed[i] = 0;
        for (int round = 0; round < 3000; round++) {
            int i = rand() % 64, op = rand() % 8;
            if (op < 4 && !model_armed[i]) {
                static const uint32_t scale[] = {8, 100, 5000, 300000};
                uint32_t ticks = 1 + (uint32_t)rand() % scale[op];
                timer_wheel_add(&w, &items[i].t, ticks);
                model_deadline[i] = w.now + ticks;
                model_seq[i] = next_seq++;
                model_armed[i] = 1;
            } else if (op == 4 && model_armed[i]) {
                timer_wheel_cancel(&w, &items[i].t);
                model_armed[i] = 0;
            } else {
                uint32_t ticks = 1 + (uint32_t)rand() % (op == 7 ? 600 : 20);
                for (uint32_t k = 0; k < ticks; k++) {
                    uint32_t t = w.now + 1;
                    nfired = 0;
                    timer_wheel_advance(&w, t, record, NULL);
                    int want = 0;
                    for (;;) { /* the due timers, lowest arming number first */
                        int best = -1;
                        for (int j = 0; j < 64; j++)
                            if (model_armed[j] && model_deadline[j] == t &&
                                (best < 0 || model_seq[j] < model_seq[best]))
                                best = j;
                        if (best < 0)
                            break;
                        assert_true(want < nfired);
                        assert_int_equal(fired[want++], best);
                        model_armed[best] = 0;
                    }
                    assert_int_equal(nfired, want);
                }
            }
            unsigned armed = 0;
            for (int j = 0; j < 64; j++)
                armed += model_armed[j];
            assert_int_equal(w.count, armed);
            assert_true(timer_wheel_check(&w));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fires_at_its_tick_not_before),
        cmocka_unit_test(deadlines_fire_in_order),
        cmocka_unit_test(same_deadline_fires_in_arming_order),
        cmocka_unit_test(far_deadlines_cross_the_wrap),
        cmocka_unit_test(the_largest_delay_waits),
        cmocka_unit_test(bad_delays_and_double_arming_assert),
        cmocka_unit_test(cancelled_timers_never_fire),
        cmocka_unit_test(fire_may_arm_again),
        cmocka_unit_test(check_notices_damage),
        cmocka_unit_test(random_runs_match_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
