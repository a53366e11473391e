/*
 * test_lock_check.c - proves the lock-order check (kern/lock/lock_check.c):
 * mutexes taken in increasing rank pass, and so does a ranked one under
 * unranked ones; a second mutex of a held rank, a lower rank than one held
 * (even when a lower-ranked one was released out of order in between) and
 * an unranked one under a ranked one each panic; releasing makes a rank
 * free again; the count follows every mutex, ranked or not; and with the
 * checks off (lockcheck=off) nothing panics and nothing is recorded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

/* Under HOST_UNIT_TEST the kernel's panic is not defined: abort, which
 * death_test.h recognises. */
#define panic(...) (fprintf(stderr, __VA_ARGS__), abort())
#include "../../kern/lock/lock_check.c"
#include "death_test.h"

static struct lock_held held;

static void reset(void)
{
    held = (struct lock_held){0};
    lock_check_enabled = true;
}

/* Take the mutex named after its rank. */
static void take(enum lock_rank r)
{
    lock_check_order(&held, lock_rank_name(r), r);
    lock_note_acquired(&held, lock_rank_name(r), r);
}

static void drop(enum lock_rank r) { lock_note_released(&held, r); }

static void assert_holds_nothing(void)
{
    assert_int_equal(held.count, 0);
    assert_int_equal(held.ranks, 0);
}

static void increasing_order_passes(void **state)
{
    (void)state;
    reset();
    take(LOCK_RANK_NONE);
    take(LOCK_RANK_READLINE);
    take(LOCK_RANK_TASKS);
    take(LOCK_RANK_VM);
    take(LOCK_RANK_CONSOLE);
    assert_int_equal(held.count, 5);
    assert_int_equal(held.ranks, (1u << LOCK_RANK_READLINE) | (1u << LOCK_RANK_TASKS) | (1u << LOCK_RANK_VM) |
                                     (1u << LOCK_RANK_CONSOLE));
    assert_string_equal(held.at[LOCK_RANK_VM], "vm");
    drop(LOCK_RANK_CONSOLE);
    drop(LOCK_RANK_VM);
    drop(LOCK_RANK_TASKS);
    drop(LOCK_RANK_READLINE);
    drop(LOCK_RANK_NONE);
    assert_holds_nothing();
}

static void same_rank_twice(void *arg)
{
    (void)arg;
    take(LOCK_RANK_VM);
    take(LOCK_RANK_VM);
}

static void lower_after_higher(void *arg)
{
    (void)arg;
    take(LOCK_RANK_CONSOLE);
    take(LOCK_RANK_TASKS);
}

/* Holding DESCHED and VM, DESCHED released first: TASKS is still below VM. */
static void lower_after_out_of_order_release(void *arg)
{
    (void)arg;
    take(LOCK_RANK_DESCHED);
    take(LOCK_RANK_VM);
    drop(LOCK_RANK_DESCHED);
    take(LOCK_RANK_TASKS);
}

static void unranked_under_ranked(void *arg)
{
    (void)arg;
    take(LOCK_RANK_TASKS);
    take(LOCK_RANK_NONE);
}

static void violations_panic(void **state)
{
    (void)state;
    reset();
    expect_abort(same_rank_twice, NULL);
    expect_abort(lower_after_higher, NULL);
    expect_abort(lower_after_out_of_order_release, NULL);
    expect_abort(unranked_under_ranked, NULL);
}

static void release_frees_the_rank(void **state)
{
    (void)state;
    reset();
    take(LOCK_RANK_DESCHED);
    take(LOCK_RANK_VM);
    drop(LOCK_RANK_VM);
    take(LOCK_RANK_TASKS); /* below the released VM, above the held DESCHED */
    take(LOCK_RANK_VM);
    assert_int_equal(held.count, 3);
}

static void unranked_nest_among_themselves(void **state)
{
    (void)state;
    reset();
    take(LOCK_RANK_NONE);
    take(LOCK_RANK_NONE);
    take(LOCK_RANK_CONSOLE);
    assert_int_equal(held.count, 3);
    assert_int_equal(held.ranks, 1u << LOCK_RANK_CONSOLE);
}

static void checks_off_never_panic(void **state)
{
    (void)state;
    reset();
    lock_check_set(false);
    take(LOCK_RANK_CONSOLE);
    take(LOCK_RANK_TASKS);
    take(LOCK_RANK_NONE);
    assert_holds_nothing(); /* not even recorded */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(increasing_order_passes), cmocka_unit_test(violations_panic),
        cmocka_unit_test(release_frees_the_rank),  cmocka_unit_test(unranked_nest_among_themselves),
        cmocka_unit_test(checks_off_never_panic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
