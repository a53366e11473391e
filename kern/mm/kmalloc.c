/*
 * kmalloc.c - the kernel heap: a mutex around lib/heap.c.
 */
#include "mm/kmalloc.h"

#include "lib/assert.h"
#include "lib/heap.h"
#include "lib/string.h"
#include "mm/alloc_fail.h"
#include "sync/mutex.h"

static struct heap kheap;
static struct mutex kheap_lock;

void kmalloc_init(uint32_t start, uint32_t end)
{
    assert(end > start);
    heap_init(&kheap, (void *)start, end - start);
    mutex_init(&kheap_lock, LOCK_RANK_HEAP, "kheap");
}

void *kmalloc(size_t size)
{
    if (alloc_fail_now())
        return NULL;
    mutex_lock(&kheap_lock);
    void *p = heap_alloc(&kheap, size);
    mutex_unlock(&kheap_lock);
    return p;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *kmalloc_aligned(size_t size, size_t align)
{
    if (alloc_fail_now())
        return NULL;
    mutex_lock(&kheap_lock);
    void *p = heap_alloc_aligned(&kheap, size, align);
    mutex_unlock(&kheap_lock);
    return p;
}

void kfree(void *p)
{
    if (!p)
        return;
    mutex_lock(&kheap_lock);
    heap_free(&kheap, p);
    mutex_unlock(&kheap_lock);
}

void kmalloc_stats(struct kmalloc_stats *out)
{
    struct heap_stats s;
    mutex_lock(&kheap_lock);
    heap_get_stats(&kheap, &s);
    mutex_unlock(&kheap_lock);
    out->bytes_used = (uint32_t)s.bytes_used;
    out->bytes_total = (uint32_t)s.bytes_total;
    out->allocs = (uint32_t)s.allocs;
}
