/*
 * mutex.c - user-space mutexes that stay fast when threads of a task run
 * on several CPUs at once, and in which no waiter starves.
 *
 * mp->guard protects every field.  Waiters queue first come, first
 * served; the first in line moves through three states (waiter.line):
 *   ASLEEP     asleep in deschedule, nobody has called it yet;
 *   CALLED     an unlock freed the mutex and woke it to take it: it
 *              competes with whoever runs, and stays first in line;
 *   PASSED     it was called and found the mutex taken again: the next
 *              unlock hands the mutex straight to it (locked stays 1).
 * Why not always hand over, strictly in order: the thread handed the
 * mutex must first get a CPU, and until it does the mutex is held by
 * nobody running.  With threads on two CPUs contending, every lock then
 * cost a deschedule and a make_runnable (a convoy: thr_malloc's churn ran
 * 3x slower on 2 CPUs than on 1).  Letting a running thread take a free
 * mutex ahead of a waiter that is still waking keeps the mutex with
 * threads that run; a waiter is passed over at most once.
 */
#include <assert.h>
#include <mutex.h>
#include <syscall.h>

#include "waitq.h"

enum line { ASLEEP, CALLED, PASSED };

struct waiter {
    struct thr_waiter w; /* first: the queue holds &w */
    enum line line;      /* guard */
    volatile int handed; /* set by the unlock that gave us the mutex */
};

int mutex_init(mutex_t *mp)
{
    if (!mp)
        return -1;
    mp->guard = 0;
    mp->locked = 0;
    mp->head = mp->tail = NULL;
    mp->magic = MUTEX_MAGIC;
    return 0;
}

void mutex_destroy(mutex_t *mp)
{
    spin_lock(&mp->guard);
    int busy = mp->locked || mp->head;
    mp->magic = 0;
    spin_unlock(&mp->guard);
    if (busy)
        panic("mutex_destroy: mutex %p is locked or has waiters", (void *)mp);
}

/* Guard held: take mp if it is free. */
static int take_if_free(mutex_t *mp)
{
    if (mp->locked)
        return 0;
    mp->locked = 1;
    return 1;
}

void mutex_lock(mutex_t *mp)
{
    if (mp->magic != MUTEX_MAGIC)
        panic("mutex_lock: mutex %p is not initialized", (void *)mp);
    spin_lock(&mp->guard);
    if (take_if_free(mp)) { /* the common case costs no system call */
        spin_unlock(&mp->guard);
        return;
    }
    struct waiter me = {.w = {.tid = gettid()}, .line = ASLEEP};
    waitq_push(&mp->head, &mp->tail, &me.w);
    for (;;) {
        spin_unlock(&mp->guard);
        waiter_sleep(&me.w);
        if (me.handed)
            return; /* off the queue, and the mutex is ours */
        spin_lock(&mp->guard);
        assert(mp->head == &me.w && me.line == CALLED);
        if (take_if_free(mp)) {
            waitq_pop(&mp->head, &mp->tail);
            spin_unlock(&mp->guard);
            return;
        }
        me.line = PASSED; /* the next unlock hands it to us */
        me.w.woken = 0;
    }
}

void mutex_unlock(mutex_t *mp)
{
    spin_lock(&mp->guard);
    struct waiter *first = (struct waiter *)mp->head;
    if (first && first->line == PASSED) {
        waitq_pop(&mp->head, &mp->tail);
        first->handed = 1; /* locked stays 1: nobody can take it first */
    } else {
        mp->locked = 0;
        if (first && first->line == CALLED)
            first = NULL; /* already woken: it will compete */
        else if (first)
            first->line = CALLED;
    }
    spin_unlock(&mp->guard);
    if (first)
        waiter_wake(&first->w);
}
