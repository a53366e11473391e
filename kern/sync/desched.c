/*
 * desched.c - deschedule and make_runnable (desched.h).
 *
 * desched_lock (LOCK_RANK_DESCHED) makes the caller's test and the sleep
 * one step for a waker: desched_wake_tid takes the same lock, so it cannot
 * slip in between the test and the moment the thread sleeps on
 * `descheduled` (waitq_wait_mutex releases the lock only with waitq_lock
 * held).  The queue itself is guarded by waitq_lock, as every waitq.
 * A thread killed before it got here was woken by nobody: the wait
 * refuses to start (-E_INTR).
 */
#include "sync/desched.h"

#include <abi/errors.h>

#include "arch/cpu.h"
#include "sched/waitq.h"
#include "sync/cond.h"
#include "sync/mutex.h"

static struct mutex desched_lock;
static struct waitq descheduled; /* threads in deschedule (waitq_lock) */

void desched_init(void)
{
    mutex_init(&desched_lock, LOCK_RANK_DESCHED, "desched");
    waitq_init(&descheduled, "deschedule");
}

int desched_sleep(int (*reject)(void *arg), void *arg)
{
    mutex_lock(&desched_lock);
    int r = reject(arg);
    if (r != 0) {
        mutex_unlock(&desched_lock);
        return r < 0 ? r : 0;
    }
    return waitq_wait_mutex(&descheduled, &desched_lock, WAITQ_INTR | WAITQ_UNLOCKED);
}

int desched_wake_tid(int tid)
{
    mutex_lock(&desched_lock);
    uint32_t was = waitq_lock();
    struct thread *t = thread_lookup(tid);
    int ret = -E_SRCH;
    if (t && t->state == THREAD_BLOCKED && t->waitq == &descheduled) {
        waitq_wake_thread(t);
        ret = 0;
    }
    waitq_unlock(was);
    mutex_unlock(&desched_lock);
    return ret;
}
