/*
 * cond.c - condition variables (see cond.h), built on wait queues, and
 * the release-and-sleep step under them (waitq_wait_mutex).
 */
#include "sync/cond.h"

#include "arch/cpu.h"

int waitq_wait_mutex(struct waitq *q, struct mutex *m, unsigned flags)
{
    uint32_t was = irq_save();
    mutex_unlock(m); /* asserts that we hold m; interrupts stay off until we are on q and asleep */
    int r = waitq_wait(q, flags);
    irq_restore(was);
    if (!(flags & WAITQ_UNLOCKED))
        mutex_lock(m);
    return r;
}

void cond_init(struct cond *c) { waitq_init(&c->waiters, "cond"); }

void cond_wait(struct cond *c, struct mutex *m) { (void)waitq_wait_mutex(&c->waiters, m, 0); }

int cond_wait_interruptible(struct cond *c, struct mutex *m)
{
    return waitq_wait_mutex(&c->waiters, m, WAITQ_INTR);
}

void cond_signal(struct cond *c)
{
    uint32_t was = irq_save();
    waitq_wake_one(&c->waiters);
    irq_restore(was);
}

void cond_broadcast(struct cond *c)
{
    uint32_t was = irq_save();
    waitq_wake_all(&c->waiters);
    irq_restore(was);
}
