/*
 * sched.c - round-robin scheduling on every CPU, from one shared run queue.
 *
 * One spinlock, sched_lock (LOCK_RANK_SCHED; waitq_lock() to the layers
 * above), guards all of the scheduler's state:
 *   run_queue    RUNNABLE threads, front runs next, on whichever CPU asks
 *                first; a running thread is on no queue.  A tick moves a
 *                CPU's current thread to the back once its slice is over.
 *   dead_list    exited threads whose stacks the reaper will free.
 *   every wait queue (sched/waitq.h) and the threads' scheduling fields
 *                (state, qnode, waitq, cpu), the tid table (thread.c) and
 *                the sleepers' timing wheel (sleep.c).
 *   idle_cpus    the CPUs running their idle thread, not yet sent a wake-up
 *                (kept only with several CPUs).
 * Each CPU's own fields (current, idle, need_resched, slice_start: struct
 * cpu, arch/smp.h) are written by that CPU with interrupts off; another
 * CPU only sets need_resched, under sched_lock, and then sends it
 * IPI_RESCHED.
 *
 * Why one queue and one lock rather than a queue per CPU: a CPU takes the
 * lock only to switch threads or to block or wake one, a few hundred
 * instructions at most every tick (1 ms) per CPU-bound CPU; one queue
 * balances perfectly, with no migration policy to get wrong, and keeps
 * yield's first-come-first-served order exact (docs/architecture.md,
 * "SMP", has make bench's figures for what the lock costs, and why not
 * at 8 CPUs).
 *
 * The lock is held across the context switch: the CPU that takes it in
 * one thread releases it in the thread it switched to (at the end of that
 * thread's own switch_to call, or, for a thread's first run, in
 * first_run).  So no other CPU can pick a thread off the run queue before
 * the switch has saved it, or free a dead thread's stack while it still
 * runs on it.
 *
 * Each CPU's idle thread is on no queue: it runs when the run queue is
 * empty, and halts until an interrupt.
 */
#include "sched/sched.h"

#include <abi/errors.h>

#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/fpu.h"
#include "arch/mmu.h"
#include "arch/smp.h"
#include "arch/timer.h"
#include "lib/assert.h"
#include "lib/string.h"
#include "lock/spinlock.h"
#include "mm/vm.h"
#include "proc/task.h"
#include "sched/clock.h"
#include "sched/sched_trace.h"
#include "sched/sleep.h"
#include "sched/waitq.h"
#include "trace/trace.h"

struct spin_ticket sched_lock_ticket; /* sched_lock's (waitq.h) */
static struct thread boot_thread_storage;
static struct list run_queue;
static struct list dead_list;
static struct waitq reaper_wait;
static uint32_t leaving;          /* threads between sched_leaving and sched_exit */
static struct waitq leavers_wait; /* sched_wait_leavers, until leaving is 0 */
static uint32_t idle_cpus;        /* bit c: CPU c runs its idle thread and was sent no wake-up */
/* Threads in yield(tid) with other CPUs online: each waits (yields_to)
 * until that thread's turn is over - it leaves its CPU, yields, or is
 * preempted - so that no idle CPU resumes the yielder first.  (With one
 * CPU the yielder just queues behind it: nobody else can run it sooner.)
 * A thread waiting here counts as runnable for yield(tid). */
static struct waitq yielders;
/* A CPU's current thread got it at the tick this_cpu()->slice_start.  It
 * is preempted at the (SLICE_TICKS << slice_shift)th tick after that, so it
 * runs for at least one whole tick (1-2 ms) even if it was switched to just
 * before a tick.  A thread preempted because its slice ran out gets twice
 * as long a turn next time, up to SLICE_TICKS << SLICE_MAX_SHIFT (8 ticks);
 * one that blocks or yields starts again from SLICE_TICKS.  CPU-bound
 * threads thus switch less often (each switch costs the others' wake-ups:
 * docs/architecture.md, "Time slices"), and no thread waits longer than the
 * others' capped slices: the run queue stays first come, first served. */
#define SLICE_TICKS     2
#define SLICE_MAX_SHIFT 2
static bool running;      /* set once, when the scheduler starts */
int sched_misbehave_mode; /* one word, written by misbehave(), read inline through sched_misbehave() */

bool sched_running(void) { return running; }

