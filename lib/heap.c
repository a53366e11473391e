/*
 * heap.c - boundary-tag allocator with segregated free lists (see heap.h).
 *
 * Arena layout (addresses grow to the right):
 *
 *   arena  [pad][P][block][block] ... [block][E]  end
 *
 *   P      prologue: one footer word saying "allocated, size 0", so the
 *          first block never tries to merge backwards.
 *   E      epilogue: a block header of size 0, allocated, so the last block
 *          never tries to merge forwards.  heap_extend turns it into a block.
 *   block  header {size | ALLOCATED, check}, payload, footer {size | ALLOCATED}.
 *          Free blocks keep the prev/next links of their bin's list at the
 *          start of the payload.  check = MAGIC ^ address ^ size word, so a
 *          header that was overwritten, or a pointer into the middle of a
 *          block, is noticed.
 *
 * Free blocks live in bins[k] when their size is in [2^k, 2^(k+1)); bin_map
 * has bit k set iff bins[k] is non-empty.  heap_alloc searches bin k of the
 * rounded request first-fit, then takes the head of the next non-empty bin
 * (every block there fits): O(length of one bin), usually O(1).
 * heap_free coalesces with free neighbours immediately, found through the
 * footer in front and the header behind: O(1).  Headers of blocks swallowed
 * by a merge are wiped, so a second free of them is noticed.
 *
 * Invariants (heap_check): blocks tile [first, epilogue); every size is a
 * multiple of HEAP_ALIGN and at least MIN_BLOCK; header, footer and check
 * agree; no two free blocks are adjacent; the bins hold exactly the free
 * blocks, each in the bin of its size, with consistent back links; bin_map
 * matches the bins; bytes_used and allocs match the allocated blocks.
 * Not thread-safe: callers lock.
 */
#include "lib/heap.h"

#include <abi/errors.h>

#include "lib/assert.h"
#include "lib/string.h"

#define ALLOCATED   ((size_t)1)
#define MAGIC       ((size_t)0x5ca1ab1eu)
#define MAX_REQUEST (SIZE_MAX / 2) /* larger requests fail: no overflow below */

struct heap_block {
    size_t size_flags; /* size of the whole block | ALLOCATED */
    size_t check;      /* MAGIC ^ address ^ size_flags */
    /* Free blocks only: the bin's list. */
    struct heap_block *prev, *next;
};

#define HDR       offsetof(struct heap_block, prev)
#define FTR       sizeof(size_t)
#define ROUND(x)  (((x) + HEAP_ALIGN - 1) & ~(size_t)(HEAP_ALIGN - 1))
#define MIN_BLOCK ROUND(sizeof(struct heap_block) + FTR)

_Static_assert(HDR % HEAP_ALIGN == 0, "payloads must stay aligned");

/* ---------------------------------------------------------------- blocks */

static size_t bsize(const struct heap_block *b) { return b->size_flags & ~ALLOCATED; }
static bool is_alloc(const struct heap_block *b) { return b->size_flags & ALLOCATED; }
static size_t usable(const struct heap_block *b) { return bsize(b) - HDR - FTR; }
static size_t check_of(const struct heap_block *b, size_t size_flags)
{
    return MAGIC ^ (size_t)(uintptr_t)b ^ size_flags;
}
static size_t *footer(const struct heap_block *b) { return (size_t *)((char *)b + bsize(b) - FTR); }
static struct heap_block *next_block(const struct heap_block *b)
{
    return (struct heap_block *)((char *)b + bsize(b));
}
static size_t prev_footer(const struct heap_block *b) { return *(const size_t *)((const char *)b - FTR); }
static bool prev_free(const struct heap_block *b) { return !(prev_footer(b) & ALLOCATED); }
static struct heap_block *prev_block(const struct heap_block *b)
{
    return (struct heap_block *)((char *)b - (prev_footer(b) & ~ALLOCATED));
}
static void *payload(struct heap_block *b) { return (char *)b + HDR; }
static struct heap_block *epilogue(const struct heap *h) { return (struct heap_block *)(h->end - HDR); }

static void set_block(struct heap_block *b, size_t size, bool alloc)
{
    b->size_flags = size | (alloc ? ALLOCATED : 0);
    b->check = check_of(b, b->size_flags);
    *footer(b) = b->size_flags;
}

