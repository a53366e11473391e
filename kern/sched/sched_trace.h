/*
 * sched_trace.h - the last context switches, kept for the thread dump
 * (see sched_trace.c).
 */
#ifndef SCHED_SCHED_TRACE_H
#define SCHED_SCHED_TRACE_H

#include <stdint.h>

#include "sched/thread.h"

#define SCHED_TRACE_LEN 32 /* a power of two */

struct switch_event { /* 16 bytes: the ring's index is a shift */
    uint32_t tick;
    int from, to;
    uint8_t why; /* the state prev left in (enum thread_state) */
    uint8_t cpu; /* where */
};

extern struct switch_event sched_trace_ring[SCHED_TRACE_LEN];
extern uint32_t sched_trace_count; /* total ever; the ring holds the last ones */

/* The scheduler's lock held: note a switch on CPU cpu from prev (in its
 * new state) to next.  Inline: it is on every context switch. */
static inline void sched_trace_switch(const struct thread *prev, const struct thread *next, uint32_t tick,
                                      unsigned cpu)
{
    struct switch_event *e = &sched_trace_ring[sched_trace_count++ % SCHED_TRACE_LEN];
    e->tick = tick;
    e->from = prev->tid;
    e->to = next->tid;
    e->why = (uint8_t)prev->state;
    e->cpu = (uint8_t)cpu;
}
/* The scheduler's lock held: print the recorded switches, oldest first. */
void sched_trace_print(void);

#endif
