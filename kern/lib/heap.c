/*
 * heap.c - boundary-tag allocator with an explicit free list (see heap.h).
 *
 * Arena layout:  [prologue][block][block]...[block][epilogue]
 * Every block: header {size|ALLOCATED, check}, payload, footer {size|ALLOCATED}.
 * The prologue is a tiny allocated block and the epilogue an allocated
 * header of size 0, so coalescing never looks outside the arena.
 * Invariants (heap_check): sizes are multiples of ALIGN and tile the arena;
 * header and footer agree; no two free blocks are adjacent; the free list
 * holds exactly the free blocks; check == CHECK ^ address.
 */
#include "lib/heap.h"

#include <stdint.h>

#include "lib/assert.h"
#include "lib/string.h"

#define ALIGN      (2 * sizeof(size_t))
#define ALLOCATED  ((size_t)1)
#define CHECK      ((size_t)0x5ca1ab1eu)

struct heap_block {
    size_t size_flags;
    size_t check;
    /* free blocks only: */
    struct heap_block *prev, *next;
};

#define HDR        (2 * sizeof(size_t))
#define FTR        sizeof(size_t)
#define MIN_BLOCK  ((sizeof(struct heap_block) + FTR + ALIGN - 1) & ~(ALIGN - 1))
#define MAX_REQUEST ((size_t)1 << (sizeof(size_t) * 8 - 2))

static size_t bsize(const struct heap_block *b) { return b->size_flags & ~ALLOCATED; }
static bool is_alloc(const struct heap_block *b) { return b->size_flags & ALLOCATED; }
static size_t *footer(struct heap_block *b) { return (size_t *)((char *)b + bsize(b) - FTR); }
static struct heap_block *next_block(struct heap_block *b) { return (struct heap_block *)((char *)b + bsize(b)); }
static void *payload(struct heap_block *b) { return (char *)b + HDR; }
static struct heap_block *block_of(void *p) { return (struct heap_block *)((char *)p - HDR); }

static void set_block(struct heap_block *b, size_t size, bool alloc)
{
    b->size_flags = size | (alloc ? ALLOCATED : 0);
    b->check = CHECK ^ (size_t)(uintptr_t)b;
    *footer(b) = b->size_flags;
}

static struct heap_block *prev_block(struct heap_block *b)
{
    size_t prev = *(size_t *)((char *)b - FTR) & ~ALLOCATED;
    return (struct heap_block *)((char *)b - prev);
}

static bool prev_free(struct heap_block *b) { return !(*(size_t *)((char *)b - FTR) & ALLOCATED); }

static void list_add(struct heap *h, struct heap_block *b)
{
    b->prev = NULL;
    b->next = h->free_head;
    if (h->free_head)
        h->free_head->prev = b;
    h->free_head = b;
}

static void list_del(struct heap *h, struct heap_block *b)
{
    if (b->prev)
        b->prev->next = b->next;
    else
        h->free_head = b->next;
    if (b->next)
        b->next->prev = b->prev;
}

static struct heap_block *epilogue(const struct heap *h) { return (struct heap_block *)(h->end - HDR); }

