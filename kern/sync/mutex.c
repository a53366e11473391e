/*
 * mutex.c - fair blocking mutex.
 *
 * The lock word: 0 free, 1 held, 2 held and perhaps wanted (a thread
 * failed to take it and is, or is about to be, on the waiters' queue).
 * Fast paths, no lock: take is one cmpxchg 0 -> 1, release one cmpxchg
 * 1 -> 0.  Slow paths run under the scheduler's lock (waitq_lock), which
 * guards the waiters' queue:
 *   - take: swap in 2; if the word was 0 the mutex is ours, else sleep on
 *     the queue (FIFO; not interruptible: mutex waits are short).  A
 *     releaser that sees 2 must take waitq_lock too, so it cannot miss a
 *     thread that swapped in 2 and has not yet gone to sleep.
 *   - release (the word is 2): hand ownership to the first waiter without
 *     ever freeing the word, so nobody can barge in ahead of the queue;
 *     the word stays 2 while more threads wait, else 1; with no waiter at
 *     all it becomes 0.
 * Each thread keeps the ranks of the mutexes it holds to enforce
 * lock_order.h (lock/lock_check.h), and a CPU holding a spinlock may take
 * no mutex.  A mutex taken before the scheduler has a current thread is
 * not recorded.
 */
#include "sync/mutex.h"

#include "arch/cpu.h"
#include "lib/assert.h"
#include "lock/lock_check.h"
#include "lock/spinlock.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "sched/waitq.h"

#define FREE   0u
#define HELD   1u
#define WANTED 2u

void mutex_init(struct mutex *m, enum lock_rank rank, const char *name)
{
    assert(rank < LOCK_RANK_SPIN_FIRST);
    m->locked = FREE;
    m->owner = NULL;
    waitq_init(&m->waiters, name);
    m->rank = rank;
    m->name = name;
}

static bool cas(volatile uint32_t *word, uint32_t from, uint32_t to)
{
    return __atomic_compare_exchange_n(word, &from, to, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
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
    if (spin_any_held())
        spin_violation("taking the mutex", m->name);
    assert(!sched_running() || irq_enabled());
    if (self)
        lock_check_order(&self->locks, m->name, m->rank);
    if (cas(&m->locked, FREE, HELD)) {
        note_acquired(m, self);
        return;
    }
    assert(self && m->owner != self);
    uint32_t was = waitq_lock();
    if (__atomic_exchange_n(&m->locked, WANTED, __ATOMIC_ACQUIRE) == FREE) {
        note_acquired(m, self);
    } else {
        waitq_wait(&m->waiters, 0);
        assert(m->owner == self); /* handed over by mutex_unlock */
        lock_note_acquired(&self->locks, m->name, m->rank);
    }
    waitq_unlock(was);
}

/* waitq_lock held; the word is WANTED.  Hand m over, or free it. */
static void hand_over(struct mutex *m)
{
    struct thread *next = waitq_wake_one(&m->waiters);
    if (!next) {
        m->owner = NULL;
        __atomic_store_n(&m->locked, FREE, __ATOMIC_RELEASE);
        return;
    }
    m->owner = next; /* before it runs: it runs only once we release waitq_lock */
    __atomic_store_n(&m->locked, waitq_first(&m->waiters) ? WANTED : HELD, __ATOMIC_RELEASE);
}

/* Give m up; the caller holds waitq_lock iff locked. */
static void release(struct mutex *m, bool locked)
{
    struct thread *self = sched_current();
    assert(m->locked != FREE && m->owner == self);
    if (self)
        lock_note_released(&self->locks, m->rank);
    m->owner = NULL;
    if (cas(&m->locked, HELD, FREE))
        return;
    uint32_t was = locked ? 0 : waitq_lock();
    hand_over(m);
    if (!locked)
        waitq_unlock(was);
}

void mutex_unlock(struct mutex *m) { release(m, false); }

void mutex_unlock_waitq_locked(struct mutex *m) { release(m, true); }
