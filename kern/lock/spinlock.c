/*
 * spinlock.c - the slow halves of spinlock.h: waiting for a ticket, what
 * the waits cost, and the panic when a CPU holds a spinlock where it may
 * not.
 *
 * The cost of waiting is counted per CPU and per spinlock rank (each rank
 * names one lock, lock_order.h), only on the slow path: taking a free
 * lock costs nothing more.  A CPU writes only its own counts, and only
 * while it takes a spinlock, so with interrupts off: no lock guards them.
 */
#include "lock/spinlock.h"

#include "lib/assert.h"

#define SPIN_RANKS (LOCK_RANK_COUNT - LOCK_RANK_SPIN_FIRST)

struct spin_waited {
    volatile uint32_t waits;
    volatile uint32_t tsc_units; /* tsc >> KSTATS_TSC_SHIFT: what another CPU reads, one word */
    uint64_t tsc;                /* rdtsc ticks spent waiting */
};

static struct spin_waited waited[SMP_MAX_CPUS][SPIN_RANKS];

void spin_wait(struct spin_ticket *k, uint16_t t, enum lock_rank r)
{
    assert(r >= LOCK_RANK_SPIN_FIRST && r < LOCK_RANK_COUNT);
    uint64_t t0 = rdtsc();
    while (__atomic_load_n(&k->serving, __ATOMIC_ACQUIRE) != t)
        __asm__ volatile("pause" ::: "memory");
    struct spin_waited *w = &waited[smp_cpu_id()][r - LOCK_RANK_SPIN_FIRST];
    w->tsc += rdtsc() - t0;
    w->tsc_units = (uint32_t)(w->tsc >> KSTATS_TSC_SHIFT);
    w->waits = w->waits + 1;
}

void spin_contention(enum lock_rank r, struct spin_contention *out)
{
    assert(r >= LOCK_RANK_SPIN_FIRST && r < LOCK_RANK_COUNT);
    out->waits = out->tsc_units = 0;
    for (unsigned c = 0; c < SMP_MAX_CPUS; c++) {
        out->waits += waited[c][r - LOCK_RANK_SPIN_FIRST].waits;
        out->tsc_units += waited[c][r - LOCK_RANK_SPIN_FIRST].tsc_units;
    }
}

void spin_violation(const char *doing, const char *name)
{
    uint32_t held = cpu_spin_ranks();
    int top = held ? 31 - __builtin_clz(held) : 0;
    panic("lock order: %s %s while holding the spinlock %s (rank %d)", doing, name,
          lock_rank_name((enum lock_rank)top), top);
}
