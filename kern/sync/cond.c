/*
 * cond.c - condition variables (see cond.h).
 */
#include "sync/cond.h"

#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "sched/sched.h"

void cond_init(struct cond *c) { list_init(&c->waiters); }

static int wait_common(struct cond *c, struct mutex *m, bool interruptible)
{
    assert(mutex_held(m));
    uint32_t was = irq_save();
    mutex_unlock(m); /* interrupts stay off until we are on the list and asleep */
    int r = sched_sleep_on(&c->waiters, interruptible);
    irq_restore(was);
    mutex_lock(m);
    return r;
}

void cond_wait(struct cond *c, struct mutex *m) { (void)wait_common(c, m, false); }

int cond_wait_interruptible(struct cond *c, struct mutex *m) { return wait_common(c, m, true); }

void cond_signal(struct cond *c)
{
    uint32_t was = irq_save();
    sched_wakeup_first(&c->waiters);
    irq_restore(was);
}

void cond_broadcast(struct cond *c)
{
    uint32_t was = irq_save();
    while (sched_wakeup_first(&c->waiters))
        ;
    irq_restore(was);
}
