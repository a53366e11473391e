/*
 * tlb.c - TLB shootdowns: keeping other CPUs' cached translations honest
 * when an address space they may have loaded loses or tightens a mapping
 * (mmu_flush), or is about to be freed (mmu_release).
 *
 * cpus[c].pd_loaded is the directory CPU c has in %cr3 (written by c just
 * before it loads one).  A CPU that edits a directory's PTEs, then wants
 * every other CPU with that directory loaded to drop its stale
 * translations:
 *   1. publishes the edits and takes a new generation number (one locked
 *      add: a full barrier, so the PTE stores are visible before it reads
 *      pd_loaded; a CPU that loads the directory after that read
 *      walks the new PTEs anyway);
 *   2. sends an NMI to each CPU with the directory loaded;
 *   3. waits until each has acknowledged that generation or a later one.
 * A target, in its NMI handler, reads the generation, reloads %cr3 (which
 * drops every user translation: user PTEs are never global) and then
 * acknowledges what it read: every edit made before that generation is
 * covered.  For mmu_release the directory is also named in dying[initiator]
 * and a target that has it loaded moves to the kernel's directory instead.
 *
 * Lazy CPUs.  A CPU running a kernel thread (an idle one above all) keeps
 * the last task's directory loaded (mmu_borrow) but touches no user
 * address, so its stale user translations do no harm until it runs a task
 * again.  An ordinary flush passes such a CPU by: the initiator sets its
 * tlb_stale and then reads its tlb_lazy; the CPU, leaving lazy mode
 * (tlb_leave_lazy), clears tlb_lazy and then takes tlb_stale back, and
 * reloads %cr3 if it was set.  Both sides store, then read the other's
 * word, with sequentially consistent atomics, so at least one sees the
 * other: either the initiator sees the CPU is no longer lazy and sends the
 * NMI, or the CPU sees the stale mark and flushes before any user access.
 * A release still sends the NMI to lazy CPUs: the directory is about to be
 * freed and must not stay loaded anywhere.  Page tables are freed only
 * with their directory (vm_destroy), so a lazy CPU never walks a freed one.
 *
 * Why an NMI and not an ordinary IPI: the initiator may hold spinlocks and
 * have interrupts off (a page-table run holds the frame pool's lock), and
 * a target may be spinning for that very lock with its interrupts off.  An
 * NMI is taken regardless, and the handler touches nothing but %cr3 and
 * its own acknowledgement word, so it can never wait for anyone.  NMIs
 * that arrive while one is being handled coalesce into one; that is
 * enough, because the handler always serves the newest generation.
 *
 * With one CPU online none of this runs (smp_several): mmu_flush stays a
 * local invlpg.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/mmu.h"
#include "arch/smp.h"
#include "arch/x86/cpu.h"
#include "arch/x86/lapic.h"
#include "arch/x86/paging.h"

static volatile uint32_t generation;
static volatile uint32_t acked[SMP_MAX_CPUS]; /* the generation each CPU last served */
static volatile uint32_t dying[SMP_MAX_CPUS]; /* per initiator: the directory being released, or 0 */
static uint32_t shootdowns;                   /* NMIs sent, for kstats (atomic) */

uint32_t tlb_shootdown_count(void) { return __atomic_load_n(&shootdowns, __ATOMIC_RELAXED); }

void tlb_shootdown_nmi(void)
{
    unsigned me = smp_cpu_id();
    uint32_t g = __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
    if (acked[me] == g)
        return;
    uint32_t pd = smp_cpu(me)->pd_loaded;
    for (unsigned i = 0; i < SMP_MAX_CPUS; i++)
        if (dying[i] && dying[i] == pd)
            pd = paging_kernel_pd();
    paging_load_cr3(pd); /* the same directory again: a flush of every user translation */
    __atomic_store_n(&acked[me], g, __ATOMIC_RELEASE);
}

/* Interrupts off.  CPU c, with the flushed directory loaded, runs no user
 * code: mark it stale instead of interrupting it, if it still is lazy once
 * the mark is visible. */
static bool passed_by(struct cpu *c)
{
    __atomic_store_n(&c->tlb_stale, 1, __ATOMIC_SEQ_CST);
    return __atomic_load_n(&c->tlb_lazy, __ATOMIC_SEQ_CST) != 0;
}

void tlb_leave_lazy(uint32_t pd)
{
    struct cpu *me = this_cpu();
    __atomic_store_n(&me->tlb_lazy, 0, __ATOMIC_SEQ_CST);
    if (__atomic_exchange_n(&me->tlb_stale, 0, __ATOMIC_SEQ_CST) || me->pd_loaded != pd)
        paging_load_cr3(pd);
}

/* Interrupts off.  Have every other CPU with pd loaded drop its user
 * translations (dying: and move off pd), and wait until they have. */
static void shoot(uint32_t pd, bool is_dying)
{
    unsigned me = smp_cpu_id();
    if (is_dying)
        dying[me] = pd;
    uint32_t g = __atomic_add_fetch(&generation, 1, __ATOMIC_SEQ_CST);
    uint32_t targets = 0;
    for (unsigned c = 0; c < percpu_ncpus; c++) {
        if (c == me || smp_cpu(c)->pd_loaded != pd || !smp_cpu(c)->online)
            continue;
        if (!is_dying && passed_by(smp_cpu(c)))
            continue;
        targets |= 1u << c;
        lapic_send_nmi(smp_cpu(c)->apic_id);
        __atomic_fetch_add(&shootdowns, 1, __ATOMIC_RELAXED);
    }
    for (; targets; targets &= targets - 1) {
        unsigned c = (unsigned)__builtin_ctz(targets);
        while ((int32_t)(__atomic_load_n(&acked[c], __ATOMIC_ACQUIRE) - g) < 0)
            __asm__ volatile("pause" ::: "memory");
    }
    dying[me] = 0;
}

void tlb_flush_others(uint32_t pd)
{
    if (smp_several)
        shoot(pd, false);
}

void tlb_release_others(uint32_t pd)
{
    if (smp_several)
        shoot(pd, true);
}
