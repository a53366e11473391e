/*
 * frame_pool.h - the portable core of the physical frame allocator.
 *
 * Frames are named by frame number (pfn); the pool covers pfns
 * [first_pfn, first_pfn + nframes).  All bookkeeping lives in caller-
 * provided arrays, never in the frames themselves (the kernel may not be
 * able to address them):
 *   free_stack  the free pfns; alloc pops, the last unref pushes: O(1)
 *   refcount    per frame: FRAME_ABSENT for a pfn never added (a hole in
 *               RAM), 0 for a free frame, 1.. for a frame in use (more than
 *               1 when shared copy-on-write)
 * Reservations promise frames for later (memory that is filled lazily):
 * `reserved` of the free frames are promised, plain allocation never takes
 * them, so frame_pool_alloc_reserved() cannot fail.
 *
 * Invariants (frame_pool_check): reserved <= nfree <= usable <= nframes;
 * a pfn is on the free stack exactly once iff its refcount is 0.
 * Broken preconditions (double free, pfn out of range, unbalanced
 * reservations) trip an assert.  Not thread-safe: callers lock.
 */
#ifndef LIB_FRAME_POOL_H
#define LIB_FRAME_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/assert.h"

#define FRAME_ABSENT  0xFFFFu /* refcount of a pfn never added */
#define FRAME_REF_MAX 0xFFFEu /* the most references a frame can have */

struct frame_pool {
    uint32_t first_pfn, nframes; /* the pfns this pool can hold */
    uint32_t *free_stack;        /* nframes entries; [0, nfree) used */
    uint32_t nfree;
    uint16_t *refcount; /* nframes entries, indexed by pfn - first_pfn */
    uint32_t reserved;  /* promised, still among the free */
    uint32_t usable;    /* frames ever added (the pool's size) */
};

/* Empty pool over [first_pfn, first_pfn + nframes); both arrays have
 * nframes entries.  No frame is free until frame_pool_add_free. */
void frame_pool_init(struct frame_pool *p, uint32_t first_pfn, uint32_t nframes, uint32_t *stack_storage,
                     uint16_t *ref_storage);
/* Boot time: pfn (in range, never added before) becomes free. */
void frame_pool_add_free(struct frame_pool *p, uint32_t pfn);
/* The same for pfn .. pfn + count - 1, pushed highest first, so that the
 * lowest of them is allocated first. */
void frame_pool_add_free_range(struct frame_pool *p, uint32_t pfn, uint32_t count);

/* A free frame not covered by a reservation, with refcount 1: 0, or
 * -E_NOMEM when frame_pool_available() is 0. */
int frame_pool_alloc(struct frame_pool *p, uint32_t *pfn);
/* Promise n frames: 0, or -E_NOMEM (nothing changes) if fewer than n are
 * available. */
int frame_pool_reserve(struct frame_pool *p, uint32_t n);
/* Give back n promised frames that will not be used (n <= reserved). */
void frame_pool_unreserve(struct frame_pool *p, uint32_t n);
/* Take one promised frame (refcount 1); reserved must be > 0. */
uint32_t frame_pool_alloc_reserved(struct frame_pool *p);

/* Inline: fork and teardown call these once per page. */

static inline uint32_t frame_pool_index(const struct frame_pool *p, uint32_t pfn)
{
    assert(pfn >= p->first_pfn && pfn - p->first_pfn < p->nframes);
    return pfn - p->first_pfn;
}

static inline void frame_pool_push_free(struct frame_pool *p, uint32_t pfn)
{
    assert(p->nfree < p->nframes);
    p->free_stack[p->nfree++] = pfn;
}

/* One more reference to an allocated frame. */
static inline void frame_pool_ref(struct frame_pool *p, uint32_t pfn)
{
    uint32_t i = frame_pool_index(p, pfn);
    assert(p->refcount[i] != FRAME_ABSENT);
    assert(p->refcount[i] > 0);             /* a free frame has no owner to share it */
    assert(p->refcount[i] < FRAME_REF_MAX); /* would overflow */
    p->refcount[i]++;
}

/* Drop a reference; at 0 the frame is free again.  Returns the new count. */
static inline uint32_t frame_pool_unref(struct frame_pool *p, uint32_t pfn)
{
    uint32_t i = frame_pool_index(p, pfn);
    assert(p->refcount[i] != FRAME_ABSENT);
    assert(p->refcount[i] > 0); /* double free */
    if (--p->refcount[i] == 0)
        frame_pool_push_free(p, pfn);
    return p->refcount[i];
}

/* References to pfn (0 when free or never added). */
static inline uint32_t frame_pool_refcount(const struct frame_pool *p, uint32_t pfn)
{
    uint16_t r = p->refcount[frame_pool_index(p, pfn)];
    return r == FRAME_ABSENT ? 0 : r;
}

static inline uint32_t frame_pool_free_count(const struct frame_pool *p) { return p->nfree; }
/* Free frames not promised to anybody. */
static inline uint32_t frame_pool_available(const struct frame_pool *p) { return p->nfree - p->reserved; }

/* Walk everything and check every invariant; O(nframes), for tests and
 * debugging.  Writes (and restores) the refcount array while it runs. */
bool frame_pool_check(struct frame_pool *p);

#endif
