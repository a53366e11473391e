/*
 * malloc.c - the user heap: kern/lib/heap.c over a region that starts at
 * the first page boundary above the program image (_end, from user.ld) and
 * grows with new_pages in chunks of at least HEAP_CHUNK.
 * Not yet thread-safe: the thread library will wrap these with a mutex
 * (see malloc_lock/malloc_unlock).
 */
#include <malloc.h>
#include <syscall.h>

#include "lib/heap.h"
#include "lib/string.h"

#define HEAP_CHUNK (64 * 1024)

extern char _end[];

static struct heap heap;
static char *heap_top; /* end of the memory obtained so far */

/* Hooks for the thread library. */
void (*malloc_lock)(void);
void (*malloc_unlock)(void);

static void lock(void)
{
    if (malloc_lock)
        malloc_lock();
}

static void unlock(void)
{
    if (malloc_unlock)
        malloc_unlock();
}

static int grow(size_t need)
{
    size_t chunk = (need + 2 * PAGE_SIZE + HEAP_CHUNK - 1) & ~(size_t)(HEAP_CHUNK - 1);
    if (!heap_top) {
        char *base = (char *)(((unsigned long)_end + PAGE_SIZE - 1) & ~(unsigned long)(PAGE_SIZE - 1));
        if (new_pages(base, (int)chunk) < 0)
            return -1;
        heap_init(&heap, base, chunk);
        heap_top = base + chunk;
        return 0;
    }
    if (new_pages(heap_top, (int)chunk) < 0)
        return -1;
    heap_top += chunk;
    return heap_extend(&heap, chunk);
}

void *malloc(size_t size)
{
    if (size == 0 || size > 0x40000000)
        return NULL;
    lock();
    void *p = heap_top ? heap_alloc(&heap, size) : NULL;
    if (!p && grow(size) == 0)
        p = heap_alloc(&heap, size);
    unlock();
    return p;
}

void *calloc(size_t n, size_t size)
{
    if (size && n > 0x40000000 / size)
        return NULL;
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void free(void *p)
{
    if (!p)
        return;
    lock();
    heap_free(&heap, p);
    unlock();
}

void *realloc(void *p, size_t size)
{
    if (!p)
        return malloc(size);
    if (size == 0) {
        free(p);
        return NULL;
    }
    if (size > 0x40000000)
        return NULL;
    lock();
    void *q = heap_realloc(&heap, p, size);
    if (!q && grow(size) == 0)
        q = heap_realloc(&heap, p, size);
    unlock();
    return q;
}
