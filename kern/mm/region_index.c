/*
 * region_index.c - the AVL tree behind region_index.h.
 *
 * Pure logic over the links in struct region: no allocation, no locking,
 * no hardware, so the host unit tests (tests/unit/test_region_index.c)
 * run it as it is.  An insert or a remove changes the tree only on the
 * path from one node up to the root; retrace() walks that path and
 * restores the height rule with at most two rotations per node, so every
 * operation is O(log n).  A tree of n nodes is at most 1.44 log2(n + 2)
 * high: 1,000 regions are found in at most 14 steps.
 */
#include "mm/region_index.h"

#include "lib/assert.h"

#define L 0 /* child[L]: smaller starts */
#define R 1 /* child[R]: greater starts */

static int height(const struct region *n) { return n ? n->height : 0; }
static int balance(const struct region *n) { return height(n->child[L]) - height(n->child[R]); }

static void update_height(struct region *n)
{
    int l = height(n->child[L]), r = height(n->child[R]);
    n->height = 1 + (l > r ? l : r);
}

/* Put `to` where `from` hangs below parent (NULL: the root). */
static void replace_child(struct region_index *ix, struct region *parent, struct region *from,
                          struct region *to)
{
    if (!parent)
        ix->root = to;
    else
        parent->child[parent->child[R] == from] = to;
    if (to)
        to->parent = parent;
}

/* x's child on side `up` takes x's place; x becomes its child on the
 * other side (up == R: a left rotation). */
static struct region *rotate(struct region_index *ix, struct region *x, int up)
{
    struct region *y = x->child[up];
    replace_child(ix, x->parent, x, y);
    x->child[up] = y->child[!up];
    if (x->child[up])
        x->child[up]->parent = x;
    y->child[!up] = x;
    x->parent = y;
    update_height(x);
    update_height(y);
    return y;
}

/* n's children are balanced but may differ in height by 2: fix n.
 * Returns the node now in n's place. */
static struct region *rebalance(struct region_index *ix, struct region *n)
{
    update_height(n);
    int b = balance(n);
    if (b < -1 || b > 1) {
        int up = b > 1 ? L : R; /* the taller side */
        struct region *c = n->child[up];
        if (balance(c) * b < 0) /* c leans the other way: straighten it first */
            rotate(ix, c, !up);
        return rotate(ix, n, up);
    }
    return n;
}

/* Rebalance from n up towards the root.  Heights are fixed bottom-up, so
 * each node still holds its height from before the change: once a
 * subtree ends as high as it was, nothing above it changes. */
static void retrace(struct region_index *ix, struct region *n)
{
    while (n) {
        int was = n->height;
        n = rebalance(ix, n);
        if (n->height == was)
            return;
        n = n->parent;
    }
}

/* The member with the greatest start <= key, or NULL. */
static struct region *floor_of(const struct region_index *ix, uint32_t key)
{
    struct region *n = ix->root, *best = NULL;
    while (n) {
        if (key < n->start) {
            n = n->child[L];
        } else {
            best = n;
            n = n->child[R];
        }
    }
    return best;
}

void region_index_init(struct region_index *ix) { *ix = (struct region_index){0}; }

struct region *region_index_insert(struct region_index *ix, struct region *r)
{
    assert(r->pages > 0 && !region_index_overlaps(ix, r->start, region_end(r)));
    struct region *parent = NULL, *below = NULL, **link = &ix->root;
    while (*link) {
        parent = *link;
        if (r->start < parent->start) {
            link = &parent->child[L];
        } else {
            below = parent;
            link = &parent->child[R];
        }
    }
    r->child[L] = r->child[R] = NULL;
    r->parent = parent;
    r->height = 1;
    *link = r;
    ix->count++;
    ix->hint = r; /* a new region is likely the next one touched */
    retrace(ix, parent);
    return below;
}

void region_index_remove(struct region_index *ix, struct region *r)
{
    assert(ix->count > 0);
    struct region *from; /* the lowest node whose subtree changed */
    if (r->child[L] && r->child[R]) {
        /* r's successor s (leftmost on the right; it has no left child)
         * takes r's place. */
        struct region *s = r->child[R];
        while (s->child[L])
            s = s->child[L];
        from = s;
        if (s->parent != r) {
            from = s->parent;
            replace_child(ix, s->parent, s, s->child[R]);
            s->child[R] = r->child[R];
            s->child[R]->parent = s;
        }
        s->child[L] = r->child[L];
        s->child[L]->parent = s;
        replace_child(ix, r->parent, r, s);
        s->height = r->height;
    } else {
        from = r->parent;
        replace_child(ix, r->parent, r, r->child[L] ? r->child[L] : r->child[R]);
    }
    retrace(ix, from);
    if (ix->hint == r)
        ix->hint = NULL;
    ix->count--;
    r->child[L] = r->child[R] = r->parent = NULL;
    r->height = 0;
}

struct region *region_index_find(struct region_index *ix, uint32_t va)
{
    struct region *r = ix->hint;
    if (r && va >= r->start && va < region_end(r))
        return r;
    r = floor_of(ix, va);
    if (!r || va >= region_end(r))
        return NULL;
    ix->hint = r;
    return r;
}

/* Regions are disjoint and sorted: if any overlaps [start, end), the last
 * one that starts below end does. */
bool region_index_overlaps(const struct region_index *ix, uint32_t start, uint64_t end)
{
    assert(start < end);
    const struct region *r = floor_of(ix, (uint32_t)(end - 1));
    return r && region_end(r) > start;
}

/* ------------------------------------------------------------ checking */

/* Check n's subtree, whose starts must all be >= *low (the end of the
 * region before it in order), and move *low past it.  Its height, or -1
 * if anything is wrong. */
static int check_subtree(const struct region *n, const struct region *parent, uint64_t *low, unsigned *count)
{
    if (!n)
        return 0;
    if (n->parent != parent || n->pages == 0)
        return -1;
    int l = check_subtree(n->child[L], n, low, count);
    if (l < 0 || n->start < *low)
        return -1;
    *low = region_end(n);
    ++*count;
    int r = check_subtree(n->child[R], n, low, count);
    if (r < 0 || l - r > 1 || r - l > 1 || n->height != 1 + (l > r ? l : r))
        return -1;
    return n->height;
}

static bool is_member(const struct region_index *ix, const struct region *m)
{
    const struct region *n = ix->root;
    while (n && n != m)
        n = n->child[m->start >= n->start];
    return n == m;
}

bool region_index_check(const struct region_index *ix)
{
    uint64_t low = 0;
    unsigned count = 0;
    if (check_subtree(ix->root, NULL, &low, &count) < 0 || count != ix->count)
        return false;
    return !ix->hint || is_member(ix, ix->hint);
}
