/*
 * sys_thread.c - thread management: gettid, yield, deschedule,
 * make_runnable, sleep, get_ticks, misbehave.
 */
#include <abi/errors.h>

#include "mm/uaccess.h"
#include "sched/clock.h"
#include "sched/sched.h"
#include "sync/desched.h"
#include "syscall/syscall.h"

int sys_gettid(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    (void)arg;
    return sched_current()->tid;
}

int sys_yield(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    int tid = (int)arg[0];
    if (tid == -1) {
        sched_yield();
        return 0;
    }
    return sched_yield_to(tid);
}

/* Under the scheduler's deschedule lock: the user's reject word, read
 * now so that no make_runnable slips in before the thread sleeps. */
static int read_reject(void *ureject)
{
    int reject = 0;
    int r = copy_from_user(&reject, (uint32_t)ureject, sizeof(reject));
    return r < 0 ? r : reject != 0;
}

int sys_deschedule(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    return desched_sleep(read_reject, (void *)arg[0]);
}

int sys_make_runnable(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    return desched_wake_tid((int)arg[0]);
}

int sys_sleep(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    int ticks = (int)arg[0];
    if (ticks < 0)
        return -E_INVAL;
    sched_sleep_ticks((uint32_t)ticks);
    return 0;
}

int sys_get_ticks(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    (void)arg;
    return (int)clock_ticks();
}

int sys_misbehave(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    sched_set_misbehave((int)arg[0]);
    return 0;
}
