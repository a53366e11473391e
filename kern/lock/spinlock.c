/*
 * spinlock.c - the slow halves of spinlock.h: waiting for a ticket, and the
 * panic when a CPU holds a spinlock where it may not.
 */
#include "lock/spinlock.h"

#include "lib/assert.h"

struct lock_held spin_held_by_cpu[SMP_MAX_CPUS];

void spin_wait(struct spinlock *l, uint16_t t)
{
    while (__atomic_load_n(&l->serving, __ATOMIC_ACQUIRE) != t)
        __asm__ volatile("pause" ::: "memory");
}

void spin_violation(const char *doing, const char *name)
{
    const struct lock_held *h = spin_held_here();
    int top = h->ranks ? 31 - __builtin_clz(h->ranks) : 0;
    panic("lock order: %s %s while holding the spinlock %s (rank %d, %s)", doing, name,
          h->ranks ? h->at[top] : "?", top, lock_rank_name((enum lock_rank)top));
}
