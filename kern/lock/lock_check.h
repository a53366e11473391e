/*
 * lock_check.h - the run-time check of lock_order.h, done by mutex_lock
 * and mutex_unlock.
 *
 * Each thread keeps a struct lock_held (in struct thread, touched only by
 * the thread itself): a bitmask of the ranks it holds, the name of the mutex
 * held at each of those ranks (for the panic message) and a count of all the
 * mutexes it holds.  One slot per rank is enough because two mutexes of
 * one rank never nest (that is an order violation too).  So the check is
 * a shift and a test, and release is clearing a bit: no list to search.
 *
 * Rules checked when a thread takes m:
 *   - m ranked: the thread holds no mutex of m's rank or higher;
 *   - m unranked (LOCK_RANK_NONE): the thread holds no ranked mutex.
 * A violation panics, naming m and the highest-ranked mutex held, before
 * the thread can block on m.
 *
 * The checks are on in every build (make test runs them).  Only the boot
 * option lockcheck=off turns them off, checks and bookkeeping both, so
 * that make bench can measure what they cost; it is read before the first
 * mutex is taken, so no mutex is recorded on one side only.
 */
#ifndef SYNC_LOCK_CHECK_H
#define SYNC_LOCK_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "lock/lock_order.h"

_Static_assert(LOCK_RANK_COUNT <= 32, "one bit per rank in struct lock_held");

struct lock_held {
    uint32_t ranks;                  /* bit r: holds a mutex of rank r (r > LOCK_RANK_NONE) */
    const char *at[LOCK_RANK_COUNT]; /* at[r]: that mutex's name, where bit r is set */
    uint32_t count;                  /* mutexes held, ranked or not */
};

extern bool lock_check_enabled; /* false only with lockcheck=off (make bench) */

/* Panics: taking the mutex `name` of this rank breaks the order, given h. */
void lock_order_violation(const struct lock_held *h, const char *name, enum lock_rank rank)
    __attribute__((noreturn));

/* Before taking the mutex `name` of this rank. */
static inline void lock_check_order(const struct lock_held *h, const char *name, enum lock_rank rank)
{
    uint32_t conflicts = rank == LOCK_RANK_NONE ? h->ranks : h->ranks >> rank;
    if (conflicts)
        lock_order_violation(h, name, rank);
}

/* The thread now holds the mutex `name`, of this rank. */
static inline void lock_note_acquired(struct lock_held *h, const char *name, enum lock_rank rank)
{
    if (!lock_check_enabled)
        return;
    h->count++;
    h->ranks |= (1u << rank) & ~1u; /* bit 0 (LOCK_RANK_NONE) is never set */
    h->at[rank] = name;
}

/* The thread gave up a mutex of this rank, which it holds. */
static inline void lock_note_released(struct lock_held *h, enum lock_rank rank)
{
    if (!lock_check_enabled)
        return;
    h->count--;
    h->ranks &= ~((1u << rank) & ~1u);
}

/* The name of a rank, for messages. */
const char *lock_rank_name(enum lock_rank rank);

/* Parse the boot option lockcheck=on|off (main.c). */
void lock_check_set(bool on);

#endif
