/*
 * cond.h - kernel condition variables, used with struct mutex: a thin
 * layer over a wait queue (sched/waitq.h), whose contract they share.
 *
 * cond_wait atomically releases the mutex and sleeps (waitq_wait_mutex:
 * the release and the enqueue happen under waitq_lock, so a signal cannot
 * slip between them), then re-takes the mutex before returning.
 * Waiters wake in FIFO order.  cond_wait_interruptible also returns (with
 * -E_INTR, mutex held) when the task is killed.  Both may sleep: interrupts
 * on, the mutex held.  cond_signal and cond_broadcast may be called from
 * any context but under a spinlock (they take waitq_lock themselves), with
 * or without the mutex.
 */
#ifndef SYNC_COND_H
#define SYNC_COND_H

#include <stdint.h>

#include "arch/cpu.h"
#include "sched/waitq.h"
#include "sync/mutex.h"

struct cond {
    struct waitq waiters; /* threads, FIFO; waitq_lock */
};

/* Interrupts on, m held.  Release m and sleep on q in one step, then
 * retake m (also after -E_INTR) unless flags has WAITQ_UNLOCKED.  Same
 * results as waitq_wait.  May sleep.  The primitive under cond_wait; also
 * wait() (tasks_lock) and deschedule (desched_lock) use it.  Inline: it
 * is on the measured deschedule and wait paths. */
static inline int waitq_wait_mutex(struct waitq *q, struct mutex *m, unsigned flags)
{
    uint32_t was = waitq_lock();
    mutex_unlock_waitq_locked(
        m); /* asserts that we hold m; waitq_lock stays held until we are on q and asleep */
    int r = waitq_wait(q, flags);
    waitq_unlock(was);
    if (!(flags & WAITQ_UNLOCKED))
        mutex_lock(m);
    return r;
}

void cond_init(struct cond *c);
void cond_wait(struct cond *c, struct mutex *m);
int cond_wait_interruptible(struct cond *c, struct mutex *m);
void cond_signal(struct cond *c);
void cond_broadcast(struct cond *c);

#endif
