/*
 * kmalloc.h - the kernel heap: lib/heap.c over the kernel's part of
 * low memory (from the end of the kernel image and the RAM disk up to
 * 16 MiB), behind a spinlock (LOCK_RANK_HEAP).  Out of memory is a NULL
 * return, never a crash.  Never sleeps; not under a spinlock ranked above
 * the heap's (lock_order.h).
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include <stddef.h>
#include <stdint.h>

void kmalloc_init(uint32_t start, uint32_t end);
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void *kmalloc_aligned(size_t size, size_t align);
void kfree(void *p);

struct kmalloc_stats {
    uint32_t bytes_used, bytes_total, allocs;
};
void kmalloc_stats(struct kmalloc_stats *out);

#endif