/* A header that stops being one (swallowed by a merge). */
static void wipe(struct heap_block *b) { b->size_flags = b->check = 0; }

static void set_epilogue(struct heap *h)
{
    struct heap_block *e = epilogue(h);
    e->size_flags = ALLOCATED;
    e->check = check_of(e, ALLOCATED);
}

/* Smallest block whose payload holds size bytes (size <= MAX_REQUEST). */
static size_t block_size_for(size_t size)
{
    size_t need = ROUND(size + HDR + FTR);
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

static void count_alloc(struct heap *h, const struct heap_block *b)
{
    h->bytes_used += usable(b);
    h->allocs++;
}

static void count_free(struct heap *h, const struct heap_block *b)
{
    h->bytes_used -= usable(b);
    h->allocs--;
}

/* ---------------------------------------------------------------- bins */

static unsigned bin_of(size_t size)
{
    if (size >= (size_t)1 << (HEAP_NBINS - 1))
        return HEAP_NBINS - 1;
    return 31u - (unsigned)__builtin_clz((unsigned)size);
}

static void bin_insert(struct heap *h, struct heap_block *b)
{
    unsigned k = bin_of(bsize(b));
    b->prev = NULL;
    b->next = h->bins[k];
    if (b->next)
        b->next->prev = b;
    h->bins[k] = b;
    h->bin_map |= 1u << k;
}

/* Must run before b's size changes: the size names the bin. */
static void bin_remove(struct heap *h, struct heap_block *b)
{
    unsigned k = bin_of(bsize(b));
    if (b->prev)
        b->prev->next = b->next;
    else
        h->bins[k] = b->next;
    if (b->next)
        b->next->prev = b->prev;
    if (!h->bins[k])
        h->bin_map &= ~(1u << k);
}

/* Bins k and up that hold something. */
static uint32_t bins_from(const struct heap *h, unsigned k) { return h->bin_map & ~((1u << k) - 1); }

/* ---------------------------------------------------------------- core */

/* b is not on a list (allocated, or brand new): make it free, merging with
 * free neighbours, and file it. */
static void release(struct heap *h, struct heap_block *b)
{
    size_t size = bsize(b);
    struct heap_block *n = next_block(b);
    if (!is_alloc(n)) {
        bin_remove(h, n);
        size += bsize(n);
        wipe(n);
    }
    if (prev_free(b)) {
        struct heap_block *p = prev_block(b);
        bin_remove(h, p);
        size += bsize(p);
        wipe(b);
        b = p;
    }
    set_block(b, size, false);
    bin_insert(h, b);
}

/* Allocate the first `need` bytes of free block b; a big enough tail stays
 * free (its next neighbour is allocated, since b was fully merged). */
static void *carve(struct heap *h, struct heap_block *b, size_t need)
{
    size_t size = bsize(b);
    bin_remove(h, b);
    if (size - need >= MIN_BLOCK) {
        set_block(b, need, true);
        struct heap_block *rest = next_block(b);
        set_block(rest, size - need, false);
        bin_insert(h, rest);
    } else {
        set_block(b, size, true);
    }
    count_alloc(h, b);
    return payload(b);
}

/* Cut allocated block b down to `need` bytes if the tail can stand alone. */
static void shrink(struct heap *h, struct heap_block *b, size_t need)
{
    size_t size = bsize(b);
    if (size - need < MIN_BLOCK)
        return;
    count_free(h, b);
    set_block(b, need, true);
    count_alloc(h, b);
    struct heap_block *rest = next_block(b);
    set_block(rest, size - need, true);
    release(h, rest);
}

/* Grow allocated block b over its free next neighbour if together they
 * reach `need`.  True if b is now big enough. */
static bool grow_in_place(struct heap *h, struct heap_block *b, size_t need)
{
    struct heap_block *n = next_block(b);
    if (is_alloc(n) || bsize(b) + bsize(n) < need)
        return false;
    bin_remove(h, n);
    count_free(h, b);
    set_block(b, bsize(b) + bsize(n), true);
    wipe(n);
    count_alloc(h, b);
    return true;
}

/* Turn the arena bytes beyond the epilogue into a free block, if there are
 * enough of them to make one (otherwise they wait for the next extend). */
static void absorb_arena_tail(struct heap *h)
{
    uintptr_t arena_end = (uintptr_t)h->arena + h->arena_size;
    char *new_end = (char *)(arena_end & ~(uintptr_t)(HEAP_ALIGN - 1));
    if (new_end < h->end || (size_t)(new_end - h->end) < MIN_BLOCK)
        return;
    struct heap_block *b = epilogue(h); /* the old epilogue starts the new block */
    size_t size = (size_t)(new_end - h->end);
    h->end = new_end;
    set_epilogue(h);
    set_block(b, size, true);
    release(h, b);
}

/* The block of a pointer heap_alloc returned and nobody freed yet, or NULL
 * if p cannot be one. */
static struct heap_block *live_block(const struct heap *h, const void *p)
{
    uintptr_t a = (uintptr_t)p;
    if (a % HEAP_ALIGN || a < (uintptr_t)h->first + HDR || a >= (uintptr_t)epilogue(h))
        return NULL;
    struct heap_block *b = (struct heap_block *)(a - HDR);
    if (b->check != check_of(b, b->size_flags) || !is_alloc(b))
        return NULL;
    size_t size = bsize(b);
    if (size < MIN_BLOCK || size % HEAP_ALIGN || size > (size_t)((char *)epilogue(h) - (char *)b))
        return NULL;
    return *footer(b) == b->size_flags ? b : NULL;
}

/* ---------------------------------------------------------------- API */

void heap_init(struct heap *h, void *start, size_t size)
{
    assert(size >= HEAP_MIN_ARENA);
    assert((uintptr_t)start + size > (uintptr_t)start); /* no wrap */
    *h = (struct heap){.arena = start, .arena_size = size};
    uintptr_t first = ((uintptr_t)start + FTR + HEAP_ALIGN - 1) & ~(uintptr_t)(HEAP_ALIGN - 1);
    h->first = (char *)first;
    *(size_t *)(h->first - FTR) = ALLOCATED; /* the prologue footer */
    h->end = h->first + HDR;                 /* nothing but the epilogue yet */
    set_epilogue(h);
    absorb_arena_tail(h);
}

int heap_extend(struct heap *h, size_t more)
{
    uintptr_t arena_end = (uintptr_t)h->arena + h->arena_size;
    if (more > UINTPTR_MAX - arena_end)
        return -E_INVAL;
    h->arena_size += more;
    absorb_arena_tail(h);
    return 0;
}

void *heap_alloc(struct heap *h, size_t size)
{
    if (size == 0 || size > MAX_REQUEST)
        return NULL;
    size_t need = block_size_for(size);
    unsigned k = bin_of(need);
    for (struct heap_block *b = h->bins[k]; b; b = b->next) {
        if (bsize(b) >= need)
            return carve(h, b, need);
    }
    uint32_t larger = k + 1 < HEAP_NBINS ? bins_from(h, k + 1) : 0;
    if (!larger)
        return NULL;
    return carve(h, h->bins[__builtin_ctz(larger)], need); /* anything there fits */
}

/* Bytes from payload(b) to the first payload address aligned to align that
 * leaves a gap able to stand as a free block of its own (0 or >= MIN_BLOCK). */
static size_t aligned_gap(struct heap_block *b, size_t align)
{
    uintptr_t p = (uintptr_t)payload(b);
    size_t gap = (size_t)(((p + align - 1) & ~(uintptr_t)(align - 1)) - p);
    while (gap != 0 && gap < MIN_BLOCK)
        gap += align;
    return gap;
}

/* Allocate need bytes starting gap bytes into free block b; the gap in front
 * becomes a free block (its front neighbour is allocated: b was merged). */
static void *carve_at(struct heap *h, struct heap_block *b, size_t gap, size_t need)
{
    if (gap == 0)
        return carve(h, b, need);
    size_t total = bsize(b);
    bin_remove(h, b);
    set_block(b, gap, false);
    bin_insert(h, b);
    struct heap_block *a = next_block(b);
    set_block(a, total - gap, false);
    bin_insert(h, a);
    return carve(h, a, need);
}

void *heap_alloc_aligned(struct heap *h, size_t size, size_t align)
{
    assert(align > 0 && (align & (align - 1)) == 0 && align <= 4096);
    if (align <= HEAP_ALIGN)
        return heap_alloc(h, size);
    if (size == 0 || size > MAX_REQUEST)
        return NULL;
    size_t need = block_size_for(size);
    /* First fit over the bins that can hold need; blocks in the higher ones
     * almost always fit at once. */
    for (uint32_t map = bins_from(h, bin_of(need)); map; map &= map - 1) {
        for (struct heap_block *b = h->bins[__builtin_ctz(map)]; b; b = b->next) {
            size_t gap = aligned_gap(b, align);
            if (gap <= bsize(b) && bsize(b) - gap >= need)
                return carve_at(h, b, gap, need);
        }
    }
    return NULL;
}

void *heap_calloc(struct heap *h, size_t n, size_t size)
{
    if (size != 0 && n > MAX_REQUEST / size)
        return NULL;
    void *p = heap_alloc(h, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void heap_free(struct heap *h, void *p)
{
    if (!p)
        return;
    struct heap_block *b = live_block(h, p);
    assert(b != NULL); /* not a live allocation: a double free or a wild pointer */
    if (!b)
        return;
    count_free(h, b);
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
    struct heap_block *b = live_block(h, p);
    assert(b != NULL); /* not a live allocation */
    if (!b || size > MAX_REQUEST)
        return NULL;
    size_t need = block_size_for(size);
    if (need <= bsize(b) || grow_in_place(h, b, need)) {
        shrink(h, b, need);
        return p;
    }
    void *q = heap_alloc(h, size);
    if (!q)
        return NULL;
    memcpy(q, p, usable(b)); /* usable(b) < size here */
    heap_free(h, p);
    return q;
}

void heap_get_stats(const struct heap *h, struct heap_stats *out)
{
    out->bytes_used = h->bytes_used;
    out->bytes_total = h->arena_size;
    out->allocs = h->allocs;
    out->largest_free = 0;
    if (!h->bin_map)
        return;
    unsigned top = 31u - (unsigned)__builtin_clz(h->bin_map); /* the largest live in the top bin */
    for (const struct heap_block *b = h->bins[top]; b; b = b->next) {
        if (usable(b) > out->largest_free)
            out->largest_free = usable(b);
    }
}

/* ---------------------------------------------------------------- checking */

/* b lies inside the block area and its header, footer and size are sane. */
static bool block_ok(const struct heap *h, const struct heap_block *b)
{
    uintptr_t a = (uintptr_t)b;
    if (a % HEAP_ALIGN || a < (uintptr_t)h->first || a >= (uintptr_t)epilogue(h))
        return false;
    size_t size = bsize(b);
    if (size < MIN_BLOCK || size % HEAP_ALIGN || size > (size_t)((char *)epilogue(h) - (char *)b))
        return false;
    return b->check == check_of(b, b->size_flags) && *footer(b) == b->size_flags;
}

/* Every bin lists free blocks of its size class, linked both ways, and the
 * bins hold nfree blocks in all. */
static bool bins_ok(const struct heap *h, size_t nfree)
{
    size_t listed = 0;
    for (unsigned k = 0; k < HEAP_NBINS; k++) {
        if (!!(h->bin_map & (1u << k)) != (h->bins[k] != NULL))
            return false;
        const struct heap_block *prev = NULL;
        for (const struct heap_block *b = h->bins[k]; b; prev = b, b = b->next) {
            if (++listed > nfree || !block_ok(h, b)) /* bounded: a cycle cannot hang us */
                return false;
            if (is_alloc(b) || bin_of(bsize(b)) != k || b->prev != prev)
                return false;
        }
    }
    return listed == nfree;
}

bool heap_check(const struct heap *h)
{
    if ((uintptr_t)h->end > (uintptr_t)h->arena + h->arena_size || h->end < h->first + HDR)
        return false;
    if (prev_footer((const struct heap_block *)h->first) != ALLOCATED)
        return false; /* the prologue */
    const struct heap_block *e = epilogue(h);
    if (e->size_flags != ALLOCATED || e->check != check_of(e, ALLOCATED))
        return false;
    size_t nfree = 0, used = 0, allocs = 0;
    bool last_free = false;
    for (const struct heap_block *b = (const struct heap_block *)h->first; b != e; b = next_block(b)) {
        if (!block_ok(h, b))
            return false;
        if (is_alloc(b)) {
            used += usable(b);
            allocs++;
        } else if (last_free) {
            return false; /* two free neighbours: a merge was missed */
        } else {
            nfree++;
        }
        last_free = !is_alloc(b);
    }
    return used == h->bytes_used && allocs == h->allocs && bins_ok(h, nfree);
}