/* A thread of a task runs on its task's directory; a kernel thread (and an
 * exiting thread, which has left its task) touches only kernel memory, the
 * same in every directory, so it borrows whatever is loaded: switching to
 * it costs no %cr3 load, and the loaded task's shootdowns pass this CPU by
 * meanwhile (arch/x86/tlb.c). */
static void switch_address_space(const struct thread *next)
{
    if (next->task)
        mmu_activate(next->task->vm->pd_pa);
    else
        mmu_borrow();
}

static uint32_t slice_length(const struct thread *t) { return (uint32_t)SLICE_TICKS << t->slice_shift; }

/* sched_preempt, for the current thread it sends to the back: a longer
 * turn next time if it has run its whole slice.  The paths where a thread
 * blocks or yields set slice_shift back to 0 themselves (one store), so
 * switch_to, on every path, does no slice work. */
static void slice_grow_if_spent(struct cpu *me, struct thread *t)
{
    if (clock_ticks() - me->slice_start >= slice_length(t) && t->slice_shift < SLICE_MAX_SHIFT)
        t->slice_shift++;
}

/* sched_lock held.  Note whether CPU me now idles (a wake-up may go to it). */
static void note_idle(const struct cpu *me, bool idle)
{
    if (idle)
        idle_cpus |= 1u << me->id;
    else
        idle_cpus &= ~(1u << me->id);
}

static void wake_yielders(const struct thread *prev);

/* sched_lock held: t's turn is over; whoever yielded to it may run. */
static inline void end_turn(const struct thread *t)
{
    if (!list_empty(&yielders.sleepers))
        wake_yielders(t);
}

/* sched_lock held (and kept: the thread switched to releases it).  Run
 * next on this CPU; returns when the calling thread runs again, perhaps on
 * another CPU.  The caller has ended the current thread's turn (end_turn)
 * before it chose next: the yielders that wakes must be able to be next,
 * or an idle CPU could take the wake-up meant for one that runs them. */
static void switch_to(struct thread *next)
{
    struct cpu *me = this_cpu();
    struct thread *prev = me->current;
    assert(spin_held(&sched_lock));
    if (!thread_stack_intact(prev))
        panic("kernel stack overflow in thread %d (%s)", prev->tid, prev->name ? prev->name : "user");
    if (smp_several)
        note_idle(me, next == me->idle);
    if (next == prev) {
        prev->state = THREAD_RUNNING;
        return;
    }
    uint32_t now = clock_ticks();
    uint8_t cpu = (uint8_t)me->id;
    sched_trace_switch(prev, next, now, cpu);
    trace_switch(prev, next);
    next->state = THREAD_RUNNING;
    next->cpu = cpu;
    me->current = next;
    me->need_resched = false;
    me->slice_start = now;
    /* prev's own state even if it has left its task (exiting): it may still
     * own this CPU's FPU, and must not stay its owner once it can run, and
     * be freed, elsewhere (fpu_release frees only the running CPU's). */
    fpu_switch(&prev->fpu, next->task ? &next->fpu : NULL);
    cpu_set_kernel_stack(next->kstack_top);
    switch_address_space(next);
    context_switch(&prev->saved_esp, next->saved_esp);
}

/* A new thread's first instructions (arch/context.h's first-run hook): it
 * was switched to with sched_lock held, which it now releases. */
static void first_run(void) { spin_unlock(&sched_lock); }

static struct thread *pick_next(void)
{
    struct list_node *n = list_pop_front(&run_queue);
    return n ? list_entry(n, struct thread, qnode) : this_cpu()->idle;
}

/* sched_lock held.  Someone is runnable: have a CPU that idles pick it
 * up - this one if it idles (at its next trap exit), else another, sent an
 * IPI.  The CPU chosen leaves idle_cpus, so the next wake-up goes to
 * another one. */
static void wake_a_cpu(void)
{
    struct cpu *me = this_cpu();
    if (!smp_several) { /* the one CPU: if it idles, it looks at its trap's exit */
        if (me->current == me->idle)
            me->need_resched = true;
        return;
    }
    uint32_t mine = 1u << me->id;
    if (!idle_cpus)
        return;
    unsigned c = (idle_cpus & mine) && me->current == me->idle ? me->id : (unsigned)__builtin_ctz(idle_cpus);
    idle_cpus &= ~(1u << c);
    smp_cpu(c)->need_resched = true;
    if (c != me->id)
        smp_send_ipi(c, IPI_RESCHED);
}

