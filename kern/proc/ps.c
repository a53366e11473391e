/*
 * ps.c - the thread snapshot behind the ps_list extension (include/abi/ps.h).
 *
 * One pass over the tid table with interrupts off (thread states, CPU
 * ticks and wait queues are scheduler state) inside tasks_lock (so each
 * thread's task, its parent and its name stay put), into a kernel buffer;
 * the caller copies it out afterwards, with neither held.
 */
#include <abi/errors.h>

#include "arch/cpu.h"
#include "lib/string.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "sched/waitq.h"
#include "sync/mutex.h"

struct snapshot {
    struct ps_thread *out;
    int max, n; /* n counts every live thread, also those that did not fit */
};

static void take_thread(struct thread *t, void *arg)
{
    struct snapshot *s = arg;
    if (t->state == THREAD_DEAD)
        return;
    if (s->n++ >= s->max)
        return;
    struct ps_thread *p = &s->out[s->n - 1];
    memset(p, 0, sizeof(*p));
    p->tid = t->tid;
    p->cpu_ticks = t->cpu_ticks;
    /* The idle thread is on no queue and keeps "running" while another
     * runs: it is ready to, whenever nothing else is. */
    enum thread_state state = t->state == THREAD_RUNNING && t != sched_current() ? THREAD_RUNNABLE : t->state;
    strlcpy(p->state, thread_state_name(state), sizeof(p->state));
    if (t->state == THREAD_BLOCKED && t->waitq)
        strlcpy(p->waits, t->waitq->name, sizeof(p->waits));
    const struct task *task = t->task;
    if (!task) {
        strlcpy(p->name, t->name ? t->name : "kernel", sizeof(p->name));
        return;
    }
    p->task = task->tid;
    p->parent = task->parent ? task->parent->tid : 0;
    strlcpy(p->name, task->name ? task->name : "", sizeof(p->name)); /* none yet: a fork in progress */
}

int proc_ps_snapshot(struct ps_thread *out, int max)
{
    struct snapshot s = {out, max, 0};
    mutex_lock(&tasks_lock);
    uint32_t was = waitq_lock();
    thread_for_each(take_thread, &s);
    waitq_unlock(was);
    mutex_unlock(&tasks_lock);
    return s.n > max ? -E_2BIG : s.n;
}
