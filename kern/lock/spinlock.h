/*
 * spinlock.h - the kernel's spinlock: a ticket lock, taken with interrupts
 * off on the taking CPU, for data that interrupt handlers touch or that is
 * edited in stretches that must not sleep (the scheduler's queues, the
 * frame pool, the input ring, console output).  Mutexes (mutex.h) are for
 * everything else.
 *
 * A ticket lock serves CPUs in the order they asked: each takes the next
 * number from `next` (one locked xadd) and spins until `serving` shows it,
 * so no CPU starves while others take the lock again and again.
 *
 * Rules (docs/locking.md), checked at run time like the mutexes' order
 * (lock/lock_check.h), per CPU, not per thread:
 *   - interrupts are off from spin_lock to spin_unlock (the _irqsave forms
 *     turn them off and give back the old state): an interrupt handler on
 *     the same CPU that wanted the lock would otherwise spin for ever;
 *   - spinlocks are ranked above every mutex (lock_order.h): a CPU holding
 *     a spinlock takes no mutex, and takes spinlocks only in increasing rank;
 *   - nothing blocks while holding one, except that the scheduler's lock is
 *     held across the context switch itself (sched.c hands it over to the
 *     thread switched to, on the same CPU).
 * A violation panics at once, naming both locks.
 *
 * Every spinlock rank names one lock (lock_order.h), so what a CPU holds
 * is one word, spin_ranks_held[cpu]: bit r set while it holds the
 * spinlock of rank r.  The order check is a shift and a test, spin_held a
 * shift and a mask; both are always on (lockcheck=off turns off only the
 * mutexes' bookkeeping), and cost a few instructions per lock.
 */
#ifndef SYNC_SPINLOCK_H
#define SYNC_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/cpu.h"
#include "arch/smp.h"
#include "lock/lock_check.h"

struct spinlock {
    volatile uint16_t next;    /* the next ticket handed out */
    volatile uint16_t serving; /* the ticket whose CPU holds the lock */
    enum lock_rank rank;       /* one of the spinlock ranks (lock_order.h) */
    const char *name;
};

#define SPINLOCK_INIT(r, n)                                                                                  \
    {                                                                                                        \
        .next = 0, .serving = 0, .rank = (r), .name = (n)                                                    \
    }

/* Bit r of entry c: CPU c holds the spinlock of rank r.  Each CPU writes
 * only its own entry, with interrupts off. */
extern uint32_t spin_ranks_held[SMP_MAX_CPUS];

/* The running CPU's entry (interrupts off). */
static inline uint32_t *spin_held_here(void) { return &spin_ranks_held[smp_cpu_id()]; }

/* Out of line: wait for ticket t (the lock is taken by others). */
void spin_wait(struct spinlock *l, uint16_t t);
/* Panics: the running CPU holds a spinlock where none may be held, while
 * `doing` (e.g. "taking the mutex") `name`. */
void spin_violation(const char *doing, const char *name) __attribute__((noreturn));

/* Interrupts off.  Take l. */
static inline void spin_lock(struct spinlock *l)
{
    uint32_t *held = spin_held_here();
    if (*held >> l->rank)
        spin_violation("taking the spinlock", l->name); /* one of l's rank or higher: the order */
    uint16_t t = __atomic_fetch_add(&l->next, 1, __ATOMIC_ACQUIRE);
    if (__atomic_load_n(&l->serving, __ATOMIC_ACQUIRE) != t)
        spin_wait(l, t);
    *held |= 1u << l->rank;
}

/* Interrupts off.  Give l up (the running CPU holds it). */
static inline void spin_unlock(struct spinlock *l)
{
    *spin_held_here() &= ~(1u << l->rank);
    __atomic_store_n(&l->serving, (uint16_t)(l->serving + 1), __ATOMIC_RELEASE);
}

/* Interrupts off, then take l; returns the old interrupt state. */
static inline uint32_t spin_lock_irqsave(struct spinlock *l)
{
    uint32_t was = irq_save();
    spin_lock(l);
    return was;
}

static inline void spin_unlock_irqrestore(struct spinlock *l, uint32_t was)
{
    spin_unlock(l);
    irq_restore(was);
}

/* Does the running CPU hold l?  For assert(spin_held(&x)). */
static inline bool spin_held(const struct spinlock *l) { return (*spin_held_here() >> l->rank) & 1u; }

/* Does the running CPU hold any spinlock?  Before anything that may sleep. */
static inline bool spin_any_held(void) { return *spin_held_here() != 0; }

/* Does it hold exactly l (what the scheduler's lock allows a blocking
 * thread)? */
static inline bool spin_held_only(const struct spinlock *l) { return *spin_held_here() == 1u << l->rank; }

#endif
