/*
 * waitq.h - the wait queue: the one way a thread blocks below the system
 * calls.  Every wait in the kernel (wait(), readline/getchar, sleep,
 * deschedule, a contended mutex, a condition variable, console room, the
 * reaper and the heartbeat) is a waitq_wait* on some struct waitq.
 *
 * A waitq is a FIFO list of sleeping threads (sleep keeps its order of
 * deadlines apart, on a timing wheel: sched/sleep.c).  It is implemented in
 * sched/sched.c, beside the run queue: sleeping and waking are the
 * scheduler's block and make-runnable.  Every wait queue is guarded by the
 * scheduler's spinlock, taken as waitq_lock() (interrupts off with it), so
 * a wake-up may come from an interrupt handler (input, the tick) or from
 * another CPU.
 *
 * No lost wake-ups.  A waiter tests its condition and goes to sleep in one
 * section that a waker cannot enter:
 *   - waitq_lock (waitq_wait): test the condition with the lock held, then
 *     call; the thread is on the queue before the lock is released (by the
 *     switch to the next thread).  The condition is written under the same
 *     lock, or before a waker takes it to wake (the input ring: dev/tty.c).
 *   - a mutex (waitq_wait_mutex): test under the mutex; the mutex is
 *     released with waitq_lock already held, so a waker that takes the
 *     mutex and then wakes finds the thread on the queue.  Condition-
 *     variable style: the mutex is retaken before returning (unless
 *     WAITQ_UNLOCKED).  Lock order: the mutex is taken before the
 *     spinlock, never the other way round.
 * A wake-up only makes the thread runnable; it retests its condition (a
 * loop around the wait) unless the waker handed it what it waited for.
 *
 * Interruptibility.  With WAITQ_INTR, task_vanish ends the wait
 * (waitq_interrupt) and it returns -E_INTR; a thread already killed does
 * not sleep at all (-E_INTR at once), so a kill that came before the wait
 * is not lost either.  Without it, only a wake-up ends the wait (mutexes,
 * the console, kernel threads: waits that are short or never need ending).
 */
#ifndef SCHED_WAITQ_H
#define SCHED_WAITQ_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/list.h"
#include "lock/spinlock.h"
#include "sched/thread.h"

struct mutex;

struct waitq {
    struct list sleepers; /* threads (qnode); waitq_lock */
    const char *name;     /* what they wait for: the thread dump */
};

#define WAITQ_INTR     0x1u /* a kill of the task ends the wait: -E_INTR */
#define WAITQ_UNLOCKED 0x2u /* waitq_wait_mutex: return without the mutex */
#define WAITQ_FRONT    0x4u /* waitq_wait: sleep at the front (a mutex waiter passed over) */

static inline void waitq_init(struct waitq *q, const char *name)
{
    list_init(&q->sleepers);
    q->name = name;
}

/* The scheduler's spinlock, which guards every wait queue: take it (and
 * turn interrupts off) / give it back / does this CPU hold it?  Inline:
 * every block and wake-up takes it.  Its ticket (sched.c's) is the one
 * shared part; the descriptor is a constant in each file that includes
 * this, so that rank and ticket address fold into the code as with
 * SPINLOCK_DEFINE. */
extern struct spin_ticket sched_lock_ticket;
static const struct spinlock sched_lock = {
    .ticket = &sched_lock_ticket, .rank = LOCK_RANK_SCHED, .name = "sched"};
static inline uint32_t waitq_lock(void) { return spin_lock_irqsave(&sched_lock); }
static inline void waitq_unlock(uint32_t was) { spin_unlock_irqrestore(&sched_lock, was); }
static inline bool waitq_locked(void) { return spin_held(&sched_lock); }

/* waitq_lock held (it is held again on return).  Sleep on q until woken:
 * 0, or -E_INTR (WAITQ_INTR only) if the task was killed. */
int waitq_wait(struct waitq *q, unsigned flags);
/* waitq_wait_mutex (release a mutex and sleep in one step): sync/cond.h,
 * above the mutex it releases. */

/* waitq_lock held.  Wake t, which sleeps on some waitq (t->waitq). */
void waitq_wake_thread(struct thread *t);
/* waitq_lock held.  Wake every sleeper of q, in order. */
void waitq_wake_all(struct waitq *q);
/* waitq_lock held.  If t sleeps with WAITQ_INTR, end its wait: -E_INTR;
 * if it runs on another CPU, make that CPU trap so t sees it was killed. */
void waitq_interrupt(struct thread *t);

/* waitq_lock held.  The first sleeper of q, or NULL; it stays asleep. */
static inline struct thread *waitq_first(const struct waitq *q)
{
    struct list_node *n = list_front(&q->sleepers);
    return n ? list_entry(n, struct thread, qnode) : NULL;
}

/* waitq_lock held.  Wake the first sleeper of q; it, or NULL if none.
 * Inline: every mutex_unlock asks, and the queue is nearly always empty. */
static inline struct thread *waitq_wake_one(struct waitq *q)
{
    struct list_node *n = list_front(&q->sleepers);
    if (!n)
        return NULL;
    struct thread *t = list_entry(n, struct thread, qnode);
    waitq_wake_thread(t);
    return t;
}

#endif
