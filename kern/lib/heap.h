/*
 * heap.h - a general-purpose allocator over a caller-supplied arena.
 * Used by the kernel (kmalloc adds a mutex) and by the user C library's
 * malloc (which grows the arena with new_pages).  Not thread-safe.
 *
 * Blocks carry a header (size, allocated bit, a check word) and a footer
 * (size again), so freeing coalesces with both neighbours in O(1).  Free
 * blocks sit on one explicit doubly-linked list searched first-fit.
 * Exhaustion, size 0 and absurd sizes return NULL; a free of something the
 * heap never handed out trips an assert.
 */
#ifndef LIB_HEAP_H
#define LIB_HEAP_H

#include <stdbool.h>
#include <stddef.h>

struct heap_block;

struct heap {
    char *start, *end;            /* the arena: [start, end) */
    struct heap_block *free_head; /* free list */
    size_t bytes_used, allocs;
};

struct heap_stats {
    size_t bytes_used;  /* payload bytes of live allocations */
    size_t bytes_total; /* arena size */
    size_t allocs;      /* live allocations */
    size_t largest_free;
};

void heap_init(struct heap *h, void *start, size_t size);
/* The arena grew by `more` bytes at its end.  0, or -1 if too small to use. */
int heap_extend(struct heap *h, size_t more);
void *heap_alloc(struct heap *h, size_t size);
/* align: a power of two up to 4096. */
void *heap_alloc_aligned(struct heap *h, size_t size, size_t align);
void *heap_calloc(struct heap *h, size_t n, size_t size);
void *heap_realloc(struct heap *h, void *p, size_t size);
void heap_free(struct heap *h, void *p);
void heap_get_stats(const struct heap *h, struct heap_stats *out);
/* Walk everything and check every invariant. */
bool heap_check(const struct heap *h);

#endif
