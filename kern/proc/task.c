/*
 * task.c - task creation and the process tree: init, orphans, counts, and
 * walking the tree (tasks_lock held).
 */
#include "proc/task.h"

#include <abi/errors.h>

#include "arch/cpu.h"
#include "lib/assert.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/alloc_fail.h"
#include "mm/kmalloc.h"
#include "proc/exec.h"
#include "sched/sched.h"
#include "sync/desched.h"
#include "sync/mutex.h"

struct mutex tasks_lock;
static unsigned ntasks;

/* alloc_fail's owner: the calling thread's task, 0 for a kernel thread. */
static int current_task_id(void)
{
    const struct task *task = sched_current()->task;
    return task ? task->tid : 0;
}

static int thread_task_id(const struct thread *th) { return th->task ? th->task->tid : 0; }

void tasks_init(void)
{
    mutex_init(&tasks_lock, LOCK_RANK_TASKS, "tasks");
    alloc_fail_set_owner(current_task_id);
    reaper_init();
    desched_init();
    sched_dump_set_task_id(thread_task_id);
    trace_glue_init();
    trap_set_fault_hook(fault_handle);
    trap_set_exit_hook(proc_trap_exit);
}

bool user_writable(uint32_t uaddr, uint32_t len)
{
    struct task *task = sched_current()->task;
    return task && vm_range_ok(task->vm, uaddr, len, true);
}

unsigned task_count(void) { return ntasks; }

struct task *task_alloc(void)
{
    struct task *t = kzalloc(sizeof(*t));
    if (!t)
        return NULL;
    list_init(&t->children);
    list_init(&t->zombies);
    list_init(&t->threads);
    list_init(&t->waiters);
    list_node_init(&t->sibling);
    mutex_lock(&tasks_lock);
    ntasks++;
    mutex_unlock(&tasks_lock);
    return t;
}

struct task *task_tree_next(struct task *t, const struct task *root)
{
    assert(mutex_held(&tasks_lock));
    if (!list_empty(&t->children))
        return list_entry(list_front(&t->children), struct task, sibling);
    for (; t != root; t = t->parent) {
        struct list_node *next = t->sibling.next;
        if (next != &t->parent->children.head)
            return list_entry(next, struct task, sibling);
    }
    return NULL;
}

struct task *task_find(int tid)
{
    assert(mutex_held(&tasks_lock));
    for (struct task *t = init_task; t; t = task_tree_next(t, init_task))
        if (t->tid == tid)
            return t;
    return NULL;
}

void task_free(struct task *t)
{
    assert(!t->vm && t->nthreads == 0);
    mutex_lock(&tasks_lock);
    ntasks--;
    mutex_unlock(&tasks_lock);
    kfree(t);
}

/* The first user task: init, with the given argument vector. */
void task_start_init(int argc, char **argv)
{
    struct task *t = task_alloc();
    struct thread *th = t ? thread_alloc(t) : NULL;
    uint32_t entry, esp;
    if (!th || exec_build(argv[0], argv, argc, &t->vm, &entry, &esp, &t->name) < 0)
        panic("cannot start %s", argv[0]);
    t->tid = th->tid;
    list_push_back(&t->threads, &th->task_node);
    t->nthreads = 1;
    init_task = t;

    trapframe_t *tf = context_user_frame(th->kstack_top);
    exec_initial_frame(tf, entry, esp);
    th->saved_esp = context_init_user(th->kstack_top, tf);
    uint32_t was = waitq_lock();
    sched_make_runnable(th);
    waitq_unlock(was);
}

int task_claim_alone(struct task *t, const struct thread *self)
{
    mutex_lock(&tasks_lock); /* task_vanish marks threads killed under it */
    int ret = self->killed ? -E_INTR : 0;
    struct list_node *n;
    list_for_each(n, &t->threads) {
        const struct thread *th = list_entry(n, struct thread, task_node);
        if (ret == 0 && th != self && !th->exiting) {
            ret = -E_PERM;
            break;
        }
    }
    mutex_unlock(&tasks_lock);
    return ret;
}

void task_set_status(struct thread *self, int status)
{
    mutex_lock(&tasks_lock); /* task_vanish kills, then writes, under it: see there */
    if (!self->killed)
        self->task->status = status;
    mutex_unlock(&tasks_lock);
}
