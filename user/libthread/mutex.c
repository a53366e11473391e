/*
 * mutex.c - fair user-space mutexes.
 *
 * An unlock with waiters hands the mutex straight to the first of them
 * (locked stays 1), so nobody can barge in between: waiters acquire in
 * arrival order and none starves.  mp->guard protects every field.
 */
#include <assert.h>
#include <mutex.h>
#include <syscall.h>

#include "waitq.h"

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

void mutex_lock(mutex_t *mp)
{
    if (mp->magic != MUTEX_MAGIC)
        panic("mutex_lock: mutex %p is not initialized", (void *)mp);
    spin_lock(&mp->guard);
    if (!mp->locked) { /* the common case costs no system call */
        mp->locked = 1;
        spin_unlock(&mp->guard);
        return;
    }
    struct thr_waiter w = {.tid = gettid()};
    waitq_push(&mp->head, &mp->tail, &w);
    spin_unlock(&mp->guard);
    waiter_sleep(&w); /* woken by the unlock that handed the mutex to us */
}

void mutex_unlock(mutex_t *mp)
{
    spin_lock(&mp->guard);
    struct thr_waiter *next = waitq_pop(&mp->head, &mp->tail);
    if (!next)
        mp->locked = 0; /* else handed straight over: stays locked */
    spin_unlock(&mp->guard);
    if (next)
        waiter_wake(next);
}
