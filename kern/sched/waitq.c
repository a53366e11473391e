/*
 * waitq.c - wait queues (see waitq.h).
 *
 * A sleeping thread is BLOCKED, its qnode is on q->sleepers and
 * t->waitq == q; a wake-up takes it off and puts it on the run queue
 * (sched_make_runnable clears t->waitq).  interrupted says which of a
 * wake-up or a kill ended the wait.  All of it with interrupts off.
 */
#include "sched/waitq.h"

#include <abi/errors.h>

#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "sched/sched.h"
#include "sync/mutex.h"

void waitq_init(struct waitq *q, const char *name)
{
    list_init(&q->sleepers);
    q->name = name;
}

/* Interrupts off: the calling thread sleeps on q, in front of `before`
 * (NULL: at the back). */
static int sleep_on(struct waitq *q, struct list_node *before, unsigned flags)
{
    struct thread *self = sched_current();
    assert(!irq_enabled());
    bool intr = (flags & WAITQ_INTR) != 0;
    if (intr && self->killed)
        return -E_INTR; /* task_vanish came first and found no wait to end */
    self->state = THREAD_BLOCKED;
    self->waitq = q;
    self->interruptible = intr;
    self->interrupted = false;
    list_insert_before(before ? before : &q->sleepers.head, &self->qnode);
    sched_block();
    self->interruptible = false;
    return self->interrupted ? -E_INTR : 0;
}

int waitq_wait(struct waitq *q, unsigned flags) { return sleep_on(q, NULL, flags); }

int waitq_wait_ordered(struct waitq *q, uint32_t key, unsigned flags)
{
    assert(!irq_enabled());
    sched_current()->wait_key = key;
    struct list_node *n;
    list_for_each(n, &q->sleepers) {
        if ((int32_t)(list_entry(n, struct thread, qnode)->wait_key - key) > 0)
            return sleep_on(q, n, flags);
    }
    return sleep_on(q, NULL, flags);
}

int waitq_wait_mutex(struct waitq *q, struct mutex *m, unsigned flags)
{
    assert(mutex_held(m));
    uint32_t was = irq_save();
    mutex_unlock(m); /* interrupts stay off until we are on q and asleep */
    int r = sleep_on(q, NULL, flags);
    irq_restore(was);
    if (!(flags & WAITQ_UNLOCKED))
        mutex_lock(m);
    return r;
}

void waitq_wake_thread(struct thread *t)
{
    assert(!irq_enabled());
    assert(t->state == THREAD_BLOCKED && t->waitq);
    list_remove(&t->qnode);
    sched_make_runnable(t);
}

struct thread *waitq_wake_one(struct waitq *q)
{
    struct thread *t = waitq_first(q);
    if (t)
        waitq_wake_thread(t);
    return t;
}

void waitq_wake_all(struct waitq *q)
{
    while (waitq_wake_one(q))
        ;
}

void waitq_interrupt(struct thread *t)
{
    assert(!irq_enabled());
    if (t->state != THREAD_BLOCKED || !t->interruptible)
        return;
    t->interrupted = true;
    waitq_wake_thread(t);
}
