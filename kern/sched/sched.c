/*
 * sched.c - round-robin scheduling on one CPU.
 *
 * Queues (all protected by disabling interrupts):
 *   run_queue    RUNNABLE threads, front runs next; the current thread is
 *                not on it.  A tick moves the current thread to the back once
 *                its slice is over (see slice_start).
 *   dead         exited threads whose stacks the reaper (the boot thread,
 *                once it has started everything) will free.
 * Blocked threads sit on the wait queue (sched/waitq.h) of whatever they
 * wait for; this file owns one of them (sleep.c has sleep's, and
 * sync/desched.c deschedule's):
 *   reaper_wait  the reaper, while there is nothing to free.
 * No mutex here: the locks of deschedule (sync/desched.c) and of the
 * reaper (proc/reaper.c) live in the layers above, which are mutexes'.
 *
 * The idle thread is on no queue: it runs when the run queue is empty.
 */
#include "sched/sched.h"

#include <abi/errors.h>

#include "arch/cpu.h"
#include "arch/fpu.h"
#include "arch/mmu.h"
#include "lib/assert.h"
#include "lib/string.h"
#include "mm/vm.h"
#include "proc/task.h"
#include "sched/clock.h"
#include "sched/sched_trace.h"
#include "sched/sleep.h"
#include "sched/waitq.h"
#include "trace/trace.h"

static struct thread boot_thread_storage;
struct thread *sched_current_thread; /* read inline through sched_current() */
static struct thread *idle_thread;   /* set once by sched_init */
static struct list run_queue;
static struct list dead_list;
static struct waitq reaper_wait;
volatile bool sched_need_resched; /* read inline by sched_preempt_if_needed() */
/* The tick count when the current thread got the CPU.  A thread is
 * preempted at the (SLICE_TICKS << slice_shift)th tick after that, so it
 * runs for at least one whole tick (1-2 ms) even if it was switched to just
 * before a tick.  A thread preempted because its slice ran out gets twice
 * as long a turn next time, up to SLICE_TICKS << SLICE_MAX_SHIFT (8 ticks);
 * one that blocks or yields starts again from SLICE_TICKS.  CPU-bound
 * threads thus switch less often (each switch costs the others' wake-ups:
 * docs/architecture.md, "Time slices"), and no thread waits longer than the
 * others' capped slices: the run queue stays first come, first served. */
static uint32_t slice_start; /* interrupts off */
#define SLICE_TICKS     2
#define SLICE_MAX_SHIFT 2
static bool running;      /* set once, when the scheduler starts */
int sched_misbehave_mode; /* one word, written by misbehave(), read inline through sched_misbehave() */

bool sched_running(void) { return running; }

/* A thread of a task runs on its task's directory; a kernel thread (and an
 * exiting thread, which has left its task) touches only kernel memory, the
 * same in every directory, so it runs on whatever is loaded: switching to
 * it costs no %cr3 load. */
static void switch_address_space(const struct thread *next)
{
    if (next->task)
        mmu_activate(next->task->vm->pd_pa);
}

static uint32_t slice_length(const struct thread *t) { return (uint32_t)SLICE_TICKS << t->slice_shift; }

/* sched_preempt, for the current thread it sends to the back: a longer
 * turn next time if it has run its whole slice.  The paths where a thread
 * blocks or yields set slice_shift back to 0 themselves (one store), so
 * switch_to, on every path, does no slice work. */
static void slice_grow_if_spent(struct thread *t)
{
    if (clock_ticks() - slice_start >= slice_length(t) && t->slice_shift < SLICE_MAX_SHIFT)
        t->slice_shift++;
}

static void switch_to(struct thread *next)
{
    struct thread *prev = sched_current_thread;
    assert(!irq_enabled());
    if (!thread_stack_intact(prev))
        panic("kernel stack overflow in thread %d (%s)", prev->tid, prev->name ? prev->name : "user");
    if (next == prev) {
        prev->state = THREAD_RUNNING;
        return;
    }
    uint32_t now = clock_ticks();
    sched_trace_switch(prev, next, now);
    trace_switch(prev, next);
    next->state = THREAD_RUNNING;
    sched_current_thread = next;
    sched_need_resched = false;
    slice_start = now;
    fpu_switch_to(next->task ? &next->fpu : NULL);
    cpu_set_kernel_stack(next->kstack_top);
    switch_address_space(next);
    context_switch(&prev->saved_esp, next->saved_esp);
}

static struct thread *pick_next(void)
{
    struct list_node *n = list_pop_front(&run_queue);
    return n ? list_entry(n, struct thread, qnode) : idle_thread;
}

void sched_make_runnable(struct thread *t)
{
    assert(!irq_enabled());
    assert(!list_node_linked(&t->qnode));
    t->state = THREAD_RUNNABLE;
    t->waitq = NULL;
    list_push_back(&run_queue, &t->qnode);
    if (sched_current_thread == idle_thread)
        sched_need_resched = true;
}

/* Interrupts off.  The caller is BLOCKED on a wait queue: run someone
 * else until woken. */
static void sched_block(void)
{
    assert(!irq_enabled());
    assert(sched_current_thread->state != THREAD_RUNNING);
    sched_current_thread->slice_shift = 0;
    switch_to(pick_next());
}

/*
 * Wait queues (waitq.h).  They live here, beside the run queue, because
 * sleeping is sched_block and waking is sched_make_runnable: a sleeping
 * thread is BLOCKED, its qnode is on q->sleepers and t->waitq == q; a
 * wake-up takes it off and puts it on the run queue (which clears
 * t->waitq).  interrupted says which of a wake-up or a kill ended the
 * wait.  All of it with interrupts off.
 */

