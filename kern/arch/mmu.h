/*
 * mmu.h - what generic memory code (kern/mm, kern/proc) asks of the MMU,
 * in words that fit any paged machine: address spaces named by the
 * physical address of their top-level table, page tables that each map
 * MMU_PT_SPAN bytes with MMU_PT_ENTRIES PTEs, and PTEs made and tested by
 * function.  Generic code never tests PTE bits itself.
 *
 * Frames outside the kernel's mapping (page tables, user pages) are
 * reached through kmap: a per-CPU stack of a few slots, each a kernel page
 * remapped on demand (no address-space reload).  Rules for kmap:
 *   - interrupts are off from kmap to the matching kunmap, so keep the
 *     stretch short (a page table's worth of PTEs, a page copy);
 *   - kunmap in the reverse order of kmap (a stack);
 *   - nothing may block, sleep or take a mutex in between.
 * The functions below that take a directory (mmu_pd_*, mmu_pt_*) use a
 * slot for their duration and need interrupts off too.
 *
 * TLB: making a non-present PTE present needs no flush; any other edit of
 * the current address space is followed by mmu_flush for its range.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/paging.h" /* the one architecture: pte_t, inline PTE and page operations */

/* PTE operations (inline in the architecture's header):
 *   mmu_pte_page(pa, writable)   a present user page
 *   mmu_pte_promise(writable)    not present, promised: zero-filled at first touch
 *   mmu_pte_present / mmu_pte_promised
 *   mmu_pte_user_writable(p)     the program may write (perhaps after a COW copy)
 *   mmu_pte_writable(p)          writes go through now
 *   mmu_pte_frame(p)             the frame of a present PTE
 *   mmu_pte_cow(p)               p shared: writes fault (copy-on-write)
 *   mmu_pte_cow_copy(p)          the other sharer's PTE (no accessed/dirty history)
 *   mmu_pte_make_writable(p)     COW over: writes go through
 *   mmu_pt_index(va)             va's entry in its page table
 *   mmu_page_zero(va), mmu_page_copy(dst, src)   one whole page, mapped */

/* Interrupts off.  Map frame pa at a kernel address until kunmap. */
void *kmap(uint32_t pa);
/* Give back the most recent kmap's slot (va is any address in its page). */
void kunmap(const void *va);

/* Interrupts off, at a switch of threads.  Run on directory pd from now
 * on (no reload if it is already loaded and nothing in it went stale):
 *   void mmu_activate(uint32_t pd)   (inline, paging.h)
 * Or go on with whatever directory is loaded, for a thread that touches
 * no user memory (a kernel thread, an exiting one): other CPUs' edits of
 * that directory need not interrupt this CPU until it runs a task again.
 *   void mmu_borrow(void)            (inline, paging.h) */
/* Interrupts off.  pd is about to be freed: if it is loaded, load the
 * kernel's instead.  (Kernel threads run on whatever is loaded.) */
void mmu_release(uint32_t pd);
/* Interrupts off.  Initialise the frame pd as a directory: kernel mapped,
 * user part empty. */
void mmu_pd_init(uint32_t pd);
/* Interrupts off.  The page table that maps va in pd (its frame), or 0. */
uint32_t mmu_pt_get(uint32_t pd, uint32_t va);
/* Interrupts off.  Make pt (a zeroed frame, or 0 for none) the page table
 * that maps va in pd. */
void mmu_pt_set(uint32_t pd, uint32_t va, uint32_t pt);
/* PTEs for [va, va + pages pages) of pd changed other than from not
 * present to present: drop stale translations if pd is loaded. */
void mmu_flush(uint32_t pd, uint32_t va, uint32_t pages);

#endif
