/*
 * malloc.c - the user heap: lib/heap.c over a region that starts at
 * the first page boundary above the program image (_end, from user.ld) and
 * grows with new_pages in chunks of at least HEAP_CHUNK.
 * Thread-safe: heap_lock (a library mutex, which costs no system call when
 * nobody contends it) guards the heap and heap_top.
 */
#include <malloc.h>
#include <mutex.h>
#include <syscall.h>

#include "lib/heap.h"
#include "lib/string.h"

#define HEAP_CHUNK (64 * 1024)

extern char _end[];

static struct heap heap;
static char *heap_top; /* end of the memory obtained so far */

static mutex_t heap_lock = MUTEX_INITIALIZER;

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
    mutex_lock(&heap_lock);
    void *p = heap_top ? heap_alloc(&heap, size) : NULL;
    if (!p && grow(size) == 0)
        p = heap_alloc(&heap, size);
    mutex_unlock(&heap_lock);
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
    mutex_lock(&heap_lock);
    heap_free(&heap, p);
    mutex_unlock(&heap_lock);
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
    mutex_lock(&heap_lock);
    void *q = heap_realloc(&heap, p, size);
    if (!q && grow(size) == 0)
        q = heap_realloc(&heap, p, size);
    mutex_unlock(&heap_lock);
    return q;
}
