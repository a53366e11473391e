/*
 * sys_thread.c - thread management: gettid, yield, deschedule,
 * make_runnable, sleep, get_ticks, misbehave.
 */
#include <abi/errors.h>

#include "sched/clock.h"
#include "sched/sched.h"
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

int sys_deschedule(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    return sched_deschedule_user(arg[0]);
}

int sys_make_runnable(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    return sched_make_runnable_tid((int)arg[0]);
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
