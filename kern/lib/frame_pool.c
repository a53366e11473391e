/*
 * frame_pool.c - see frame_pool.h.
 * Invariants: reserved <= nfree <= usable <= nframes; a pfn is on the free
 * stack exactly when its refcount is 0 (and it was added).
 */
#include "lib/frame_pool.h"

#include <abi/errors.h>

#include "lib/assert.h"

static uint32_t index_of(const struct frame_pool *p, uint32_t pfn)
{
    assert(pfn >= p->first_pfn && pfn - p->first_pfn < p->nframes);
    return pfn - p->first_pfn;
}

void frame_pool_init(struct frame_pool *p, uint32_t first_pfn, uint32_t nframes, uint32_t *stack_storage,
                     uint16_t *ref_storage)
{
    p->first_pfn = first_pfn;
    p->nframes = nframes;
    p->free_stack = stack_storage;
    p->refcount = ref_storage;
    p->nfree = p->reserved = p->usable = 0;
    for (uint32_t i = 0; i < nframes; i++)
        ref_storage[i] = 0;
}

void frame_pool_add_free(struct frame_pool *p, uint32_t pfn)
{
    (void)index_of(p, pfn);
    assert(p->nfree < p->nframes);
    p->free_stack[p->nfree++] = pfn;
    p->usable++;
}

static uint32_t pop(struct frame_pool *p)
{
    uint32_t pfn = p->free_stack[--p->nfree];
    uint32_t i = index_of(p, pfn);
    assert(p->refcount[i] == 0);
    p->refcount[i] = 1;
    return pfn;
}

int frame_pool_alloc(struct frame_pool *p, uint32_t *pfn)
{
    if (frame_pool_available(p) == 0)
        return -E_NOMEM;
    *pfn = pop(p);
    return 0;
}

int frame_pool_reserve(struct frame_pool *p, uint32_t n)
{
    if (frame_pool_available(p) < n)
        return -E_NOMEM;
    p->reserved += n;
    return 0;
}

void frame_pool_unreserve(struct frame_pool *p, uint32_t n)
{
    assert(n <= p->reserved);
    p->reserved -= n;
}

uint32_t frame_pool_alloc_reserved(struct frame_pool *p)
{
    assert(p->reserved > 0 && p->nfree >= p->reserved);
    p->reserved--;
    return pop(p);
}

void frame_pool_ref(struct frame_pool *p, uint32_t pfn)
{
    uint32_t i = index_of(p, pfn);
    assert(p->refcount[i] > 0 && p->refcount[i] < UINT16_MAX);
    p->refcount[i]++;
}

uint32_t frame_pool_unref(struct frame_pool *p, uint32_t pfn)
{
    uint32_t i = index_of(p, pfn);
    assert(p->refcount[i] > 0); /* a double free trips here */
    if (--p->refcount[i] == 0)
        p->free_stack[p->nfree++] = pfn;
    return p->refcount[i];
}

uint32_t frame_pool_refcount(const struct frame_pool *p, uint32_t pfn) { return p->refcount[index_of(p, pfn)]; }
