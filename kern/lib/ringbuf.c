/*
 * ringbuf.c - see ringbuf.h.  Each side moves the data first and then
 * publishes its index with a compiler barrier in between, so the other
 * side never sees an index covering a byte that is not there yet (put) or
 * a slot reused before it was read (get).  One CPU: a compiler barrier is
 * all the ordering needed.
 */
#include "lib/ringbuf.h"

#include "lib/assert.h"

#define barrier() __asm__ __volatile__("" ::: "memory")

static void store(uint32_t *p, uint32_t v) { *(volatile uint32_t *)p = v; }

void ringbuf_init(struct ringbuf *rb, uint8_t *storage, uint32_t size)
{
    assert(size > 0 && size <= (1u << 31) && (size & (size - 1)) == 0);
    rb->buf = storage;
    rb->size = size;
    rb->head = rb->tail = 0;
    rb->dropped = 0;
}

bool ringbuf_put(struct ringbuf *rb, uint8_t c)
{
    uint32_t head = rb->head;
    if (head - ringbuf_load_(&rb->tail) == rb->size) {
        rb->dropped++;
        return false;
    }
    rb->buf[head & (rb->size - 1)] = c;
    barrier();
    store(&rb->head, head + 1);
    return true;
}

bool ringbuf_get(struct ringbuf *rb, uint8_t *c)
{
    uint32_t tail = rb->tail;
    if (ringbuf_load_(&rb->head) == tail)
        return false;
    *c = rb->buf[tail & (rb->size - 1)];
    barrier();
    store(&rb->tail, tail + 1);
    return true;
}

bool ringbuf_peek_at(const struct ringbuf *rb, uint32_t i, uint8_t *c)
{
    if (i >= ringbuf_count(rb))
        return false;
    *c = rb->buf[(rb->tail + i) & (rb->size - 1)];
    return true;
}

bool ringbuf_unput(struct ringbuf *rb)
{
    if (ringbuf_count(rb) == 0)
        return false;
    store(&rb->head, rb->head - 1);
    return true;
}
