/*
 * sched_trace.c - a ring of the last SCHED_TRACE_LEN context switches:
 * when, from which thread to which, and why the first one stopped (the
 * state it left in: runnable = preempted or yielded, blocked, descheduled,
 * dead; the idle thread stays "running") and on which CPU.  Printed by the
 * thread dump (Ctrl-\), it shows what the scheduler did just before a hang.
 * Touched only under the scheduler's lock.
 */
#include "sched/sched_trace.h"

#include "arch/cpu.h"
#include "lib/assert.h"
#include "lib/printf.h"
#include "sched/clock.h"

struct switch_event sched_trace_ring[SCHED_TRACE_LEN];
uint32_t sched_trace_count;

void sched_trace_print(void)
{
    uint32_t n = sched_trace_count < SCHED_TRACE_LEN ? sched_trace_count : SCHED_TRACE_LEN;
    printf("--- last %u context switches (of %u) ---\n", n, sched_trace_count);
    for (uint32_t i = sched_trace_count - n; i != sched_trace_count; i++) {
        const struct switch_event *e = &sched_trace_ring[i % SCHED_TRACE_LEN];
        printf("tick %u, CPU %u: %d -> %d (%d %s)\n", e->tick, e->cpu, e->from, e->to, e->from,
               thread_state_name(e->why));
    }
}
