/*
 * alloc_fail.c - allocation-failure injection, so tests can prove that
 * every allocation failure on a system-call path is survived and that
 * whatever was half built is freed.
 *
 * A task arms it through the extension call failinject(n) (vector 0x82):
 * the n-th allocation - kmalloc, frame_alloc or frame_reserve - made from
 * then on by any thread of that task fails, once.  Other tasks are never
 * affected, so a program can only hurt itself, as if memory had run out.
 * The armed task is named by tid (never reused), so a task that exits
 * armed leaves nothing behind.  exec disarms.  Whether the last arming
 * fired is one machine-wide flag, reported by every call and cleared only
 * by the next arming, so a parent can learn what happened in its child.
 * State is guarded by fail_lock, a spinlock (allocators call in from any
 * context, the frame pool's with its own spinlock held).  Which task the caller belongs to is the owner
 * function's to say (proc/ registers it: memory management knows no tasks).
 */
#include "mm/alloc_fail.h"

#include "lock/spinlock.h"

SPINLOCK_DEFINE(fail_lock, LOCK_RANK_ALLOCFAIL, "allocfail");
static volatile int armed_tid; /* 0: disarmed */
static uint32_t countdown;
static bool fired;
static int (*owner)(void); /* the calling thread's task id; set once, at boot */

void alloc_fail_set_owner(int (*task_id)(void)) { owner = task_id; }

int alloc_fail_arm(int n)
{
    uint32_t was = spin_lock_irqsave(&fail_lock);
    int did_fire = fired;
    if (n > 0)
        fired = false; /* a new arming starts afresh; disarming only reports */
    countdown = (uint32_t)n;
    armed_tid = n > 0 ? owner() : 0;
    spin_unlock_irqrestore(&fail_lock, was);
    return did_fire;
}

bool alloc_fail_now(void)
{
    if (!armed_tid) /* the usual case: one load */
        return false;
    uint32_t was = spin_lock_irqsave(&fail_lock);
    bool fail = false;
    if (owner() == armed_tid && --countdown == 0) {
        fail = fired = true;
        armed_tid = 0;
    }
    spin_unlock_irqrestore(&fail_lock, was);
    return fail;
}

void alloc_fail_disarm_task(int tid)
{
    uint32_t was = spin_lock_irqsave(&fail_lock);
    if (armed_tid == tid)
        armed_tid = 0;
    spin_unlock_irqrestore(&fail_lock, was);
}
