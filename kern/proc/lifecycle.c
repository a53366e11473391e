/*
 * lifecycle.c - the end of threads and tasks: vanish, task_vanish, wait,
 * and the death of a thread killed by a fault.
 *
 * wait() is first come, first served: a waiting thread leaves a struct
 * waiter (on its own stack) on the parent's waiters list, and an exiting
 * child hands itself to the first such waiter directly; only when nobody
 * waits does it join the zombie list.  So no later waiter can overtake.
 * Nothing on the exit path allocates memory.
 */
#include <abi/errors.h>

#include "arch/cpu.h"
#include "dev/console.h"
#include "lib/assert.h"
#include "lib/printf.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "sched/waitq.h"
#include "sync/cond.h"
#include "trace/trace.h"

struct task *init_task;

struct waiter {
    struct list_node node; /* parent->waiters */
    struct waitq sleeper;  /* the waiting thread, while it sleeps for a child */
    struct task *child;    /* set by the child that chose this waiter */
};

/* tasks_lock held.  Give exited child z to parent's first waiter, or park
 * it on the zombie list. */
static void hand_zombie(struct task *parent, struct task *z)
{
    assert(mutex_held(&tasks_lock));
    z->parent = parent;
    struct list_node *n = list_pop_front(&parent->waiters);
    if (!n) {
        list_push_back(&parent->zombies, &z->sibling);
        return;
    }
    struct waiter *w = list_entry(n, struct waiter, node);
    parent->nwaiters--;
    w->child = z;
    /* Wake it only if it still sleeps in wait(): a killed waiter may be
     * awake already, or even blocked on tasks_lock. */
    uint32_t was = waitq_lock();
    waitq_wake_one(&w->sleeper);
    waitq_unlock(was);
}

/* tasks_lock held.  Move t's children and zombies to init. */
static void reparent_to_init(struct task *t)
{
    assert(mutex_held(&tasks_lock));
    struct list_node *n;
    while ((n = list_pop_front(&t->children))) {
        struct task *c = list_entry(n, struct task, sibling);
        c->parent = init_task;
        list_push_back(&init_task->children, &c->sibling);
        init_task->nchildren++;
    }
    t->nchildren = 0;
    while ((n = list_pop_front(&t->zombies)))
        hand_zombie(init_task, list_entry(n, struct task, sibling));
}

/* The calling thread leaves its task: from here on it never looks at the
 * task again, which may be freed (by the parent's wait) before this thread
 * is gone.  It stays on whatever directory is loaded, like a kernel thread
 * (no %cr3 load): vm_destroy moves the CPU off a directory it frees. */
static void detach_from_task(struct thread *self)
{
    uint32_t was = waitq_lock(); /* the scheduler reads t->task under it */
    self->task = NULL;
    waitq_unlock(was);
}

/* The last thread of t is leaving: free the address space, tell the parent. */
static void task_exit(struct task *t)
{
    struct vm *vm = t->vm;
    t->vm = NULL;
    vm_destroy(vm);

    if (t == init_task) {
        printf("init (task %d) exited with status %d; halting\n", t->tid, t->status);
        trace_stop();
        machine_exit(0);
    }
    mutex_lock(&tasks_lock);
    reparent_to_init(t);
    struct task *parent = t->parent;
    list_remove(&t->sibling);
    parent->nchildren--;
    hand_zombie(parent, t);
    mutex_unlock(&tasks_lock);
}

/* The calling thread leaves its task; the last one to leave ends the task.
 * killed_by_fault: the task's status becomes -2 if this is the last thread
 * (decided under the same lock as "last", so a sibling's vanish meanwhile
 * cannot make it wrong), unless task_vanish has killed it (its status
 * stands). */
static void thread_leave(bool killed_by_fault) __attribute__((noreturn));
static void thread_leave(bool killed_by_fault)
{
    struct thread *self = sched_current();
    struct task *t = self->task;
    sched_leaving(); /* exiting: from now on fork and exec may ignore us */
    mutex_lock(&tasks_lock);
    list_remove(&self->task_node);
    bool last = --t->nthreads == 0;
    if (last && killed_by_fault && !self->killed)
        t->status = -2;
    trace_proc(TEV_VANISH, last, (uint32_t)t->status);
    detach_from_task(self); /* before unlocking: the last thread may free t */
    mutex_unlock(&tasks_lock);
    if (sched_misbehave() == MISBEHAVE_YIELD_SYSCALL)
        sched_yield(); /* a switch away after leaving the task: it may own its CPU's FPU */
    if (last)
        task_exit(t);
    sched_exit();
}

void proc_vanish(void) { thread_leave(false); }

/* tasks_lock held.  Mark every other thread of t killed; end the waits it
 * can end. */
static void kill_siblings(struct task *t, const struct thread *self)
{
    assert(mutex_held(&tasks_lock));
    struct list_node *n;
    list_for_each(n, &t->threads) {
        struct thread *th = list_entry(n, struct thread, task_node);
        if (th == self)
            continue;
        th->killed = true;
        uint32_t was = waitq_lock();
        waitq_interrupt(th);
        waitq_unlock(was);
    }
}

/* tasks_lock held.  Decide t's end: every thread but self (NULL: every
 * thread) is killed, then the status is set - after the killing, so no
 * other thread's set_status (task_set_status) or death by a fault
 * (thread_leave) can overwrite it now. */
