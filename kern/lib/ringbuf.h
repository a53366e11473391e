/*
 * ringbuf.h - a byte ring buffer over caller-provided storage whose size is
 * a power of two.  Built for the keyboard: one producer (the IRQ handler)
 * puts, one consumer gets.
 *
 * head counts bytes ever put, tail bytes ever taken; both run freely and
 * wrap at 2^32, so count = head - tail and the slot is index & (size - 1).
 * Invariant: 0 <= head - tail <= size.  A full buffer refuses the new byte
 * and counts it in `dropped`; it never overwrites.
 *
 * Locking: put only writes head and get only writes tail, each after
 * moving the data, so one producer and one consumer on one CPU may
 * interleave freely.  Everything else -- unput (which takes back from the
 * head while the consumer may be reading it), peek_at, and more than one
 * producer or consumer -- needs the caller to exclude the other side
 * (interrupts off).  The fields are public so the buffer can be statically
 * initialised: {storage, size, 0, 0, 0}.
 */
#ifndef LIB_RINGBUF_H
#define LIB_RINGBUF_H

#include <stdbool.h>
#include <stdint.h>

struct ringbuf {
    uint8_t *buf;
    uint32_t size;    /* a power of two, at most 2^31 */
    uint32_t head;    /* written by the producer only */
    uint32_t tail;    /* written by the consumer only */
    uint32_t dropped; /* puts refused because the buffer was full */
};

void ringbuf_init(struct ringbuf *rb, uint8_t *storage, uint32_t size);
/* Append c; false (and dropped++) if full. */
bool ringbuf_put(struct ringbuf *rb, uint8_t c);
/* Take the oldest byte into *c; false if empty. */
bool ringbuf_get(struct ringbuf *rb, uint8_t *c);
/* The i-th byte counting from the oldest (0), without removing it; false
 * if there are not that many. */
bool ringbuf_peek_at(const struct ringbuf *rb, uint32_t i, uint8_t *c);
/* Take back the most recently put byte (line editing); false if empty. */
bool ringbuf_unput(struct ringbuf *rb);

/* Read an index the other side may be changing (no caching, no tearing). */
static inline uint32_t ringbuf_load_(const uint32_t *p) { return *(const volatile uint32_t *)p; }

static inline uint32_t ringbuf_count(const struct ringbuf *rb)
{
    return ringbuf_load_(&rb->head) - ringbuf_load_(&rb->tail);
}
static inline uint32_t ringbuf_space(const struct ringbuf *rb) { return rb->size - ringbuf_count(rb); }

#endif
