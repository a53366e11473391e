/*
 * paging.c - kernel page tables, the kmap slots, and the x86 side of
 * kern/arch/mmu.h (see paging.h for the memory map).
 *
 * Invariants:
 *   - every page directory's entries 0..3 point at the same four kernel
 *     page tables, so the kmap slots (in the fourth) are the same in every
 *     address space, and their global PTEs survive %cr3 loads;
 *   - kmap_depth[cpu] slots of that CPU are in use, the lowest first;
 *     a slot keeps its last mapping after kunmap, so mapping the same
 *     frame again costs no invlpg;
 *   - the loaded directory is always a live one: mmu_release moves every
 *     CPU off a directory before it is freed (kernel threads switch no
 *     %cr3); struct cpu's pd_loaded says which one each CPU has, for the
 *     shootdowns of tlb.c.
 * The kmap state of a CPU is touched only with interrupts off on it.
 */
#include "arch/x86/paging.h"

#include <abi/layout.h>

#include "arch/mmu.h"
#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "lib/string.h"

#define KERNEL_PTS      (USER_MEM_START / MMU_PT_SPAN)
#define KMAP_PTE0       (MMU_PT_ENTRIES - KMAP_PAGES) /* first slot's entry in the last kernel page table */
/* A slot's PTE with accessed and dirty already set, so the CPU never
 * rewrites it and "already maps pa" is one compare. */
#define KMAP_BITS       (PTE_P | PTE_W | PTE_G | PTE_A | PTE_D)
/* Beyond this many pages a flush reloads %cr3 instead of one invlpg each. */
#define FLUSH_PAGES_MAX 64u

static pte_t kernel_pts[KERNEL_PTS][MMU_PT_ENTRIES] __attribute__((aligned(4096)));
static pte_t kernel_pd[MMU_PT_ENTRIES] __attribute__((aligned(4096)));
static uint32_t kmap_depth[SMP_MAX_CPUS];

/* Every %cr3 load, for kstats: each one flushes the TLB, which TCG makes
 * expensive, so benchmarks report them per operation. */
static uint32_t cr3_loads; /* atomic */

/* Interrupts off (or in an NMI, which only reloads what is loaded). */
void paging_load_cr3(uint32_t pd_pa)
{
    __atomic_fetch_add(&cr3_loads, 1, __ATOMIC_RELAXED);
    PERCPU_WRITE(pd_loaded, pd_pa); /* before the load: see tlb.c */
    write_cr3(pd_pa);
}

static inline void invlpg(const void *va) { __asm__ volatile("invlpg (%0)" ::"r"(va) : "memory"); }

/* The kmap slots' CPU: the running one (interrupts are off). */
static inline uint32_t kmap_cpu(void) { return smp_cpu_id(); }

uint32_t paging_cr3_loads(void) { return cr3_loads; }

uint32_t paging_kernel_pd(void) { return (uint32_t)kernel_pd; }

volatile void *paging_map_mmio(enum mmio_page page, uint32_t pa)
{
    uint32_t va = MMIO_BASE + (uint32_t)page * PAGE_SIZE;
    kernel_pts[KERNEL_PTS - 1][PT_INDEX(va)] =
        PAGE_ROUND_DOWN(pa) | PTE_P | PTE_W | PTE_G | PTE_PCD | PTE_PWT;
    invlpg((const void *)va);
    return (volatile void *)(va + (pa & 0xFFFu));
}

void paging_init(void)
{
    for (uint32_t t = 0; t < KERNEL_PTS; t++) {
        for (uint32_t i = 0; i < MMU_PT_ENTRIES; i++) {
            uint32_t pa = (t * MMU_PT_ENTRIES + i) * PAGE_SIZE;
            kernel_pts[t][i] = pa ? (pa | PTE_P | PTE_W | PTE_G) : 0;
        }
        kernel_pd[t] = (uint32_t)kernel_pts[t] | PTE_P | PTE_W;
    }
    for (uint32_t i = PT_INDEX(MMIO_BASE); i < MMU_PT_ENTRIES; i++)
        kernel_pts[KERNEL_PTS - 1][i] = 0; /* device pages and kmap slots start empty */

    write_cr4(read_cr4() | CR4_PSE | CR4_PGE);
    paging_load_cr3((uint32_t)kernel_pd);
    write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

/* ------------------------------------------------------------ kmap */

void *kmap(uint32_t pa)
{
    assert(!irq_enabled());
    uint32_t cpu = kmap_cpu();
    uint32_t slot = cpu * KMAP_SLOTS + kmap_depth[cpu]++;
    assert(kmap_depth[cpu] <= KMAP_SLOTS);
    pte_t *pte = &kernel_pts[KERNEL_PTS - 1][KMAP_PTE0 + slot];
    void *va = (void *)(KMAP_BASE + slot * PAGE_SIZE);
    if (*pte != (pa | KMAP_BITS)) {
        *pte = pa | KMAP_BITS;
        invlpg(va);
    }
    return va;
}

void kunmap(const void *va)
{
    uint32_t cpu = kmap_cpu();
    assert(!irq_enabled() && kmap_depth[cpu] > 0);
    uint32_t slot = cpu * KMAP_SLOTS + --kmap_depth[cpu];
    assert(PAGE_ROUND_DOWN(va) == KMAP_BASE + slot * PAGE_SIZE);
    (void)va;
    (void)slot;
}

/* ------------------------------------------------------------ directories */

void mmu_release(uint32_t pd)
{
    assert(!irq_enabled());
    if (cpu_pd_loaded() == pd)
        paging_load_cr3((uint32_t)kernel_pd);
    tlb_release_others(pd);
}

void mmu_pd_init(uint32_t pd_pa)
{
    pte_t *pd = kmap(pd_pa);
    mmu_page_zero(pd);
    memcpy(pd, kernel_pd, KERNEL_PTS * sizeof(pte_t));
    kunmap(pd);
}

uint32_t mmu_pt_get(uint32_t pd_pa, uint32_t va)
{
    assert(va >= USER_MEM_START);
    const pte_t *pd = kmap(pd_pa);
    pte_t pde = pd[PD_INDEX(va)];
    kunmap(pd);
    return (pde & PTE_P) ? PTE_ADDR(pde) : 0;
}

void mmu_pt_set(uint32_t pd_pa, uint32_t va, uint32_t pt)
{
    assert(va >= USER_MEM_START);
    pte_t *pd = kmap(pd_pa);
    /* User and writable at this level; each PTE decides. */
    pd[PD_INDEX(va)] = pt ? (pt | PTE_P | PTE_W | PTE_U) : 0;
    kunmap(pd);
}

void mmu_flush(uint32_t pd, uint32_t va, uint32_t pages)
{
    uint32_t was = irq_save(); /* on one CPU throughout */
    tlb_flush_others(pd);
    if (cpu_pd_loaded() != pd) {
        /* not loaded: no translations cached here (user PTEs are not global) */
    } else if (pages > FLUSH_PAGES_MAX) {
        paging_load_cr3(pd);
    } else {
        for (uint32_t i = 0; i < pages; i++)
            invlpg((const void *)(va + i * PAGE_SIZE));
    }
    irq_restore(was);
}
