/*
 * frame_pool.h - the portable core of the physical frame allocator.
 *
 * Frames are named by frame number (pfn).  Bookkeeping lives in
 * caller-provided arrays, never in the frames (the kernel may not be able
 * to address them): a stack of free pfns (O(1) alloc and free) and a 16-bit
 * reference count per frame.  Reservations promise frames for later: plain
 * allocation never takes a promised frame, so a promise can always be kept.
 * Not thread-safe: callers lock.
 */
#ifndef LIB_FRAME_POOL_H
#define LIB_FRAME_POOL_H

#include <stdint.h>

struct frame_pool {
    uint32_t first_pfn, nframes; /* the pfns this pool can hold */
    uint32_t *free_stack;        /* nframes entries */
    uint32_t nfree;
    uint16_t *refcount;          /* nframes entries; 0 = free or absent */
    uint32_t reserved;           /* promised, still among the free */
    uint32_t usable;             /* frames ever added */
};

void frame_pool_init(struct frame_pool *p, uint32_t first_pfn, uint32_t nframes, uint32_t *stack_storage,
                     uint16_t *ref_storage);
/* Boot time: pfn exists and is free. */
void frame_pool_add_free(struct frame_pool *p, uint32_t pfn);
/* An unpromised free frame (refcount 1): 0, or -E_NOMEM. */
int frame_pool_alloc(struct frame_pool *p, uint32_t *pfn);
int frame_pool_reserve(struct frame_pool *p, uint32_t n);
void frame_pool_unreserve(struct frame_pool *p, uint32_t n);
uint32_t frame_pool_alloc_reserved(struct frame_pool *p);
void frame_pool_ref(struct frame_pool *p, uint32_t pfn);
uint32_t frame_pool_unref(struct frame_pool *p, uint32_t pfn);
uint32_t frame_pool_refcount(const struct frame_pool *p, uint32_t pfn);
static inline uint32_t frame_pool_free_count(const struct frame_pool *p) { return p->nfree; }
static inline uint32_t frame_pool_available(const struct frame_pool *p) { return p->nfree - p->reserved; }

#endif