void sched_make_runnable(struct thread *t)
{
    assert(spin_held(&sched_lock));
    assert(!list_node_linked(&t->qnode));
    t->state = THREAD_RUNNABLE;
    t->waitq = NULL;
    list_push_back(&run_queue, &t->qnode);
    wake_a_cpu();
}

/* sched_lock held.  The caller is BLOCKED on a wait queue: run someone
 * else until woken.  It may hold no other spinlock: the thread switched to
 * would inherit it. */
static void sched_block(struct thread *self)
{
    assert(self->state != THREAD_RUNNING);
    if (!spin_held_only(&sched_lock))
        spin_violation("blocking on", self->waitq ? self->waitq->name : "the scheduler");
    self->slice_shift = 0;
    end_turn(self);
    switch_to(pick_next());
}

/*
 * Wait queues (waitq.h).  They live here, beside the run queue, because
 * sleeping is sched_block and waking is sched_make_runnable: a sleeping
 * thread is BLOCKED, its qnode is on q->sleepers and t->waitq == q; a
 * wake-up takes it off and puts it on the run queue (which clears
 * t->waitq).  interrupted says which of a wake-up or a kill ended the
 * wait.  All of it under sched_lock.
 */

/* sched_lock held: the calling thread sleeps at the back of q. */
static int sleep_on(struct waitq *q, unsigned flags)
{
    struct thread *self = sched_current();
    bool intr = (flags & WAITQ_INTR) != 0;
    assert(spin_held(&sched_lock));
    if (intr && self->killed)
        return -E_INTR; /* task_vanish came first and found no wait to end */
    self->state = THREAD_BLOCKED;
    self->waitq = q;
    self->interruptible = intr;
    self->interrupted = false;
    if (flags & WAITQ_FRONT)
        list_push_front(&q->sleepers, &self->qnode);
    else
        list_push_back(&q->sleepers, &self->qnode);
    trace_block(q->name);
    sched_block(self);
    self->interruptible = false;
    return self->interrupted ? -E_INTR : 0;
}

int waitq_wait(struct waitq *q, unsigned flags) { return sleep_on(q, flags); }

void waitq_wake_thread(struct thread *t)
{
    /* sched_make_runnable checks the lock */
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
    assert(spin_held(&sched_lock)); /* also when there is nothing to end */
    if (t->state == THREAD_RUNNING && t->cpu != smp_cpu_id()) {
        /* It runs on another CPU, perhaps in user mode for a long while:
         * make it trap, so that it sees it was killed (proc_trap_exit). */
        smp_send_ipi(t->cpu, IPI_RESCHED);
        return;
    }
    if (t->state != THREAD_BLOCKED || !t->interruptible)
        return;
    t->interrupted = true;
    waitq_wake_thread(t);
}

/* sched_lock held.  The running thread t (not an idle thread) goes to
 * the back of the run queue. */
static void requeue(struct thread *t)
{
    t->state = THREAD_RUNNABLE;
    list_push_back(&run_queue, &t->qnode);
}

/* sched_lock held.  The current thread goes to the back of the run queue
 * (the idle thread goes nowhere). */
static void requeue_current(struct cpu *me)
{
    if (me->current != me->idle)
        requeue(me->current);
}

/* Without sched_lock, a glance: does nobody wait for a CPU or for the
 * current thread's turn to end?  Spinning threads yield(-1) in loops, and
 * preemption asks at every slice's end: with several CPUs, taking
 * sched_lock for nothing there turns into contention (a ticket lock handed
 * to a CPU the host is not running stalls every other).  A thread queued
 * just after the glance waits, as it would have anyway, for the next
 * slice's end or block on some CPU. */
static bool nothing_waits(void) { return list_empty_racy(&run_queue) && list_empty_racy(&yielders.sleepers); }

void sched_yield(void)
{
    if (nothing_waits()) {
        sched_current()->slice_shift = 0;
        return;
    }
    uint32_t was = spin_lock_irqsave(&sched_lock);
    struct cpu *me = this_cpu();
    me->current->slice_shift = 0;
    end_turn(me->current);
    requeue_current(me);
    switch_to(pick_next());
    spin_unlock_irqrestore(&sched_lock, was);
}

/* sched_lock held: prev leaves its CPU; whoever waited for that in
 * yield(prev) may run. */
static void wake_yielders(const struct thread *prev)
{
    struct list_node *n = list_front(&yielders.sleepers);
    while (n) {
        struct thread *t = list_entry(n, struct thread, qnode);
        n = n->next != &yielders.sleepers.head ? n->next : NULL;
        if (t->yields_to == prev)
            waitq_wake_thread(t);
    }
}

