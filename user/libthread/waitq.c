/*
 * waitq.c - sleeping and waking library waiters (see waitq.h).
 */
#include "waitq.h"

void waiter_sleep(struct thr_waiter *w)
{
    while (!w->woken)
        deschedule((int *)&w->woken);
}

void waiter_wake(struct thr_waiter *w)
{
    int tid = w->tid; /* w may be gone once woken is set */
    __atomic_store_n(&w->woken, 1, __ATOMIC_RELEASE);
    make_runnable(tid); /* fails harmlessly if it has not gone to sleep yet */
}
