/*
 * frame_pool.c - see frame_pool.h.
 * Invariants: reserved <= nfree <= usable <= nframes; a pfn is on the free
 * stack, once, exactly when its refcount is 0; FRAME_ABSENT marks pfns
 * that were never added (they can be neither allocated nor freed).
 */
#include "lib/frame_pool.h"

#include <abi/errors.h>
#include <stddef.h>

#include "lib/assert.h"

/* frame_pool_check's temporary mark: a count no free frame can have. */
#define STACK_MARK FRAME_REF_MAX

void frame_pool_init(struct frame_pool *p, uint32_t first_pfn, uint32_t nframes, uint32_t *stack_storage,
                     uint16_t *ref_storage)
{
    assert(first_pfn + nframes >= first_pfn); /* no wrap */
    p->first_pfn = first_pfn;
    p->nframes = nframes;
    p->free_stack = stack_storage;
    p->refcount = ref_storage;
    p->nfree = p->reserved = p->usable = 0;
    for (uint32_t i = 0; i < nframes; i++)
        ref_storage[i] = FRAME_ABSENT;
}

void frame_pool_add_free(struct frame_pool *p, uint32_t pfn) { frame_pool_add_free_range(p, pfn, 1); }

/* One bounds check for the run, then a tight loop: boot adds every frame of
 * RAM (61k for 256 MiB) through here. */
void frame_pool_add_free_range(struct frame_pool *p, uint32_t pfn, uint32_t count)
{
    if (count == 0)
        return;
    uint32_t first = frame_pool_index(p, pfn);
    assert(count <= p->nframes - first);    /* the run ends inside the pool */
    assert(count <= p->nframes - p->nfree); /* the stack has room */
    uint32_t *top = &p->free_stack[p->nfree];
    for (uint32_t k = count; k-- > 0;) {
        assert(p->refcount[first + k] == FRAME_ABSENT); /* added twice */
        p->refcount[first + k] = 0;
        *top++ = pfn + k;
    }
    p->nfree += count;
    p->usable += count;
}

static uint32_t pop_free(struct frame_pool *p)
{
    assert(p->nfree > 0);
    uint32_t pfn = p->free_stack[--p->nfree];
    uint32_t i = frame_pool_index(p, pfn);
    assert(p->refcount[i] == 0);
    p->refcount[i] = 1;
    return pfn;
}

int frame_pool_alloc(struct frame_pool *p, uint32_t *pfn)
{
    if (frame_pool_available(p) == 0)
        return -E_NOMEM;
    *pfn = pop_free(p);
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
    assert(p->reserved > 0 && p->reserved <= p->nfree);
    p->reserved--;
    return pop_free(p);
}

/* Every stacked pfn is in range and free. */
static bool stack_all_free(const struct frame_pool *p)
{
    for (uint32_t k = 0; k < p->nfree; k++) {
        uint32_t pfn = p->free_stack[k];
        if (pfn < p->first_pfn || pfn - p->first_pfn >= p->nframes)
            return false;
        if (p->refcount[pfn - p->first_pfn] != 0)
            return false;
    }
    return true;
}

/* No pfn is stacked twice.  Given stack_all_free(): mark each stacked
 * pfn's refcount (a second visit sees the mark), then put the zeros back. */
static bool stack_no_duplicates(struct frame_pool *p)
{
    bool ok = true;
    for (uint32_t k = 0; k < p->nfree; k++) {
        uint16_t *r = &p->refcount[p->free_stack[k] - p->first_pfn];
        if (*r == STACK_MARK)
            ok = false;
        *r = STACK_MARK;
    }
    for (uint32_t k = 0; k < p->nfree; k++)
        p->refcount[p->free_stack[k] - p->first_pfn] = 0;
    return ok;
}

bool frame_pool_check(struct frame_pool *p)
{
    if (p->reserved > p->nfree || p->nfree > p->usable || p->usable > p->nframes)
        return false;
    uint32_t zeros = 0, present = 0;
    for (uint32_t i = 0; i < p->nframes; i++) {
        if (p->refcount[i] != FRAME_ABSENT)
            present++;
        if (p->refcount[i] == 0)
            zeros++;
    }
    if (present != p->usable || zeros != p->nfree)
        return false;
    return stack_all_free(p) && stack_no_duplicates(p);
}
