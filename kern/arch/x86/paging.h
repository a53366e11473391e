/*
 * paging.h - x86 two-level paging: PTE bits, the kernel mappings, the kmap
 * slots, and the x86 side of kern/arch/mmu.h (the PTE operations are here,
 * inline, because generic code runs them once per page).
 *
 * Memory map: the low 16 MiB (USER_MEM_START) are the kernel's, identity
 * mapped in every address space through four shared page tables
 * (supervisor, global; page 0 left unmapped to catch NULL), except for the
 * top KMAP_PAGES pages, which are the *kmap slots*: KMAP_SLOTS per CPU,
 * and the MMIO_PAGES below them, which show device registers (uncached).
 * Page directories, page tables and user frames may live in any frame and
 * the kernel does not map them; to reach one it points a free slot of its
 * CPU at the frame (one PTE write and one invlpg, no %cr3 load).  Slots
 * are a stack per CPU, taken and given back in LIFO order with interrupts
 * off, so nothing else on the CPU can take the same slot meanwhile.
 *
 * Generic code includes kern/arch/mmu.h, not this file.
 */
#ifndef ARCH_X86_PAGING_H
#define ARCH_X86_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#include <abi/layout.h>

#include "arch/smp.h"

typedef uint32_t pte_t;

#define PTE_P    0x001u
#define PTE_W    0x002u
#define PTE_U    0x004u
#define PTE_A    0x020u
#define PTE_D    0x040u
#define PTE_PWT  0x008u
#define PTE_PCD  0x010u
#define PTE_PS   0x080u
#define PTE_G    0x100u
/* Software bit, in a non-present PTE: the page is promised (its frame is
 * reserved) and appears zero-filled at the first touch. */
#define PTE_LAZY 0x200u
/* Software bit: the page is writable for the user (kept even while a frame
 * is shared read-only, for copy-on-write later). */
#define PTE_UW   0x400u

#define PTE_ADDR(pte)      ((pte) & ~0xFFFu)
#define PD_INDEX(va)       ((uint32_t)(va) >> 22)
#define PT_INDEX(va)       (((uint32_t)(va) >> 12) & 0x3FFu)
#define PAGE_ROUND_DOWN(a) ((uint32_t)(a) & ~0xFFFu)

/* Entries in one page table; the bytes one page table maps. */
#define MMU_PT_ENTRIES 1024u
#define MMU_PT_SPAN    (4u << 20)

/* KMAP_SLOTS per CPU.  Deepest nesting: a copy-on-write fault holds the
 * page table, the old frame and the new one (3). */
#define KMAP_SLOTS 4u
#define KMAP_PAGES (SMP_MAX_CPUS * KMAP_SLOTS)
/* The kmap slots' virtual pages. */
#define KMAP_BASE  (USER_MEM_START - KMAP_PAGES * PAGE_SIZE)
/* Device register pages, one each (paging_map_mmio); the kernel heap ends
 * below them. */
enum mmio_page { MMIO_LAPIC, MMIO_IOAPIC, MMIO_PAGES };
#define MMIO_BASE       (KMAP_BASE - MMIO_PAGES * PAGE_SIZE)
#define KERNEL_HEAP_END MMIO_BASE

/* Build the kernel mappings and the kmap slots, turn paging on. Boot only. */
void paging_init(void);
/* Show the device page at physical pa (page-aligned bits kept) at MMIO
 * page `page`, uncached, in every address space; the registers' address.
 * Boot only, after paging_init. */
volatile void *paging_map_mmio(enum mmio_page page, uint32_t pa);
/* The kernel's own page directory (physical = virtual): what a starting
 * CPU loads into %cr3. */
uint32_t paging_kernel_pd(void);
/* How many times %cr3 has been loaded since boot. */
uint32_t paging_cr3_loads(void);
/* Load a directory (struct cpu's pd_loaded says which each CPU has: tlb.c
 * reads it). */
void paging_load_cr3(uint32_t pd_pa);
/* tlb.c: the running CPU stops borrowing and runs on pd (flushing what a
 * shootdown that passed it by left stale).  Interrupts off. */
void tlb_leave_lazy(uint32_t pd);
/* arch/mmu.h's mmu_activate, inline: on every switch to a task's thread. */
static inline void mmu_activate(uint32_t pd)
{
    if (cpu_tlb_lazy())
        tlb_leave_lazy(pd);
    else if (cpu_pd_loaded() != pd)
        paging_load_cr3(pd);
}
/* arch/mmu.h's mmu_borrow, inline: on every switch to a kernel thread (or
 * an exiting one).  With one CPU no shootdown exists to pass it by. */
static inline void mmu_borrow(void)
{
    if (smp_several)
        cpu_tlb_lazy_begin();
}
/* tlb.c: other CPUs drop pd's user translations / move off pd (to be
 * freed); nothing with one CPU.  Interrupts off. */
void tlb_flush_others(uint32_t pd);
void tlb_release_others(uint32_t pd);
/* The NMI handler's part: serve the newest shootdown. */
void tlb_shootdown_nmi(void);
/* Shootdown NMIs sent so far (kstats). */
uint32_t tlb_shootdown_count(void);

/* ------------------------------------------------------------ PTEs */

static inline pte_t mmu_pte_page(uint32_t pa, bool writable)
{
    return pa | PTE_P | PTE_U | (writable ? (PTE_W | PTE_UW) : 0);
}
static inline pte_t mmu_pte_promise(bool writable) { return PTE_LAZY | (writable ? PTE_UW : 0); }
static inline bool mmu_pte_present(pte_t p) { return (p & PTE_P) != 0; }
static inline bool mmu_pte_promised(pte_t p) { return (p & PTE_LAZY) != 0; }
static inline bool mmu_pte_user_writable(pte_t p) { return (p & PTE_UW) != 0; }
static inline bool mmu_pte_writable(pte_t p) { return (p & PTE_W) != 0; }
static inline uint32_t mmu_pte_frame(pte_t p) { return PTE_ADDR(p); }
static inline pte_t mmu_pte_cow(pte_t p) { return p & ~PTE_W; }
static inline pte_t mmu_pte_cow_copy(pte_t p) { return p & ~(PTE_W | PTE_A | PTE_D); }
static inline pte_t mmu_pte_make_writable(pte_t p) { return p | PTE_W; }
static inline uint32_t mmu_pt_index(uint32_t va) { return PT_INDEX(va); }

/* ------------------------------------------------------------ pages */

/* One 4 KiB page, a dword at a time: `rep stosl`/`rep movsl` measured
 * fastest under QEMU TCG (wall time) and fewest instructions. */
static inline void mmu_page_zero(void *dst)
{
    uint32_t n = PAGE_SIZE / 4;
    __asm__ volatile("rep stosl" : "+D"(dst), "+c"(n) : "a"(0) : "memory");
}
static inline void mmu_page_copy(void *dst, const void *src)
{
    uint32_t n = PAGE_SIZE / 4;
    __asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

#endif
