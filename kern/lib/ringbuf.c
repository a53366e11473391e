/*
 * ringbuf.c - see ringbuf.h.  head and tail run freely and wrap at 2^32;
 * their difference is the fill level, and masking gives the slot.
 */
#include "lib/ringbuf.h"

#include "lib/assert.h"

void ringbuf_init(struct ringbuf *rb, uint8_t *storage, uint32_t size)
{
    assert(size > 0 && (size & (size - 1)) == 0);
    rb->buf = storage;
    rb->size = size;
    rb->head = rb->tail = 0;
    rb->dropped = 0;
}

bool ringbuf_put(struct ringbuf *rb, uint8_t c)
{
    if (ringbuf_count(rb) == rb->size) {
        rb->dropped++;
        return false;
    }
    rb->buf[rb->head++ & (rb->size - 1)] = c;
    return true;
}

bool ringbuf_get(struct ringbuf *rb, uint8_t *c)
{
    if (ringbuf_count(rb) == 0)
        return false;
    *c = rb->buf[rb->tail++ & (rb->size - 1)];
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
    rb->head--;
    return true;
}
