/*
 * mutex.h - the kernel mutex: blocking, fair (waiters are served in arrival
 * order, ownership is handed over directly on unlock), built on atomic
 * operations on the lock word.  Ranked: see lock_order.h.
 *
 * May sleep: call with interrupts enabled, never from an IRQ handler.
 */
#ifndef SYNC_MUTEX_H
#define SYNC_MUTEX_H

#include <stdbool.h>
#include <stdint.h>

#include "lock/lock_order.h"
#include "sched/sched.h"
#include "sched/waitq.h"

struct thread;

struct mutex {
    volatile uint32_t locked; /* 0 free, 1 held, 2 held and wanted (mutex.c) */
    struct thread *owner;     /* the holder; set by it, or by hand-over under waitq_lock */
    struct waitq waiters;     /* blocked threads in arrival order (waitq_lock) */
    bool passed;              /* the first waiter was passed over: hand it m (waitq_lock) */
    bool waking;              /* a waiter woken to try again has not yet (waitq_lock) */
    enum lock_rank rank;
    const char *name;
};

void mutex_init(struct mutex *m, enum lock_rank rank, const char *name);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
/* mutex_unlock for a caller that already holds waitq_lock (waitq_wait_mutex:
 * release and sleep in one step). */
void mutex_unlock_waitq_locked(struct mutex *m);
/* How many times a thread has found a mutex taken and slept on it, since
 * boot: make bench's contention rows. */
uint32_t mutex_sleeps(void);
/* Does the calling thread own m?  For assert(mutex_held(&x)); inline, as
 * such asserts sit on fork's, exit's and wait's paths. */
static inline bool mutex_held(const struct mutex *m) { return m->locked && m->owner == sched_current(); }

#endif
