/*
 * sleep.c - sleeping for a number of ticks.
 *
 * A sleeper arms its thread's timer (thread.sleep_timer) on one timing
 * wheel and waits on the `sleepers` wait queue, whose order means nothing
 * (the thread dump and ps name it "sleep").  Arming is O(1) and the tick
 * does O(1) amortised work plus one wake-up per sleeper due, however many
 * threads sleep (issue 14: a sorted queue made each sleep O(sleepers)).
 *
 * Cancel.  A kill (task_vanish -> waitq_interrupt) ends the wait but not
 * the timer: the thread disarms it itself as soon as it runs again, still
 * under waitq_lock.  Until then the timer may fire for a thread that no
 * longer sleeps here, so wake_sleeper wakes only a thread on `sleepers`
 * (thread_chaos gets there: without that test it panics about one run in
 * two, in waitq_wake_thread's assert).
 *
 * Locking: the wheel, the queue and every sleep_timer are guarded by
 * waitq_lock (the tick runs in CPU 0's clock interrupt).
 */
#include "sched/sleep.h"

#include "arch/cpu.h"
#include "lib/assert.h"
#include "sched/clock.h"
#include "sched/sched.h"
#include "sched/timer_wheel.h"
#include "sched/waitq.h"

static struct waitq sleepers;
static struct timer_wheel wheel;

void sleep_init(void)
{
    waitq_init(&sleepers, "sleep");
    timer_wheel_init(&wheel, clock_ticks());
}

static void wake_sleeper(struct tw_timer *timer, void *arg)
{
    (void)arg;
    struct thread *t = container_of(timer, struct thread, sleep_timer);
    if (t->waitq == &sleepers) /* not if a kill woke it first */
        waitq_wake_thread(t);
}

void sleep_tick(uint32_t now)
{
    uint32_t was = waitq_lock();
    timer_wheel_advance(&wheel, now, wake_sleeper, NULL);
    waitq_unlock(was);
}

int sched_sleep_ticks(uint32_t ticks)
{
    if (ticks == 0)
        return 0;
    uint32_t was = waitq_lock();
    struct thread *self = sched_current();
    timer_wheel_add(&wheel, &self->sleep_timer, ticks);
    int ret = waitq_wait(&sleepers, WAITQ_INTR);
    timer_wheel_cancel(&wheel, &self->sleep_timer); /* armed still if killed */
    waitq_unlock(was);
    return ret;
}