/* A thread that has begun to vanish is gone for yield: its task's status
 * may already be collected by wait() while it is still runnable on its way
 * out.  Kernel threads (an idle thread, the reaper) are no user's to yield
 * to: an idle thread's turn ends only when its CPU gets work, which could
 * be never. */
static bool yieldable(const struct thread *t) { return t->task && !t->exiting; }

/* sched_lock held: yield(tid) in every case but sched_yield_to's first.
 * A runnable t goes to the front of the run queue (this CPU, about to
 * block, takes it unless an idle one did first); then, whether t runs here
 * or elsewhere, wait until its turn is over, or until a kill.  With one
 * CPU a runnable t never comes here, so nobody waits on yielders. */
static int yield_and_wait(struct thread *t, struct thread *self)
{
    if (t && t->state == THREAD_BLOCKED && t->waitq == &yielders)
        waitq_wake_thread(t); /* waiting for a turn is being runnable */
    if (!t || !yieldable(t) || (t->state != THREAD_RUNNABLE && t->state != THREAD_RUNNING))
        return -E_SRCH;
    if (t == self)
        return 0; /* nothing to give up */
    if (t->state == THREAD_RUNNABLE) {
        list_remove(&t->qnode);
        list_push_front(&run_queue, &t->qnode);
    }
    self->yields_to = t;
    int ret = sleep_on(&yielders, WAITQ_INTR); /* 0, or -E_INTR; perhaps on another CPU now */
    self->yields_to = NULL;
    return ret;
}

int sched_yield_to(int tid)
{
    uint32_t was = spin_lock_irqsave(&sched_lock);
    struct thread *t = thread_lookup(tid);
    struct thread *self = sched_current();
    int ret = 0;
    /* Even a yield that fails shows a thread that waits for another, not
     * a CPU-bound one: its slices do not grow.  (A parent spinning on
     * yield(child) while the child waited for the kernel heap's mutex,
     * handed to a thread queued behind the parent, let that convoy move
     * on once per 8-tick slice: fork_bomb ran for up to 180 s.) */
    self->slice_shift = 0;
    if (t && t->state == THREAD_RUNNABLE && !smp_several && yieldable(t)) {
        /* One CPU: t runs next, here; this thread queues behind it. */
        requeue(self); /* a user thread: it made a system call */
        list_remove(&t->qnode);
        switch_to(t);
    } else {
        ret = yield_and_wait(t, self);
    }
    spin_unlock_irqrestore(&sched_lock, was);
    return ret;
}

void sched_preempt(void)
{
    assert(!irq_enabled());
    struct cpu *me = this_cpu();
    if (!me->need_resched || !running)
        return;
    if (me->current != me->idle && nothing_waits()) {
        me->need_resched = false;
        return;
    }
    spin_lock(&sched_lock);
    me->need_resched = false;
    struct thread *cur = me->current;
    end_turn(cur); /* its slice is spent (an idle CPU's: a wake-up, nobody yields to idle) */
    if (list_empty(&run_queue) && cur != me->idle) {
        spin_unlock(&sched_lock);
        return;
    }
    trace_preempt(cur->tid);
    if (cur != me->idle && cur->state == THREAD_RUNNING) {
        slice_grow_if_spent(me, cur);
        requeue_current(me);
    }
    switch_to(pick_next());
    spin_unlock(&sched_lock);
}

void sched_tick(uint32_t now)
{
    struct cpu *me = this_cpu();
    /* An idle CPU has no slice to end: a wake-up (wake_a_cpu) is what
     * ends its idling, so it stays in its hlt from tick to tick. */
    if (me->current != me->idle && now - me->slice_start >= slice_length(me->current))
        me->need_resched = true;
}

void sched_exit(void)
{
    irq_disable();
    struct thread *self = sched_current();
    assert(self != this_cpu()->idle && self->locks.count == 0);
    fpu_release(&self->fpu);
    spin_lock(&sched_lock);
    self->state = THREAD_DEAD;
    list_push_back(&dead_list, &self->qnode);
    if (self->exiting && --leaving == 0)
        waitq_wake_all(&leavers_wait);
    waitq_wake_one(&reaper_wait);
    end_turn(self);
    switch_to(pick_next());
    panic("a dead thread ran again");
}