static void kill_task(struct task *t, const struct thread *self, int status)
{
    assert(mutex_held(&tasks_lock));
    kill_siblings(t, self);
    t->status = status;
    t->ending = true;
}

void proc_task_vanish(int status)
{
    struct thread *self = sched_current();
    struct task *t = self->task;
    mutex_lock(&tasks_lock);
    if (!self->killed) /* else an earlier task_vanish (or proc_kill_job) wins */
        kill_task(t, self, status);
    mutex_unlock(&tasks_lock);
    proc_vanish();
}

/* tasks_lock held.  Is some thread of t still to end (not in vanish)?  If
 * none is, t is ending on its own and its status stands. */
static bool has_running_member(const struct task *t)
{
    assert(mutex_held(&tasks_lock));
    const struct list_node *n;
    list_for_each(n, &t->threads) {
        if (!list_entry(n, const struct thread, task_node)->exiting)
            return true;
    }
    return false;
}

/* The caller is a kernel thread (foreground.c), so it is in no task and
 * kills every thread of each.  Under tasks_lock throughout: the tree
 * cannot change while it is walked, and a killed task's fork is refused
 * under the same lock (fork.c), so no new member escapes the job. */
int proc_kill_job(int tid, int status)
{
    int killed = 0;
    mutex_lock(&tasks_lock);
    struct task *root = task_find(tid);
    if (root == init_task)
        root = NULL;
    for (struct task *t = root; t; t = task_tree_next(t, root)) {
        if (t->ending || !has_running_member(t))
            continue;
        kill_task(t, NULL, status);
        killed++;
    }
    mutex_unlock(&tasks_lock);
    return killed;
}

void proc_kill_current(const trapframe_t *tf, const char *why)
{
    struct thread *self = sched_current();
    struct task *t = self->task;
    char msg[160];
    int n = snprintf(msg, sizeof(msg), "Task %d thread %d killed: %s at 0x%08x (eip 0x%08x, error 0x%x)\n",
                     t->tid, self->tid, why, tf->cause == TRAP_PAGEFAULT ? tf->cr2 : tf->eip, tf->eip,
                     tf->error_code);
    console_line(msg, (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1); /* one whole line */
    thread_leave(true);
}

/* tasks_lock held: sleep until a child is handed to w or we are killed. */
static int wait_for_child(struct waiter *w)
{
    assert(mutex_held(&tasks_lock));
    int ret = 0;
    while (!w->child && ret == 0)
        ret = waitq_wait_mutex(&w->sleeper, &tasks_lock, WAITQ_INTR);
    return ret;
}

/* tasks_lock held.  A wait() could not deliver z's status: z goes back
 * where the next wait() finds it first - to the first waiter, or the front
 * of the zombie list. */
static void give_back_zombie(struct task *parent, struct task *z)
{
    assert(mutex_held(&tasks_lock));
    if (list_empty(&parent->waiters)) {
        z->parent = parent;
        list_push_front(&parent->zombies, &z->sibling);
    } else {
        hand_zombie(parent, z);
    }
}

/* tasks_lock held.  Take an exited child of t, sleeping for one if need be:
 * 0 with *out set, -E_CHILD if none can ever come, -E_INTR if killed. */
static int take_child(struct task *t, struct task **out)
{
    assert(mutex_held(&tasks_lock));
    struct list_node *n = list_pop_front(&t->zombies);
    if (n) {
        *out = list_entry(n, struct task, sibling);
        return 0;
    }
    if (t->nchildren <= t->nwaiters)
        return -E_CHILD;
    struct waiter w = {.child = NULL};
    waitq_init(&w.sleeper, "wait");
    list_push_back(&t->waiters, &w.node);
    t->nwaiters++;
    int r = wait_for_child(&w);
    if (r < 0 && !w.child) {
        list_remove(&w.node);
        t->nwaiters--;
    } else if (r < 0) {
        give_back_zombie(t, w.child); /* killed: let another waiter have it */
    }
    *out = w.child;
    return r;
}

int proc_wait(uint32_t status_uptr)
{
    if (status_uptr && !user_writable(status_uptr, sizeof(int)))
        return -E_FAULT;
    struct task *t = sched_current()->task;
    struct task *z = NULL;
    mutex_lock(&tasks_lock);
    int r = take_child(t, &z);
    if (r == 0 && status_uptr) {
        /* Still under tasks_lock, so if the page has gone meanwhile the
         * child goes back with nobody having seen it missing.  (The copy may
         * fault in a page: vm ranks above tasks.) */
        int status = z->status;
        if ((r = copy_to_user(status_uptr, &status, sizeof(status))) < 0)
            give_back_zombie(t, z);
    }
    mutex_unlock(&tasks_lock);
    if (r < 0)
        return r;
    int tid = z->tid;
    task_free(z);
    return tid;
}

void proc_trap_exit(trapframe_t *tf)
{
    assert(!irq_enabled());
    /* Preempt only where it is safe to switch: any trap that interrupted
     * code running with interrupts on (user mode, or preemptible kernel). */
    if (trap_irq_were_on(tf))
        sched_preempt_if_needed();
    if (!trap_from_user(tf) || !sched_current()->killed)
        return;
    irq_enable();
    proc_vanish(); /* a killed thread dies instead of going back */
}
