/*
 * sched_dump.c - a picture of every thread, for a person debugging a hang.
 *
 * Typing Ctrl-\ (0x1C) on the serial line prints one line per thread
 * (tid, task, state, the CPU it runs on or last ran on, killed flag, where
 * it was in user mode, name, the wait queue it sleeps on) followed by the
 * kernel backtrace of where it stopped (not for a thread running now), then the last context switches
 * (sched_trace.c).  The test harness sends it to
 * a machine that missed its deadline.  It runs in the serial interrupt
 * handler: it only reads scheduler state, under the scheduler's lock, and
 * prints through the console, which needs no mutex.  A thread's task id is
 * proc's to know: it registers how to read it (sched_dump_set_task_id).
 */
#include "sched/sched.h"

#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/trap.h"
#include "lib/ksyms.h"
#include "lib/printf.h"
#include "sched/clock.h"
#include "sched/sched_trace.h"
#include "sched/waitq.h"

static int no_task_id(const struct thread *t)
{
    (void)t;
    return 0;
}
static int (*task_id)(const struct thread *t) = no_task_id; /* set once at boot */

void sched_dump_set_task_id(int (*fn)(const struct thread *t)) { task_id = fn; }

static void dump_thread(struct thread *t, void *cur)
{
    printf("thread %d%s task %d %s%s%s", t->tid, t == cur ? "*" : "", task_id(t), thread_state_name(t->state),
           t->killed ? " killed" : "", t->interruptible ? " intr" : "");
    if (t->task) {
        /* A user thread's trap frame from its last entry sits at the top. */
        const trapframe_t *tf = (const trapframe_t *)(t->kstack_top - sizeof(trapframe_t));
        printf(" user eip 0x%08x esp 0x%08x", tf->eip, tf->esp);
    }
    printf(" %s", t->name ? t->name : "");
    if (t->waitq)
        printf(" [waits: %s]", t->waitq->name);
    printf(t->state == THREAD_RUNNING ? " [on CPU %u]\n" : " [last on CPU %u]\n", t->cpu);
    if (t->state == THREAD_RUNNING || t->state == THREAD_NEW) /* no saved stack to show */
        return;
    const struct switch_frame *sf = (const struct switch_frame *)t->saved_esp;
    backtrace_print(sf->ret - 1, sf->ebp);
}

void sched_dump(void)
{
    uint32_t was = waitq_lock();
    printf("\n--- threads (* = current) at tick %u, on CPU %u ---\n", clock_ticks(), smp_cpu_id());
    thread_for_each(dump_thread, sched_current());
    sched_trace_print();
    printf("--- end of threads ---\n");
    waitq_unlock(was);
}