void sched_reap(void)
{
    for (;;) {
        uint32_t was = spin_lock_irqsave(&sched_lock);
        struct list_node *n = list_pop_front(&dead_list);
        spin_unlock_irqrestore(&sched_lock, was);
        if (!n)
            break;
        thread_free(list_entry(n, struct thread, qnode));
    }
}

void sched_leaving(void)
{
    uint32_t was = spin_lock_irqsave(&sched_lock);
    sched_current()->exiting = true;
    leaving++;
    spin_unlock_irqrestore(&sched_lock, was);
}

int sched_wait_leavers(void)
{
    uint32_t was = spin_lock_irqsave(&sched_lock);
    int r = 0;
    while (leaving && r == 0)
        r = waitq_wait(&leavers_wait, WAITQ_INTR);
    spin_unlock_irqrestore(&sched_lock, was);
    return r;
}

void sched_wait_dead(void)
{
    uint32_t was = spin_lock_irqsave(&sched_lock);
    if (list_empty(&dead_list))
        waitq_wait(&reaper_wait, 0);
    spin_unlock_irqrestore(&sched_lock, was);
}

static void idle_main(void *arg)
{
    (void)arg;
    for (;;) {
        irq_disable();
        sched_preempt_if_needed(); /* a wake-up set it before our hlt */
        cpu_idle(); /* an interrupt (a tick, IPI_RESCHED) ends it, and preempts us on its way out */
    }
}

static struct thread *idle_alloc(void)
{
    struct thread *t = thread_alloc(NULL);
    assert(t);
    t->name = "idle";
    t->saved_esp = context_init_kernel(t->kstack_top, idle_main, NULL);
    return t;
}

struct thread *kthread_start(const char *name, void (*fn)(void *), void *arg)
{
    struct thread *t = thread_alloc(NULL);
    if (!t)
        return NULL;
    t->name = name;
    t->saved_esp = context_init_kernel(t->kstack_top, fn, arg);
    uint32_t was = spin_lock_irqsave(&sched_lock);
    sched_make_runnable(t);
    spin_unlock_irqrestore(&sched_lock, was);
    return t;
}

void sched_set_misbehave(int mode) { sched_misbehave_mode = mode; }

/* Another CPU's first steps in the scheduler (smp_release_others), on its
 * boot stack, interrupts off: it becomes a CPU that runs threads by
 * switching to its idle thread, and never comes back here. */
static void cpu_enter(void)
{
    struct cpu *me = this_cpu();
    struct thread *idle = me->idle;
    timer_start_this_cpu();
    spin_lock(&sched_lock);
    idle->state = THREAD_RUNNING;
    idle->cpu = (uint8_t)me->id;
    me->current = idle;
    me->slice_start = clock_ticks();
    note_idle(me, true);
    /* Threads queued while it came up sent it no wake-up (it was not
     * yet idle to the scheduler): it takes them at once. */
    if (!list_empty(&run_queue))
        me->need_resched = true;
    cpu_set_kernel_stack(idle->kstack_top);
    uint32_t discarded;
    context_switch(&discarded, idle->saved_esp); /* first_run releases sched_lock */
    panic("CPU %u left its idle thread", me->id);
}

void sched_start_others(void)
{
    for (unsigned c = 1; c < smp_cpus_found(); c++)
        if (smp_cpu(c)->online)
            smp_cpu(c)->idle = idle_alloc(); /* may sleep: before they run */
    smp_release_others(cpu_enter);
}

void sched_init(void)
{
    list_init(&run_queue);
    list_init(&dead_list);
    sleep_init();
    waitq_init(&reaper_wait, "dead threads");
    waitq_init(&leavers_wait, "leaving threads");
    waitq_init(&yielders, "yield");
    threads_init();
    context_set_first_run_hook(first_run);

    /* The code running now becomes the boot thread, on CPU 0. */
    struct thread *boot = &boot_thread_storage;
    boot->tid = 0;
    boot->name = "boot";
    boot->state = THREAD_RUNNING;
    extern char boot_stack_bottom[], boot_stack_top[];
    boot->kstack = (uint32_t)boot_stack_bottom;
    boot->kstack_top = (uint32_t)boot_stack_top;
    *(uint32_t *)boot->kstack = KSTACK_CANARY;
    list_node_init(&boot->qnode);
    struct cpu *me = this_cpu();
    me->current = boot;
    me->idle = idle_alloc();
    running = true;
}
