/*
 * trace_ring.c - one CPU's ring of trace records (see trace_ring.h for the
 * invariants).  Pure logic: no clock, no interrupts, no I/O.
 */
#include "trace/trace_ring.h"

#include "lib/assert.h"

void trace_ring_init(struct trace_ring *r, struct trace_event *slots, uint32_t capacity)
{
    assert(capacity && (capacity & (capacity - 1)) == 0);
    *r = (struct trace_ring){.slots = slots, .capacity = capacity};
}

const struct trace_event *trace_ring_peek(const struct trace_ring *r, uint32_t *n)
{
    uint32_t at = r->tail & (r->capacity - 1);
    uint32_t run = trace_ring_fill(r);
    if (run > r->capacity - at)
        run = r->capacity - at; /* up to the end of the array */
    *n = run;
    return &r->slots[at];
}

void trace_ring_consume(struct trace_ring *r, uint32_t n)
{
    assert(n <= trace_ring_fill(r));
    r->tail += n;
}

uint32_t trace_ring_take_dropped(struct trace_ring *r)
{
    uint32_t n = r->dropped;
    r->dropped = 0;
    return n;
}

bool trace_ring_check(const struct trace_ring *r)
{
    return r->capacity && (r->capacity & (r->capacity - 1)) == 0 && trace_ring_fill(r) <= r->capacity &&
           r->dropped <= r->dropped_total;
}
