/*
 * trace_names.c - at the start of a session, one TEV_THREAD record per
 * live thread (its tid, its task, the task's program or the kernel
 * thread's name), so that a timeline can name what was already running:
 * init, the kernel threads, a program that starts its own trace.  It
 * takes the same snapshot as ps (proc_ps_snapshot): the trace looks at the
 * layers it observes, as the thread dump does.
 */
#include <abi/ps.h>

#include "mm/kmalloc.h"
#include "proc/task.h"
#include "sched/thread.h"
#include "trace/trace.h"

#define SLACK 8 /* threads that may appear between the count and the snapshot */

void trace_name_threads(void)
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
