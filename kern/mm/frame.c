/*
 * frame.c - the user frame pool, built from the Multiboot memory map on top
 * of the portable kern/lib/frame_pool.c.  Its bookkeeping arrays (a stack
 * of free frame numbers and a 16-bit count per frame) come from the kernel
 * heap at boot.  Guarded by frames_lock, a spinlock: the *_locked calls
 * expect the caller to hold it (page-table walks batch a page table's
 * worth of frames in one stretch under it: frames_lock_irqsave); the
 * others take it around one call.
 */
#include "mm/frame.h"

#include <abi/errors.h>
#include <abi/layout.h>

#include "arch/boot.h"
#include "arch/cpu.h"
#include "lib/assert.h"
#include "lib/frame_pool.h"
#include "lock/spinlock.h"
#include "mm/alloc_fail.h"
#include "mm/kmalloc.h"

#define PFN(pa) ((pa) >> 12)

/* The free stack, the counts and the reservation total: frames_lock. */
static struct frame_pool pool;
SPINLOCK_DEFINE(frames_lock, LOCK_RANK_FRAMES, "frames");

uint32_t frames_lock_irqsave(void) { return spin_lock_irqsave(&frames_lock); }
void frames_unlock_irqrestore(uint32_t was) { spin_unlock_irqrestore(&frames_lock, was); }
void frames_pause_locked(void) { spin_unlock(&frames_lock); }
void frames_resume_locked(void) { spin_lock(&frames_lock); }

/* Highest usable address (exclusive) of RAM, below 4 GiB. */
static uint64_t ram_top(const boot_info_t *mb)
{
    uint64_t top = 0;
    struct boot_ram r;
    for (uint32_t at = 0; boot_ram_next(mb, &at, &r);)
        if (r.base + r.len > top)
            top = r.base + r.len;
    return top > USER_MEM_END ? USER_MEM_END : top; /* no PAE: 32-bit addresses */
}

void frames_init(const boot_info_t *mb)
{
    if (!boot_has_memory_map(mb))
        panic("the boot loader gave no memory map");
    uint64_t top = ram_top(mb);
    if (top <= USER_MEM_START + 16 * PAGE_SIZE)
        panic("need more than 16 MiB of RAM (have %u KiB)", (uint32_t)(top >> 10));
    uint32_t first = PFN(USER_MEM_START);
    uint32_t n = (uint32_t)(PFN(top) - first);
    uint32_t *stack = kmalloc(n * sizeof(uint32_t));
    uint16_t *refs = kmalloc(n * sizeof(uint16_t));
    if (!stack || !refs)
        panic("no kernel memory for the frame table of %u frames", n);
    frame_pool_init(&pool, first, n, stack, refs);

    /* Add whole pages of available regions, each as one run (pushed
     * highest first, so that low frames are handed out first). */
    struct boot_ram r;
    for (uint32_t at = 0; boot_ram_next(mb, &at, &r);) {
        uint64_t lo = (r.base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
        uint64_t hi = (r.base + r.len) & ~(uint64_t)(PAGE_SIZE - 1);
        if (lo < USER_MEM_START)
            lo = USER_MEM_START;
        if (hi > top)
            hi = top;
        if (hi > lo)
            frame_pool_add_free_range(&pool, (uint32_t)PFN(lo), (uint32_t)PFN(hi - lo));
    }
}

int frame_alloc_locked(uint32_t *pa)
{
    assert(spin_held(&frames_lock));
    if (alloc_fail_now())
        return -E_NOMEM;
    uint32_t pfn;
    int r = frame_pool_alloc(&pool, &pfn);
    if (r == 0)
        *pa = pfn << 12;
    return r;
}

int frame_reserve_locked(uint32_t n)
{
    assert(spin_held(&frames_lock));
    if (alloc_fail_now())
        return -E_NOMEM;
    return frame_pool_reserve(&pool, n);
}

void frame_unreserve_locked(uint32_t n) { frame_pool_unreserve(&pool, n); }

uint32_t frame_alloc_reserved_locked(void) { return frame_pool_alloc_reserved(&pool) << 12; }

void frame_ref_locked(uint32_t pa) { frame_pool_ref(&pool, PFN(pa)); }

uint32_t frame_unref_locked(uint32_t pa) { return frame_pool_unref(&pool, PFN(pa)); }

uint32_t frame_refcount_locked(uint32_t pa) { return frame_pool_refcount(&pool, PFN(pa)); }

/* The same, for callers with interrupts on: each saves and restores them. */

int frame_alloc(uint32_t *pa)
{
    uint32_t was = frames_lock_irqsave();
    int r = frame_alloc_locked(pa);
    frames_unlock_irqrestore(was);
    return r;
}

int frame_reserve(uint32_t n)
{
    uint32_t was = frames_lock_irqsave();
    int r = frame_reserve_locked(n);
    frames_unlock_irqrestore(was);
    return r;
}

void frame_unreserve(uint32_t n)
{
    uint32_t was = frames_lock_irqsave();
    frame_unreserve_locked(n);
    frames_unlock_irqrestore(was);
}

uint32_t frame_unref(uint32_t pa)
{
    uint32_t was = frames_lock_irqsave();
    uint32_t left = frame_unref_locked(pa);
    frames_unlock_irqrestore(was);
    return left;
}

void frame_stats(struct frame_stats *out)
{
    uint32_t was = frames_lock_irqsave();
    out->free = frame_pool_free_count(&pool);
    out->total = pool.usable;
    out->reserved = pool.reserved;
    frames_unlock_irqrestore(was);
}
