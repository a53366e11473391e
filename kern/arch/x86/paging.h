/*
 * paging.h - x86 two-level paging: PTE bits, the kernel mappings, the
 * physical window, and the one page-table walker.
 *
 * Memory map: the low 16 MiB (USER_MEM_START) are the kernel's, identity
 * mapped in every address space through four shared page tables
 * (supervisor, global; page 0 left unmapped to catch NULL).  Page
 * directories, page tables and user frames may live in any frame, and the
 * kernel does not map them.  To edit them it opens the *physical window*:
 * it loads a dedicated page directory that identity-maps all 4 GiB with
 * 4 MiB pages (one frame in all), so a physical address can be used as a
 * pointer.  While the window is open:
 *   - interrupts are off (window_enter saves and disables them): nothing
 *     may block, sleep, take a mutex or print much;
 *   - user virtual addresses mean nothing (they are physical there): never
 *     touch user memory through a user pointer;
 *   - kernel memory below 16 MiB is mapped as usual.
 * Keep windows short: a page table edit, a page copy or clear.
 */
#ifndef ARCH_X86_PAGING_H
#define ARCH_X86_PAGING_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t pte_t;

#define PTE_P    0x001u
#define PTE_W    0x002u
#define PTE_U    0x004u
#define PTE_A    0x020u
#define PTE_D    0x040u
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

/* Build the kernel mappings and the window, turn paging on. Boot only. */
void paging_init(void);
/* Physical address of the directory with only the kernel mapped. */
uint32_t paging_kernel_pd(void);
/* Make pd_pa the current address space (loads %cr3 if different). */
void paging_activate(uint32_t pd_pa);
uint32_t paging_current_pd(void);
/* How many times %cr3 has been loaded since boot. */
uint32_t paging_cr3_loads(void);

/* Open/close the physical window (see above). Not nestable. */
uint32_t window_enter(void);
void window_leave(uint32_t cookie);

/* Window open: initialise the page-directory frame pd_pa (kernel entries
 * shared, user part empty). */
void pd_init(uint32_t pd_pa);

/* Window open: the PTE that maps va in directory pd_pa, or NULL if its page
 * table does not exist.  With pt_frame != 0 a missing page table is created
 * in that (zeroed here) frame. */
pte_t *pte_walk(uint32_t pd_pa, uint32_t va, uint32_t pt_frame);

/* Window open: does directory pd_pa have a page table for va? */
bool pt_present(uint32_t pd_pa, uint32_t va);

/* Window open: the physical address of the page table covering va, or 0. */
uint32_t pt_of(uint32_t pd_pa, uint32_t va);
/* Window open: detach and return the page table covering va (0 if none). */
uint32_t pt_detach(uint32_t pd_pa, uint32_t va);

#endif