void heap_init(struct heap *h, void *start, size_t size)
{
    uintptr_t s = ((uintptr_t)start + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
    uintptr_t e = ((uintptr_t)start + size) & ~(uintptr_t)(ALIGN - 1);
    h->start = (char *)s;
    h->end = (char *)s;
    h->free_head = NULL;
    h->bytes_used = h->allocs = 0;
    assert(e >= s + 2 * ALIGN);
    /* Prologue: an allocated block of ALIGN bytes whose footer is its check word. */
    struct heap_block *pro = (struct heap_block *)s;
    pro->size_flags = ALIGN | ALLOCATED;
    pro->check = ALIGN | ALLOCATED;
    h->end = (char *)s + 2 * ALIGN;
    epilogue(h)->size_flags = ALLOCATED;
    epilogue(h)->check = CHECK ^ (size_t)(uintptr_t)epilogue(h);
    heap_extend(h, e - (s + 2 * ALIGN));
}

/* Free block b: merge with free neighbours, put on the list. */
static void release(struct heap *h, struct heap_block *b)
{
    size_t size = bsize(b);
    struct heap_block *n = next_block(b);
    if (!is_alloc(n)) {
        list_del(h, n);
        size += bsize(n);
    }
    if (prev_free(b)) {
        struct heap_block *p = prev_block(b);
        list_del(h, p);
        size += bsize(p);
        b = p;
    }
    set_block(b, size, false);
    list_add(h, b);
}

int heap_extend(struct heap *h, size_t more)
{
    more &= ~(ALIGN - 1);
    if (more < MIN_BLOCK)
        return -1;
    struct heap_block *b = epilogue(h); /* the old epilogue becomes the new block */
    h->end += more;
    epilogue(h)->size_flags = ALLOCATED;
    epilogue(h)->check = CHECK ^ (size_t)(uintptr_t)epilogue(h);
    set_block(b, more, true);
    release(h, b);
    return 0;
}

static size_t block_size_for(size_t size)
{
    size_t need = (size + HDR + FTR + ALIGN - 1) & ~(ALIGN - 1);
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* Allocate need bytes out of free block b (on the list), starting at its
 * first byte; the tail, if big enough, stays free. */
static void *carve(struct heap *h, struct heap_block *b, size_t need)
{
    size_t size = bsize(b);
    list_del(h, b);
    if (size - need >= MIN_BLOCK) {
        set_block(b, need, true);
        struct heap_block *rest = next_block(b);
        set_block(rest, size - need, false);
        list_add(h, rest);
    } else {
        set_block(b, size, true);
    }
    h->bytes_used += bsize(b) - HDR - FTR;
    h->allocs++;
    return payload(b);
}

void *heap_alloc(struct heap *h, size_t size)
{
    if (size == 0 || size > MAX_REQUEST)
        return NULL;
    size_t need = block_size_for(size);
    for (struct heap_block *b = h->free_head; b; b = b->next)
        if (bsize(b) >= need)
            return carve(h, b, need);
    return NULL;
}

void *heap_alloc_aligned(struct heap *h, size_t size, size_t align)
{
    assert(align && (align & (align - 1)) == 0 && align <= 4096);
    if (align <= ALIGN)
        return heap_alloc(h, size);
    if (size == 0 || size > MAX_REQUEST)
        return NULL;
    size_t need = block_size_for(size);
    for (struct heap_block *b = h->free_head; b; b = b->next) {
        uintptr_t p = ((uintptr_t)payload(b) + align - 1) & ~(uintptr_t)(align - 1);
        while (p != (uintptr_t)payload(b) && p - (uintptr_t)payload(b) < MIN_BLOCK)
            p += align; /* the gap in front must be able to stand as a free block */
        uintptr_t gap = p - (uintptr_t)payload(b);
        if (gap + need > bsize(b))
            continue;
        if (gap) { /* split off the front as a free block of its own */
            size_t total = bsize(b);
            list_del(h, b);
            set_block(b, gap, false);
            list_add(h, b);
            struct heap_block *a = next_block(b);
            set_block(a, total - gap, false);
            list_add(h, a);
            b = a;
        }
        return carve(h, b, need);
    }
    return NULL;
}

void *heap_calloc(struct heap *h, size_t n, size_t size)
{
    if (size && n > MAX_REQUEST / size)
        return NULL;
    void *p = heap_alloc(h, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

static struct heap_block *checked_block(const struct heap *h, void *p)
{
    struct heap_block *b = block_of(p);
    assert((char *)b > h->start && (char *)b < h->end);
    assert(b->check == (CHECK ^ (size_t)(uintptr_t)b)); /* not a pointer the heap gave out */
    assert(is_alloc(b));                                /* double free */
    (void)h;
    return b;
}

void heap_free(struct heap *h, void *p)
{
    if (!p)
        return;
    struct heap_block *b = checked_block(h, p);
    h->bytes_used -= bsize(b) - HDR - FTR;
    h->allocs--;
    release(h, b);
}

void *heap_realloc(struct heap *h, void *p, size_t size)
{
    if (!p)
        return heap_alloc(h, size);
    if (size == 0) {
        heap_free(h, p);
        return NULL;
    }
    struct heap_block *b = checked_block(h, p);
    size_t have = bsize(b) - HDR - FTR;
    if (size <= have)
        return p;
    void *q = heap_alloc(h, size);
    if (!q)
        return NULL;
    memcpy(q, p, have);
    heap_free(h, p);
    return q;
}

void heap_get_stats(const struct heap *h, struct heap_stats *out)
{
    out->bytes_used = h->bytes_used;
    out->bytes_total = (size_t)(h->end - h->start);
    out->allocs = h->allocs;
    out->largest_free = 0;
    for (struct heap_block *b = h->free_head; b; b = b->next)
        if (bsize(b) > out->largest_free)
            out->largest_free = bsize(b);
}

bool heap_check(const struct heap *h)
{
    size_t nfree = 0, used = 0, allocs = 0;
    struct heap_block *b = (struct heap_block *)(h->start + ALIGN);
    bool last_free = false;
    while (b != epilogue(h)) {
        if ((char *)b >= h->end || bsize(b) < MIN_BLOCK || bsize(b) % ALIGN)
            return false;
        if (b->check != (CHECK ^ (size_t)(uintptr_t)b) || *footer(b) != b->size_flags)
            return false;
        if (!is_alloc(b)) {
            if (last_free)
                return false; /* should have been coalesced */
            nfree++;
        } else {
            used += bsize(b) - HDR - FTR;
            allocs++;
        }
        last_free = !is_alloc(b);
        b = next_block(b);
    }
    size_t listed = 0;
    for (struct heap_block *f = h->free_head; f; f = f->next, listed++)
        if (is_alloc(f) || (f->next && f->next->prev != f))
            return false;
    return listed == nfree && used == h->bytes_used && allocs == h->allocs;
}
