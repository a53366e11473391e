/*
 * cow.h - the copy-on-write reservation rule, apart from page tables, so
 * that it can be read (and tested on the host) on its own.
 *
 * fork shares a present page's frame between parent and child instead of
 * copying it; a frame the program may write is shared read-only and copied
 * at the first write.  That copy must never fail, so every sharer but one
 * holds a promised frame (frame.h's reservations):
 *
 *     copy reservations = sum over user-writable frames of (refcount - 1)
 *
 * Every change in a frame's sharers goes through these, which keep it.
 * vm.c calls them inside a page-table run (interrupts off), so promises
 * are made and given back once per run, not once per page:
 *   cow_promise  before sharing n writable frames: promise their copies
 *                (all or nothing)
 *   cow_share    one sharer more (its copy already promised if writable)
 *   cow_drop     one sharer fewer: how many promises that frees (0 or 1:
 *                none for the last sharer, whose frame simply goes free)
 *   cow_return   give back the promises cow_drop counted
 *   cow_break    a sharer writes: the last one keeps the frame; any other
 *                gets its copy in a promised frame
 * Read-only frames are shared without promises (they are never copied).
 * Inline: they sit on fork's and the fault's paths, measured by make bench.
 */
#ifndef MM_COW_H
#define MM_COW_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/frame.h"

/* Promise the copies n writable sharers may need.  -E_NOMEM, and nothing
 * promised, if they cannot all be. */
static inline int cow_promise(uint32_t n) { return n ? frame_reserve_locked(n) : 0; }

/* frame gains a sharer; if it is writable, cow_promise counted it. */
static inline void cow_share(uint32_t frame) { frame_ref_locked(frame); }

/* frame loses a sharer.  Returns the promises that frees, for cow_return. */
static inline uint32_t cow_drop(uint32_t frame, bool writable)
{
    uint32_t left = frame_unref_locked(frame);
    return writable && left > 0; /* one sharer fewer: one copy fewer to promise */
}

static inline void cow_return(uint32_t promises)
{
    if (promises)
        frame_unreserve_locked(promises);
}

/* A sharer of the writable frame writes to it: the frame it may now write,
 * frame itself if it was the last sharer, else a copy (made by copy(dst,
 * src)) in a frame promised by cow_promise.  Cannot fail. */
static inline uint32_t cow_break(uint32_t frame, void (*copy)(uint32_t dst, uint32_t src))
{
    if (frame_refcount_locked(frame) == 1)
        return frame;
    uint32_t mine = frame_alloc_reserved_locked();
    copy(mine, frame);
    frame_unref_locked(frame); /* the promise was used up by the copy */
    return mine;
}

#endif
