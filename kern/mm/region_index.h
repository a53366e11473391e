/*
 * region_index.h - the regions of one address space, found in O(log n):
 * an intrusive AVL tree keyed by start address, plus a last-hit hint.
 *
 * A region is a run of whole pages [start, start + pages * PAGE_SIZE);
 * the regions of one index never overlap, so ordering by start orders
 * them completely, and "the region holding va" is the one with the
 * greatest start <= va, if va is below its end.  The index stores no
 * copy of the bounds: it reads start and pages from the region, so a
 * region may change its bounds in place (the stack grows down) as long
 * as it still overlaps no other region, which keeps the order.
 *
 * Invariants (region_index_check): in-order walk sorted by start with no
 * overlap; every node's height is 1 + the taller child's, children
 * differ in height by at most 1; parent links match; count is the number
 * of nodes; the hint is NULL or a member.  All operations are O(log n)
 * (the hint makes a repeated lookup O(1)).  Not thread-safe: the owner
 * locks (for an address space, vm->lock).
 *
 *     struct region_index ix;
 *     region_index_init(&ix);
 *     struct region *prev = region_index_insert(&ix, r);   // r's neighbour below
 *     struct region *hit = region_index_find(&ix, va);    // NULL: va in no region
 *     if (region_index_overlaps(&ix, start, end)) ...
 *     region_index_remove(&ix, r);
 */
#ifndef MM_REGION_INDEX_H
#define MM_REGION_INDEX_H

#include <stdbool.h>
#include <stdint.h>

#include <abi/layout.h>

#include "lib/list.h"

enum region_kind { REGION_IMAGE, REGION_STACK, REGION_NEWPAGES };

struct region {
    uint32_t start; /* page aligned */
    uint32_t pages;
    uint32_t prot; /* VM_READ | VM_WRITE */
    enum region_kind kind;
    struct list_node node; /* vm->regions, sorted by start */
    /* The index's links (region_index.c alone touches them). */
    struct region *child[2], *parent; /* child[0]: lower starts */
    int height;                       /* of the subtree rooted here; a leaf is 1 */
};

struct region_index {
    struct region *root;
    struct region *hint; /* the last region found; NULL or a member */
    unsigned count;
};

/* One past the region's last byte (2^32 for a region that ends at the top). */
static inline uint64_t region_end(const struct region *r)
{
    return r->start + (uint64_t)r->pages * PAGE_SIZE;
}

void region_index_init(struct region_index *ix);
/* Add r, which must overlap no member.  Returns the member just below r
 * (the greatest start < r->start), or NULL if r is the lowest, so that
 * the caller can keep a sorted list beside the index. */
struct region *region_index_insert(struct region_index *ix, struct region *r);
/* Take the member r out (the hint forgets it). */
void region_index_remove(struct region_index *ix, struct region *r);
/* The member holding address va, or NULL. */
struct region *region_index_find(struct region_index *ix, uint32_t va);
/* Does any member overlap [start, end)?  end may be 2^32; start < end. */
bool region_index_overlaps(const struct region_index *ix, uint32_t start, uint64_t end);
/* Check every invariant above (tests, and asserts while debugging). */
bool region_index_check(const struct region_index *ix);

#endif
