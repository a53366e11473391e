/*
 * ringbuf.h - a byte ring buffer over caller-provided storage (size a power
 * of two).  One producer (an IRQ handler) and one consumer; the caller
 * makes each operation atomic (interrupts off).  A full buffer drops the
 * new byte and counts it in `dropped`; it never overwrites.
 */
#ifndef LIB_RINGBUF_H
#define LIB_RINGBUF_H

#include <stdbool.h>
#include <stdint.h>

struct ringbuf {
    uint8_t *buf;
    uint32_t size;       /* power of two */
    uint32_t head, tail; /* free-running: count = head - tail */
    uint32_t dropped;
};

void ringbuf_init(struct ringbuf *rb, uint8_t *storage, uint32_t size);
bool ringbuf_put(struct ringbuf *rb, uint8_t c);
bool ringbuf_get(struct ringbuf *rb, uint8_t *c);
/* The i-th byte from the oldest, without removing it. */
bool ringbuf_peek_at(const struct ringbuf *rb, uint32_t i, uint8_t *c);
/* Take back the most recently put byte (line editing). */
bool ringbuf_unput(struct ringbuf *rb);
static inline uint32_t ringbuf_count(const struct ringbuf *rb) { return rb->head - rb->tail; }
static inline uint32_t ringbuf_space(const struct ringbuf *rb) { return rb->size - ringbuf_count(rb); }

#endif
