/*
 * trace_glue.c - what the kernel trace (kern/trace/, below the scheduler)
 * learns from the layers above it, registered by trace_glue_init at boot:
 *   - who a thread is for a record: its tid, its task's tid, its state,
 *     and the tick count;
 *   - at the start of a session, one TEV_THREAD record per live thread
 *     (its tid, its task, the task's program or the kernel thread's name),
 *     so that a timeline can name what was already running: init, the
 *     kernel threads, a program that starts its own trace.  It takes the
 *     same snapshot as ps (proc_ps_snapshot);
 *   - where records go: QEMU's debug console (dev/debugcon.c);
 *   - the rings of the CPUs other than the first, from the kernel heap.
 */
#include <abi/ps.h>

#include "arch/smp.h"
#include "dev/debugcon.h"
#include "mm/kmalloc.h"
#include "proc/task.h"
#include "sched/clock.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "trace/trace.h"

#define SLACK 8 /* threads that may appear between the count and the snapshot */

static void name_threads(void)
{
    int max = (int)thread_count() + SLACK;
    if (max > PS_MAX_THREADS)
        max = PS_MAX_THREADS;
    struct ps_thread *snap = kmalloc((uint32_t)max * sizeof(*snap));
    if (!snap)
        return; /* the timeline shows numbers instead of names */
    int n = proc_ps_snapshot(snap, max);
    for (int i = 0; i < n && i < max; i++)
        trace_rec_thread(snap[i].tid, snap[i].task, snap[i].name);
    kfree(snap);
}

/* Interrupts off (a record is being made). */
static void describe(const struct thread *t, struct trace_who *w)
{
    if (!t)
        t = sched_current();
    w->tid = t->tid;
    w->task = t->task ? t->task->tid : 0;
    w->state = (uint32_t)t->state;
    w->tick = clock_ticks();
}

void trace_glue_init(void)
{
    trace_set_describe(describe);
    trace_set_namer(name_threads);
    trace_set_sink(debugcon_write);
    /* The other CPUs' rings: only for those that came up. */
    for (unsigned c = 1; c < smp_cpus_found(); c++) {
        if (!smp_cpu(c)->online)
            continue;
        struct trace_event *slots = kmalloc(TRACE_RING_MAX * sizeof(*slots));
        if (slots) /* else that CPU keeps its one spare slot */
            trace_set_cpu_slots(c, slots);
    }
}
