/*
 * lock_check.c - the slow half of lock_check.h: the panic message and the
 * boot switch.  Pure logic (no mutex, no thread): host-tested by
 * tests/unit/test_lock_check.c.
 */
#include "lock/lock_check.h"

#include "lib/assert.h"

bool lock_check_enabled = true;

void lock_check_set(bool on) { lock_check_enabled = on; }

const char *lock_rank_name(enum lock_rank rank)
{
    static const char *const names[LOCK_RANK_COUNT] = {
        [LOCK_RANK_NONE] = "unranked",   [LOCK_RANK_READLINE] = "readline",
        [LOCK_RANK_DESCHED] = "desched", [LOCK_RANK_TASKS] = "tasks",
        [LOCK_RANK_VM] = "vm",           [LOCK_RANK_REAP] = "reap",
        [LOCK_RANK_CONSOLE] = "console", [LOCK_RANK_HEAP] = "heap",
        [LOCK_RANK_SCHED] = "sched",     [LOCK_RANK_INPUT] = "input",
        [LOCK_RANK_FRAMES] = "frames",   [LOCK_RANK_ALLOCFAIL] = "allocfail",
        [LOCK_RANK_SCREEN] = "screen",   [LOCK_RANK_TRACE] = "trace",
    };
    return (unsigned)rank < LOCK_RANK_COUNT && names[rank] ? names[rank] : "?";
}

void lock_order_violation(const struct lock_held *h, const char *name, enum lock_rank rank)
{
    int top = 31 - __builtin_clz(h->ranks); /* h->ranks != 0 here */
    panic("lock order: taking %s (rank %d, %s) while holding %s (rank %d, %s)", name, rank,
          lock_rank_name(rank), h->at[top], top, lock_rank_name((enum lock_rank)top));
}
