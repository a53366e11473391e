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
 * Every change in a frame's sharers goes through one of these three, which
 * keep it (vm.c calls them with the physical window open):
 *   cow_share  one sharer more (fork): promise the copy it may need
 *   cow_drop   one sharer fewer (unmap): give one promise back, unless it
 *              was the last sharer (whose frame simply goes free)
 *   cow_break  a sharer writes: the last one keeps the frame; any other
 *              gets its copy in a promised frame
 * Read-only frames are shared without promises (they are never copied).
 * Inline: they sit on fork's and the fault's paths, measured by make bench.
 */
#ifndef MM_COW_H
#define MM_COW_H

#include <stdbool.h>
#include <stdint.h>

#include <abi/errors.h>

#include "mm/frame.h"

/* frame gains a sharer.  -E_NOMEM (nothing changed) if the copy it may
 * need cannot be promised. */
static inline int cow_share(uint32_t frame, bool writable)
{
    if (writable && frame_reserve(1) < 0)
        return -E_NOMEM;
    frame_ref(frame);
    return 0;
}

/* frame loses a sharer. */
static inline void cow_drop(uint32_t frame, bool writable)
{
    uint32_t left = frame_unref(frame);
    if (writable && left > 0)
        frame_unreserve(1); /* one sharer fewer: one copy fewer to promise */
}

/* A sharer of the writable frame writes to it: the frame it may now write,
 * frame itself if it was the last sharer, else a copy (made by copy(dst,
 * src)) in a frame promised by cow_share.  Cannot fail. */
static inline uint32_t cow_break(uint32_t frame, void (*copy)(uint32_t dst, uint32_t src))
{
    if (frame_refcount(frame) == 1)
        return frame;
    uint32_t mine = frame_alloc_reserved();
    copy(mine, frame);
    frame_unref(frame); /* the promise was used up by the copy */
    return mine;
}

#endif
