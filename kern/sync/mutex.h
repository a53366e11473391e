/*
 * mutex.h - the kernel mutex: blocking, fair (waiters are served in arrival
 * order, ownership is handed over directly on unlock), built on an atomic
 * XCHG of the lock word.  Ranked: see lock_order.h.
 *
 * May sleep: call with interrupts enabled, never from an IRQ handler.
 */
#ifndef SYNC_MUTEX_H
#define SYNC_MUTEX_H

#include <stdbool.h>
#include <stdint.h>

#include "sched/sched.h"
#include "sched/waitq.h"
#include "sync/lock_order.h"

struct thread;

struct mutex {
    volatile uint32_t locked; /* 1 while owned; xchg'd */
    struct thread *owner;     /* interrupts off to change */
    struct waitq waiters;     /* blocked threads in arrival order (interrupts off) */
    enum lock_rank rank;
    const char *name;
};

void mutex_init(struct mutex *m, enum lock_rank rank, const char *name);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
/* Does the calling thread own m?  For assert(mutex_held(&x)); inline, as
 * such asserts sit on fork's, exit's and wait's paths. */
static inline bool mutex_held(const struct mutex *m) { return m->locked && m->owner == sched_current(); }

#endif
