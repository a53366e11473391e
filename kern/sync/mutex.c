/*
 * mutex.c - fair blocking mutex.
 *
 * Fast path: one XCHG on the lock word.  Slow path (interrupts off, so the
 * check and the enqueue are atomic on our single CPU): sleep on the
 * waiters' wait queue (FIFO; not interruptible: mutex waits are short).
 * Unlock hands ownership to the first waiter without ever clearing the
 * lock word, so nobody can barge in ahead of the queue.
 * Each thread keeps the ranks of the mutexes it holds to enforce
 * lock_order.h (sync/lock_check.h).  A mutex taken before the scheduler
 * has a current thread is not recorded.
 */
#include "sync/mutex.h"

#include "arch/cpu.h"
#include "lib/assert.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "sched/waitq.h"
#include "sync/lock_check.h"

void mutex_init(struct mutex *m, enum lock_rank rank, const char *name)
{
    m->locked = 0;
    m->owner = NULL;
    waitq_init(&m->waiters, name);
    m->rank = rank;
    m->name = name;
}

static void note_acquired(struct mutex *m, struct thread *self)
{
    m->owner = self;
    if (self)
        lock_note_acquired(&self->locks, m->name, m->rank);
}

void mutex_lock(struct mutex *m)
{
    struct thread *self = sched_current();
    assert(!sched_running() || irq_enabled());
    if (self)
        lock_check_order(&self->locks, m->name, m->rank);
    if (xchg(&m->locked, 1) == 0) {
        note_acquired(m, self);
        return;
    }
    assert(self && m->owner != self);
    uint32_t was = irq_save();
    if (xchg(&m->locked, 1) == 0) {
        note_acquired(m, self);
    } else {
        waitq_wait(&m->waiters, 0);
        assert(m->owner == self); /* handed over by mutex_unlock */
        lock_note_acquired(&self->locks, m->name, m->rank);
    }
    irq_restore(was);
}

void mutex_unlock(struct mutex *m)
{
    struct thread *self = sched_current();
    assert(m->locked && m->owner == self);
    if (self)
        lock_note_released(&self->locks, m->rank);
    uint32_t was = irq_save();
    struct thread *next = waitq_wake_one(&m->waiters);
    if (next) {
        m->owner = next; /* before it runs: interrupts are off */
    } else {
        m->owner = NULL;
        xchg(&m->locked, 0);
    }
    irq_restore(was);
}
