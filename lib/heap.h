/*
 * heap.h - a general-purpose allocator over a caller-supplied arena.
 * Used by the kernel (kmalloc wraps it with a mutex) and by the user C
 * library's malloc (which grows the arena with new_pages).
 *
 * Design (details in heap.c): boundary tags -- every block has a header
 * and a footer holding its size -- so a free coalesces with both
 * neighbours at once, in O(1).  Free blocks sit on segregated free lists,
 * one per power-of-two size class, with a bitmap of the non-empty classes:
 * an allocation searches its own class first-fit and otherwise takes any
 * block of the next non-empty larger class, so neither alloc nor free walks
 * the heap.
 *
 * Payloads are 8-byte aligned.  Allocation returns NULL on exhaustion,
 * for size 0 and for absurd sizes; it never crashes.  Freeing something
 * the heap did not hand out (or freeing twice) trips an assert when the
 * heap can tell, which is usually.
 * Not thread-safe: callers lock (kmalloc: its mutex; malloc: the thread
 * library's lock hooks).
 */
#ifndef LIB_HEAP_H
#define LIB_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAP_ALIGN     8   /* every payload is aligned to this */
#define HEAP_MIN_ARENA 128 /* heap_init needs at least this many bytes */
#define HEAP_NBINS     32  /* size classes: bin k holds sizes [2^k, 2^(k+1)) */

struct heap_block;

/* Defined here so it can be allocated statically; touch it only through
 * the functions below. */
struct heap {
    char *arena;                         /* as given to heap_init */
    size_t arena_size;                   /* as given, plus every heap_extend */
    char *first;                         /* the first block */
    char *end;                           /* just past the epilogue header */
    uint32_t bin_map;                    /* bit k set iff bins[k] is non-empty */
    struct heap_block *bins[HEAP_NBINS]; /* free lists */
    size_t bytes_used;                   /* payload bytes of live allocations */
    size_t allocs;                       /* live allocations */
};

struct heap_stats {
    size_t bytes_used;   /* usable payload bytes of live allocations (at least what was asked) */
    size_t bytes_total;  /* arena size: heap_init's size plus every heap_extend */
    size_t allocs;       /* live allocations */
    size_t largest_free; /* largest payload one heap_alloc could return right now */
};

/* Manage [start, start + size); size >= HEAP_MIN_ARENA. */
void heap_init(struct heap *h, void *start, size_t size);
/* The arena grew by `more` bytes at its end (contiguously); a free block at
 * the end absorbs them.  0, or -E_INVAL (nothing changes) if the end would
 * wrap around the address space. */
int heap_extend(struct heap *h, size_t more);

void *heap_alloc(struct heap *h, size_t size);
/* align: a power of two up to 4096 (asserted). */
void *heap_alloc_aligned(struct heap *h, size_t size, size_t align);
/* n * size zeroed bytes; NULL if the product overflows. */
void *heap_calloc(struct heap *h, size_t n, size_t size);
/* C realloc: NULL p allocates; size 0 frees and returns NULL; on failure
 * returns NULL and p is untouched.  Grows and shrinks in place when it can. */
void *heap_realloc(struct heap *h, void *p, size_t size);
/* NULL is ignored. */
void heap_free(struct heap *h, void *p);

void heap_get_stats(const struct heap *h, struct heap_stats *out);
/* Walk every block and free list and check every invariant. */
bool heap_check(const struct heap *h);

#endif
