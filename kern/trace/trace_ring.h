/*
 * trace_ring.h - one CPU's ring of trace records: the portable core of the
 * kernel trace (kern/trace/trace.c is the glue: clock, current thread,
 * interrupts, the port), unit-tested on the host
 * (tests/unit/test_trace_ring.c).
 *
 * Invariants: capacity is a power of two; head and tail only grow (they
 * wrap at 2^32, which unsigned subtraction survives);
 * 0 <= head - tail <= capacity, and the records tail .. head-1 are the
 * ones not yet drained, in the order they were claimed.  A claim on a full
 * ring takes nothing and counts a drop.  Not thread-safe: its owner (one
 * CPU, interrupts off) is the only one to touch it.
 */
#ifndef TRACE_TRACE_RING_H
#define TRACE_TRACE_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One record, as it goes to the port: 40 bytes, little endian.
 * tools/trace/decode.py reads this layout (keep them in step). */
struct trace_event {
    uint64_t tsc;  /* rdtsc: guest instructions under -icount */
    uint32_t tick; /* clock ticks (1 kHz) */
    uint16_t type; /* enum trace_type (trace.h) */
    uint16_t cpu;
    int32_t tid;  /* the thread that was running */
    int32_t task; /* its task's tid, 0 for a kernel thread */
    uint32_t args[4];
};
_Static_assert(sizeof(struct trace_event) == 40, "tools/trace/decode.py reads 40-byte records");

struct trace_ring {
    struct trace_event *slots; /* capacity of them */
    uint32_t capacity;
    uint32_t head, tail;    /* next to claim, next to drain */
    uint32_t dropped;       /* lost since trace_ring_take_dropped */
    uint32_t dropped_total; /* lost since trace_ring_init */
};

/* An empty ring over slots[capacity]; capacity a power of two >= 1. */
void trace_ring_init(struct trace_ring *r, struct trace_event *slots, uint32_t capacity);
/* Records claimed and not yet drained. */
static inline uint32_t trace_ring_fill(const struct trace_ring *r) { return r->head - r->tail; }
/* The next slot to fill, or NULL (and a drop counted) if the ring is full.
 * Inline: it is on every record's path. */
static inline struct trace_event *trace_ring_claim(struct trace_ring *r)
{
    if (trace_ring_fill(r) >= r->capacity) {
        r->dropped++;
        r->dropped_total++;
        return NULL;
    }
    return &r->slots[r->head++ & (r->capacity - 1)];
}
/* The oldest records not yet drained that lie one after another in memory:
 * *n of them from the result (0 when the ring is empty; fewer than the
 * fill when they wrap around the end: consume them, then ask again). */
const struct trace_event *trace_ring_peek(const struct trace_ring *r, uint32_t *n);
/* The n oldest records are drained (n <= what trace_ring_peek gave). */
void trace_ring_consume(struct trace_ring *r, uint32_t n);
/* The drops since the last call (and restart that count from 0). */
uint32_t trace_ring_take_dropped(struct trace_ring *r);
/* Do the invariants hold?  For the tests. */
bool trace_ring_check(const struct trace_ring *r);

#endif
