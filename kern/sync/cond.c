/*
 * cond.c - condition variables (see cond.h), built on wait queues and
 * waitq_wait_mutex (cond.h).
 */
#include "sync/cond.h"

#include "arch/cpu.h"

void cond_init(struct cond *c) { waitq_init(&c->waiters, "cond"); }

void cond_wait(struct cond *c, struct mutex *m) { (void)waitq_wait_mutex(&c->waiters, m, 0); }

int cond_wait_interruptible(struct cond *c, struct mutex *m)
{
    return waitq_wait_mutex(&c->waiters, m, WAITQ_INTR);
}

void cond_signal(struct cond *c)
{
    uint32_t was = waitq_lock();
    waitq_wake_one(&c->waiters);
    waitq_unlock(was);
}

void cond_broadcast(struct cond *c)
{
    uint32_t was = waitq_lock();
    waitq_wake_all(&c->waiters);
    waitq_unlock(was);
}
