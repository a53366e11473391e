/*
 * spinlock.c - the slow halves of spinlock.h: waiting for a ticket, and the
 * panic when a CPU holds a spinlock where it may not.
 */
#include "lock/spinlock.h"

#include "lib/assert.h"

void spin_wait(struct spin_ticket *k, uint16_t t)
{
    while (__atomic_load_n(&k->serving, __ATOMIC_ACQUIRE) != t)
        __asm__ volatile("pause" ::: "memory");
}

void spin_violation(const char *doing, const char *name)
{
    uint32_t held = cpu_spin_ranks();
    int top = held ? 31 - __builtin_clz(held) : 0;
    panic("lock order: %s %s while holding the spinlock %s (rank %d)", doing, name,
          lock_rank_name((enum lock_rank)top), top);
}
