/*
 * mutex.c - fair blocking mutex.
 *
 * The lock word: 0 free, 1 held, 2 held and perhaps wanted (a thread
 * failed to take it and is, or is about to be, on the waiters' queue).
 * Fast paths, no lock: take is one cmpxchg 0 -> 1, release one cmpxchg
 * 1 -> 0.  Slow paths run under the scheduler's lock (waitq_lock), which
 * guards the waiters' queue and the two flags:
 *   - take: swap in 2; if the word was 0 the mutex is ours, else sleep on
 *     the queue (FIFO; not interruptible: mutex waits are short).  A
 *     releaser that sees 2 must take waitq_lock too, so it cannot miss a
 *     thread that swapped in 2 and has not yet gone to sleep.
 *   - release (the word is 2), one of three:
 *       passed: the first waiter was passed over once; hand it ownership
 *         without ever freeing the word (2 while more wait, else 1);
 *       waking: a waiter woken by an earlier release has not yet tried
 *         again; free the word (its try sets 2 again, whatever it finds);
 *       else: free the word and wake the first waiter, to try again.
 *   - a waiter woken to try again swaps in 2: 0, and the mutex is its;
 *     else a running thread took it first, and it sleeps again at the
 *     front of the queue, passed, so the next release hands it over.
 * Why not always hand over: the mutex would stay idle, owned by a thread
 * still being woken, while running threads queue up behind it, and under
 * contention every taking would cost a sleep and a wake-up (a convoy: at 2
 * CPUs fork, exit and wait ran slower than at 1).  Fair still: waiters
 * keep their order, and each is passed over at most once, during its own
 * wake-up.
 * sleeps counts the times a thread found a mutex taken and slept on it
 * (under waitq_lock, which every slow path holds).
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
    m->passed = m->waking = false;
    waitq_init(&m->waiters, name);
    m->rank = rank;
    m->name = name;
}

static uint32_t sleeps; /* waitq_lock */

uint32_t mutex_sleeps(void) { return __atomic_load_n(&sleeps, __ATOMIC_RELAXED); }

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
    unsigned flags = 0;
    while (__atomic_exchange_n(&m->locked, WANTED, __ATOMIC_ACQUIRE) != FREE) {
        if (flags) /* woken to try again, and a running thread was first */
            m->passed = true;
        sleeps++;
        waitq_wait(&m->waiters, flags);
        if (m->owner == self) { /* handed over by mutex_unlock */
            lock_note_acquired(&self->locks, m->name, m->rank);
            waitq_unlock(was);
            return;
        }
        m->waking = false;
        flags = WAITQ_FRONT;
    }
    note_acquired(m, self);
    waitq_unlock(was);
}

/* waitq_lock held; the word is WANTED.  Hand m over, or free it (and
 * perhaps wake the first waiter to try again). */
static void hand_over(struct mutex *m)
{
    if (m->passed) {
        struct thread *next = waitq_wake_one(&m->waiters);
        assert(next);
        m->passed = false;
        m->owner = next; /* before it runs: it runs only once we release waitq_lock */
        __atomic_store_n(&m->locked, waitq_first(&m->waiters) ? WANTED : HELD, __ATOMIC_RELEASE);
        return;
    }
    m->owner = NULL;
    __atomic_store_n(&m->locked, FREE, __ATOMIC_RELEASE);
    if (!m->waking && waitq_wake_one(&m->waiters))
        m->waking = true;
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
