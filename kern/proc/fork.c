/*
 * fork.c - fork (a new task copying the caller) and thread_fork (a new
 * thread in the caller's task).  Both build everything first and link the
 * result into the process tree last, so a failure (no memory) only has to
 * free what it made.
 */
#include <abi/errors.h>

#include "arch/cpu.h"
#include "arch/fpu.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "trace/trace.h"

/* A new thread of task that resumes in user mode with tf, %eax = 0. */
static struct thread *clone_thread(struct task *task, const trapframe_t *tf)
{
    struct thread *t = thread_alloc(task);
    if (!t)
        return NULL;
    trapframe_t *frame = context_user_frame(t->kstack_top);
    *frame = *tf;
    frame->eax = 0;
    t->saved_esp = context_init_user(t->kstack_top, frame);
    fpu_copy_current(&t->fpu);
    return t;
}

static void start_thread(struct thread *t)
{
    uint32_t was = waitq_lock();
    sched_make_runnable(t);
    waitq_unlock(was);
    if (sched_misbehave() == MISBEHAVE_CHILD_FIRST)
        sched_yield_to(t->tid);
}

int proc_fork(trapframe_t *tf)
{
    struct thread *self = sched_current();
    struct task *parent = self->task;
    int r = task_claim_alone(parent, self);
    if (r < 0)
        return r;

    struct task *child = task_alloc();
    if (!child)
        return -E_NOMEM;
    child->vm = vm_create();
    struct thread *t = NULL;
    if (!child->vm || vm_copy(child->vm, parent->vm) < 0 || !(t = clone_thread(child, tf))) {
        if (child->vm)
            vm_destroy(child->vm);
        child->vm = NULL;
        task_free(child);
        return -E_NOMEM;
    }
    t->swexn = self->swexn;
    child->tid = t->tid;
    child->status = 0;
    child->name = parent->name; /* only self (exec) writes it */

    mutex_lock(&tasks_lock);
    if (self->killed) { /* proc_kill_job ends the whole job: no member may escape it */
        mutex_unlock(&tasks_lock);
        vm_destroy(child->vm);
        child->vm = NULL;
        thread_free(t);
        task_free(child);
        return -E_INTR;
    }
    child->parent = parent;
    list_push_back(&parent->children, &child->sibling);
    parent->nchildren++;
    list_push_back(&child->threads, &t->task_node);
    child->nthreads = 1;
    mutex_unlock(&tasks_lock);

    int tid = t->tid;
    trace_proc(TEV_FORK, (uint32_t)tid, 0);
    start_thread(t);
    return tid;
}

int proc_thread_fork(trapframe_t *tf)
{
    struct thread *self = sched_current();
    struct task *task = self->task;
    if (task->nthreads >= TASK_MAX_THREADS) /* a hint, so as not to allocate; checked below */
        return -E_NOMEM;
    struct thread *t = clone_thread(task, tf);
    if (!t)
        return -E_NOMEM;
    mutex_lock(&tasks_lock);
    int r = 0;
    if (self->killed)
        r = -E_INTR; /* the task is going away: no new members */
    else if (task->nthreads >= TASK_MAX_THREADS)
        r = -E_NOMEM; /* the task has its share */
    if (r < 0) {
        mutex_unlock(&tasks_lock);
        thread_free(t);
        return r;
    }
    list_push_back(&task->threads, &t->task_node);
    task->nthreads++;
    mutex_unlock(&tasks_lock);

    int tid = t->tid;
    trace_proc(TEV_THRFORK, (uint32_t)tid, 0);
    start_thread(t);
    return tid;
}
