/*
 * kmalloc.c - the kernel heap: lib/heap.c behind one spinlock, kheap_lock.
 *
 * A spinlock, not a mutex: a heap operation is a few hundred instructions
 * (one bin's first fit, an O(1) coalesce), far shorter than sleeping and
 * being woken, and every CPU forks, execs and exits through here.  As a
 * mutex, with its FIFO hand-off, each contended release waited for the
 * next owner to be woken and scheduled while the heap stood idle: at 2
 * CPUs a loop of forks and new_pages in 4 tasks took 200 ms, against 53
 * ms for 2 of them on one CPU; with this spinlock, 147 ms (make bench,
 * contention_memory_smp2; the rest of the way down, to 84 ms, came from
 * the mutex's passing over and the frame pool's zeroing outside its lock).
 */
#include "mm/kmalloc.h"

#include "lib/assert.h"
#include "lib/heap.h"
#include "lib/string.h"
#include "lock/spinlock.h"
#include "mm/alloc_fail.h"

static struct heap kheap;
SPINLOCK_DEFINE(kheap_lock, LOCK_RANK_HEAP, "kheap");

void kmalloc_init(uint32_t start, uint32_t end)
{
    assert(end > start);
    heap_init(&kheap, (void *)start, end - start);
}

void *kmalloc(size_t size)
{
    if (alloc_fail_now())
        return NULL;
    uint32_t was = spin_lock_irqsave(&kheap_lock);
    void *p = heap_alloc(&kheap, size);
    spin_unlock_irqrestore(&kheap_lock, was);
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
    uint32_t was = spin_lock_irqsave(&kheap_lock);
    void *p = heap_alloc_aligned(&kheap, size, align);
    spin_unlock_irqrestore(&kheap_lock, was);
    return p;
}

void kfree(void *p)
{
    if (!p)
        return;
    uint32_t was = spin_lock_irqsave(&kheap_lock);
    heap_free(&kheap, p);
    spin_unlock_irqrestore(&kheap_lock, was);
}

void kmalloc_stats(struct kmalloc_stats *out)
{
    struct heap_stats s;
    uint32_t was = spin_lock_irqsave(&kheap_lock);
    heap_get_stats(&kheap, &s);
    spin_unlock_irqrestore(&kheap_lock, was);
    out->bytes_used = (uint32_t)s.bytes_used;
    out->bytes_total = (uint32_t)s.bytes_total;
    out->allocs = (uint32_t)s.allocs;
}
