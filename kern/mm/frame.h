/*
 * frame.h - physical frames for user memory, page tables and page
 * directories: every usable frame at or above 16 MiB (USER_MEM_START).
 * The kernel itself lives below 16 MiB and gets memory from kmalloc.
 *
 * Frames carry a reference count (copy-on-write shares them).  Memory can
 * be *reserved* (promised to a task, e.g. by new_pages, and filled later);
 * unreserved allocation never dips into promised frames, so a promise can
 * always be kept.  All operations are O(1), take no mutex (a spinlock,
 * briefly), and are safe between kmap and kunmap.
 */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include <stdint.h>

#include "arch/boot.h"

/* Build the pool from the loader's memory map: RAM from USER_MEM_START up. */
void frames_init(const boot_info_t *mb);

/* A free, unpromised frame: 0 and its physical address in *pa, or -E_NOMEM. */
int frame_alloc(uint32_t *pa);
/* Promise n frames for later; -E_NOMEM (nothing promised) if they are not there. */
int frame_reserve(uint32_t n);
void frame_unreserve(uint32_t n);
/* Drop a reference; the frame is free again when none is left. Returns the
 * references left. */
uint32_t frame_unref(uint32_t pa);

/* The pool's spinlock (interrupts off with it), for loops over many pages
 * in one stretch, e.g. a page table's worth between kmap and kunmap. */
uint32_t frames_lock_irqsave(void);
void frames_unlock_irqrestore(uint32_t was);
/* With frames_lock_irqsave held: the calls above, and */
int frame_alloc_locked(uint32_t *pa);
int frame_reserve_locked(uint32_t n);
void frame_unreserve_locked(uint32_t n);
uint32_t frame_unref_locked(uint32_t pa);
/* take one frame out of an earlier promise (cannot fail), */
uint32_t frame_alloc_reserved_locked(void);
/* one more reference to a frame in use, and the count of them. */
void frame_ref_locked(uint32_t pa);
uint32_t frame_refcount_locked(uint32_t pa);
/* Let the lock go for a while and take it back, interrupts off throughout
 * (kmap slots stay valid): for a long stretch of work on a frame the
 * caller owns alone, such as zeroing it. */
void frames_pause_locked(void);
void frames_resume_locked(void);

struct frame_stats {
    uint32_t free, total, reserved;
};
void frame_stats(struct frame_stats *out);

#endif
