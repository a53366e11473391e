/*
 * cond.c - condition variables.  cv->guard protects the waiter queue.
 *
 * cond_wait queues its record before it releases the mutex, so a signal
 * sent by anyone who takes the mutex afterwards finds it; the record's
 * woken flag makes a signal that arrives before the sleep stick.
 */
#include <assert.h>
#include <cond.h>
#include <syscall.h>

#include "waitq.h"

#define COND_MAGIC 0x636f6e64 /* "cond" */

int cond_init(cond_t *cv)
{
    if (!cv)
        return -1;
    cv->guard = 0;
    cv->head = cv->tail = NULL;
    cv->magic = COND_MAGIC;
    return 0;
}

void cond_destroy(cond_t *cv)
{
    spin_lock(&cv->guard);
    int busy = cv->head != NULL;
    cv->magic = 0;
    spin_unlock(&cv->guard);
    if (busy)
        panic("cond_destroy: condition variable %p has waiters", (void *)cv);
}

void cond_wait(cond_t *cv, mutex_t *mp)
{
    if (cv->magic != COND_MAGIC)
        panic("cond_wait: condition variable %p is not initialized", (void *)cv);
    struct thr_waiter w = {.tid = gettid()};
    spin_lock(&cv->guard);
    waitq_push(&cv->head, &cv->tail, &w);
    spin_unlock(&cv->guard);
    mutex_unlock(mp);
    waiter_sleep(&w);
    mutex_lock(mp);
}

void cond_signal(cond_t *cv)
{
    spin_lock(&cv->guard);
    struct thr_waiter *w = waitq_pop(&cv->head, &cv->tail);
    spin_unlock(&cv->guard);
    if (w)
        waiter_wake(w);
}

void cond_broadcast(cond_t *cv)
{
    spin_lock(&cv->guard);
    struct thr_waiter *w = cv->head;
    cv->head = cv->tail = NULL;
    spin_unlock(&cv->guard);
    while (w) {
        struct thr_waiter *next = w->next; /* before w can vanish */
        waiter_wake(w);
        w = next;
    }
}
