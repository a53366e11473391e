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
 * is one word of its own (arch/smp.h, cpu_spin_ranks): bit r set while it
 * holds the spinlock of rank r.  A lock's rank is fixed where it is
 * defined (const), so for the kernel's static locks the compiler folds it:
 * the order check is one test of that word, taking and releasing one or
 * and one and.  Always on (lockcheck=off turns off only the mutexes'
 * bookkeeping).
 */
#ifndef SYNC_SPINLOCK_H
#define SYNC_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include <abi/kstats.h>

#include "arch/cpu.h"
#include "arch/smp.h"
#include "lock/lock_check.h"

/* The part that changes. */
struct spin_ticket {
    volatile uint16_t next;    /* the next ticket handed out */
    volatile uint16_t serving; /* the ticket whose CPU holds the lock */
};

/* The lock: a const object, so that its rank and ticket address are
 * constants wherever it is taken. */
struct spinlock {
    struct spin_ticket *ticket;
    enum lock_rank rank; /* one of the spinlock ranks (lock_order.h) */
    const char *name;
};

/* Defines the static spinlock var, of rank r, named n. */
#define SPINLOCK_DEFINE(var, r, n)                                                                           \
    static struct spin_ticket var##_ticket;                                                                  \
    static const struct spinlock var = {.ticket = &var##_ticket, .rank = (r), .name = (n)}

/* Out of line: wait for ticket t of the lock of rank r (taken by others),
 * and count the wait (spin_contention). */
void spin_wait(struct spin_ticket *k, uint16_t t, enum lock_rank r);

/* What waiting for the spinlock of rank r has cost since boot, summed over
 * the CPUs (make bench's contention rows, through kstats).  Each CPU's
 * counts are its own, written with interrupts off; a reader on another CPU
 * sees each as one word, never torn, perhaps one wait behind. */
struct spin_contention {
    uint32_t waits;     /* times a CPU found the lock taken and waited */
    uint32_t tsc_units; /* rdtsc ticks spent so waiting >> KSTATS_TSC_SHIFT (wraps) */
};
void spin_contention(enum lock_rank r, struct spin_contention *out);
/* Panics: the running CPU holds a spinlock where none may be held, while
 * `doing` (e.g. "taking the mutex") `name`. */
void spin_violation(const char *doing, const char *name) __attribute__((noreturn));

/* Interrupts off.  Take l. */
static inline void spin_lock(const struct spinlock *l)
{
    if (cpu_spin_ranks() >> l->rank)
        spin_violation("taking the spinlock", l->name); /* one of l's rank or higher: the order */
    struct spin_ticket *k = l->ticket;
    uint16_t t = __atomic_fetch_add(&k->next, 1, __ATOMIC_ACQUIRE);
    if (__atomic_load_n(&k->serving, __ATOMIC_ACQUIRE) != t)
        spin_wait(k, t, l->rank);
    cpu_spin_ranks_add(1u << l->rank);
}

/* Interrupts off.  Give l up (the running CPU holds it). */
static inline void spin_unlock(const struct spinlock *l)
{
    struct spin_ticket *k = l->ticket;
    cpu_spin_ranks_remove(1u << l->rank);
    __atomic_store_n(&k->serving, (uint16_t)(k->serving + 1), __ATOMIC_RELEASE);
}

/* Interrupts off, then take l; returns the old interrupt state. */
static inline uint32_t spin_lock_irqsave(const struct spinlock *l)
{
    uint32_t was = irq_save();
    spin_lock(l);
    return was;
}

static inline void spin_unlock_irqrestore(const struct spinlock *l, uint32_t was)
{
    spin_unlock(l);
    irq_restore(was);
}

/* Does the running CPU hold the spinlock of rank r?  For an assert where
 * the lock itself is out of sight (waitq_locked). */
static inline bool spin_rank_held(enum lock_rank r) { return (cpu_spin_ranks() >> r) & 1u; }

/* Does the running CPU hold l?  For assert(spin_held(&x)). */
static inline bool spin_held(const struct spinlock *l) { return spin_rank_held(l->rank); }

/* Does the running CPU hold any spinlock?  Before anything that may sleep. */
static inline bool spin_any_held(void) { return cpu_spin_ranks() != 0; }

/* Does it hold exactly l (what the scheduler's lock allows a blocking
 * thread)? */
static inline bool spin_held_only(const struct spinlock *l) { return cpu_spin_ranks() == 1u << l->rank; }

#endif
