/*
 * vm.h - user address spaces: a page directory plus a sorted list of
 * regions (program image, stack, new_pages areas), indexed for lookup in
 * O(log n) (mm/region_index.h).  Every mapped user page belongs to
 * exactly one region; pages outside regions are never mapped.
 *
 * Memory accounting: eager pages take frames at once; lazy pages (new_pages)
 * reserve their frames when the region is made and take them at the first
 * touch, so a promised page never fails to appear.  Page tables for a lazy
 * region are built up front for the same reason.
 *
 * Locking: vm->lock (LOCK_RANK_VM) guards regions, page tables and
 * reserved.  It is never held across a user-memory copy (those may fault
 * into vm_handle_fault, which takes it).
 */
#ifndef MM_VM_H
#define MM_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <abi/layout.h>

#include "arch/mmu.h"
#include "lib/list.h"
#include "mm/region_index.h"
#include "sync/mutex.h"

#define VM_READ  0x1u
#define VM_WRITE 0x2u

#define STACK_MAX_BYTES USER_STACK_MAX_BYTES
/* The lowest address the stack region may grow down to; exec places no
 * segment at or above it. */
#define STACK_FLOOR     ((uint32_t)(USER_MEM_END - STACK_MAX_BYTES))

/* Who guards what.  "lock" is vm->lock; a vm that only its creator can
 * reach yet (exec building it, fork's child in vm_copy) or no one else
 * any more (vm_destroy) is touched without it.  The functions of vm.c
 * that rely on it assert it (mutex_held). */
struct vm {
    uint32_t pd_pa;      /* page directory (physical): set by vm_create, read-only after */
    struct list regions; /* lock */
    uint32_t reserved;   /* frames promised to lazy pages not yet touched: lock */
    /* Bit i set: the page table for the i-th MMU_PT_SPAN exists, so
     * teardown frees those without scanning the directory.  lock. */
    uint32_t tables[MMU_PT_ENTRIES / 32];
    struct mutex lock; /* LOCK_RANK_VM */

    /* regions is in order, for the walks over all of them; index holds
     * the same regions for lookups (region_index.h).  lock. */
    struct region_index index;
    struct region *stack; /* the REGION_STACK one, or NULL: lock */
};
/* The PTEs and page tables under pd_pa: lock, and interrupts off while a
 * run of them is mapped through kmap (pt_runs). */

/* A new, empty address space; NULL when out of memory. */
struct vm *vm_create(void);
/* Free everything.  vm must not be the active address space. */
void vm_destroy(struct vm *vm);

/* Add a region of pages at start (no overlap allowed).  lazy: reserve now,
 * fill with zeroes at first touch; otherwise allocate zeroed frames now.
 * -E_NOMEM (nothing changed) or -E_INVAL (start not page-aligned, out of
 * user space, or overlapping). */
int vm_map(struct vm *vm, uint32_t start, uint32_t pages, uint32_t prot, enum region_kind kind, bool lazy);
/* vm_map for pages the caller fills at once (vm_write, vm_zero) before
 * anyone can see them: eager frames, not zeroed (exec's image). */
int vm_map_unfilled(struct vm *vm, uint32_t start, uint32_t pages, uint32_t prot, enum region_kind kind);
/* remove_pages: drop the NEWPAGES region that starts exactly at start. */
int vm_unmap_newpages(struct vm *vm, uint32_t start);
/* Copy data from kernel memory into vm's (mapped, eager) pages at va. */
int vm_write(struct vm *vm, uint32_t va, const void *src, size_t len);
/* Zero len bytes of vm's (mapped, eager) pages at va. */
int vm_zero(struct vm *vm, uint32_t va, size_t len);
/* fork: make dst (fresh) a copy of src. -E_NOMEM leaves dst to be destroyed. */
int vm_copy(struct vm *dst, struct vm *src);
/* Resolve a fault at va (lazy fill, stack growth).  0 if the access may be
 * retried, negative if it is a real fault. */
int vm_handle_fault(struct vm *vm, uint32_t va, bool write);
/* Is [va, va+len) inside regions (or the stack's growth zone) with write
 * permission if asked? */
bool vm_range_ok(struct vm *vm, uint32_t va, uint32_t len, bool write);

#endif