/* Interrupts off: the calling thread sleeps at the back of q. */
static int sleep_on(struct waitq *q, unsigned flags)
{
    struct thread *self = sched_current(); /* sched_block checks that interrupts are off */
    bool intr = (flags & WAITQ_INTR) != 0;
    if (intr && self->killed)
        return -E_INTR; /* task_vanish came first and found no wait to end */
    self->state = THREAD_BLOCKED;
    self->waitq = q;
    self->interruptible = intr;
    self->interrupted = false;
    list_push_back(&q->sleepers, &self->qnode);
    trace_block(q->name);
    sched_block();
    self->interruptible = false;
    return self->interrupted ? -E_INTR : 0;
}

int waitq_wait(struct waitq *q, unsigned flags) { return sleep_on(q, flags); }

void waitq_wake_thread(struct thread *t)
{
    /* sched_make_runnable checks that interrupts are off */
    assert(t->state == THREAD_BLOCKED && t->waitq);
    trace_wakeup(t->tid, t->waitq->name);
    list_remove(&t->qnode);
    sched_make_runnable(t);
}

void waitq_wake_all(struct waitq *q)
{
    while (waitq_wake_one(q))
        ;
}

void waitq_interrupt(struct thread *t)
{
    assert(!irq_enabled()); /* also when there is nothing to end */
    if (t->state != THREAD_BLOCKED || !t->interruptible)
        return;
    t->interrupted = true;
    waitq_wake_thread(t);
}

void sched_yield(void)
{
    uint32_t was = irq_save();
    sched_current_thread->slice_shift = 0;
    if (sched_current_thread != idle_thread) {
        sched_current_thread->state = THREAD_RUNNABLE;
        list_push_back(&run_queue, &sched_current_thread->qnode);
    }
    switch_to(pick_next());
    irq_restore(was);
}

int sched_yield_to(int tid)
{
    uint32_t was = irq_save();
    struct thread *t = thread_lookup(tid);
    int ret = 0;
    /* A thread that has begun to vanish is gone for yield: its task's
     * status may already be collected by wait() while it is still
     * runnable on its way out. */
    if (!t || t->exiting || (t->state != THREAD_RUNNABLE && t != sched_current_thread)) {
        ret = -E_SRCH;
    } else if (t != sched_current_thread) {
        list_remove(&t->qnode);
        sched_current_thread->slice_shift = 0;
        sched_current_thread->state = THREAD_RUNNABLE;
        list_push_back(&run_queue, &sched_current_thread->qnode);
        switch_to(t);
    }
    irq_restore(was);
    return ret;
}

void sched_preempt(void)
{
    assert(!irq_enabled());
    if (!sched_need_resched || !running)
        return;
    sched_need_resched = false;
    if (list_empty(&run_queue) && sched_current_thread != idle_thread)
        return;
    trace_preempt(sched_current_thread->tid);
    if (sched_current_thread != idle_thread && sched_current_thread->state == THREAD_RUNNING) {
        slice_grow_if_spent(sched_current_thread);
        sched_current_thread->state = THREAD_RUNNABLE;
        list_push_back(&run_queue, &sched_current_thread->qnode);
    }
    switch_to(pick_next());
}

void sched_tick(uint32_t now)
{
    if (now - slice_start >= slice_length(sched_current_thread))
        sched_need_resched = true;
}

void sched_exit(void)
{
    irq_disable();
    assert(sched_current_thread != idle_thread && sched_current_thread->locks.count == 0);
    fpu_release(&sched_current_thread->fpu);
    sched_current_thread->state = THREAD_DEAD;
    list_push_back(&dead_list, &sched_current_thread->qnode);
    waitq_wake_one(&reaper_wait);
    switch_to(pick_next());
    panic("a dead thread ran again");
}

void sched_reap(void)
{
    for (;;) {
        uint32_t was = irq_save();
        struct list_node *n = list_pop_front(&dead_list);
        irq_restore(was);
        if (!n)
            break;
        thread_free(list_entry(n, struct thread, qnode));
    }
}

void sched_wait_dead(void)
{
    uint32_t was = irq_save();
    if (list_empty(&dead_list))
        waitq_wait(&reaper_wait, 0);
    irq_restore(was);
}

static void idle_main(void *arg)
{
    (void)arg;
    for (;;) {
        irq_enable();
        cpu_halt();
    }
}

struct thread *kthread_start(const char *name, void (*fn)(void *), void *arg)
{
    struct thread *t = thread_alloc(NULL);
    if (!t)
        return NULL;
    t->name = name;
    t->saved_esp = context_init_kernel(t->kstack_top, fn, arg);
    uint32_t was = irq_save();
    sched_make_runnable(t);
    irq_restore(was);
    return t;
}

void sched_set_misbehave(int mode) { sched_misbehave_mode = mode; }

void sched_init(void)
{
    list_init(&run_queue);
    list_init(&dead_list);
    sleep_init();
    waitq_init(&reaper_wait, "dead threads");
    threads_init();

    /* The code running now becomes the boot thread. */
    struct thread *boot = &boot_thread_storage;
    boot->tid = 0;
    boot->name = "boot";
    boot->state = THREAD_RUNNING;
    extern char boot_stack_bottom[], boot_stack_top[];
    boot->kstack = (uint32_t)boot_stack_bottom;
    boot->kstack_top = (uint32_t)boot_stack_top;
    *(uint32_t *)boot->kstack = KSTACK_CANARY;
    list_node_init(&boot->qnode);
    sched_current_thread = boot;

    idle_thread = thread_alloc(NULL);
    assert(idle_thread);
    idle_thread->name = "idle";
    idle_thread->saved_esp = context_init_kernel(idle_thread->kstack_top, idle_main, NULL);
    running = true;
}
