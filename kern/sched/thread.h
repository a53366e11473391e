/*
 * thread.h - the thread control block.
 *
 * Who may touch what:
 *   tid, task, kstack, kstack_top, tid_node's key, name: set by
 *       thread_alloc (task, name: by the creator before the thread first
 *       runs), read-only after.
 *   qnode, state, waitq, interruptible, interrupted, sleep_timer, saved_esp,
 *       cpu, yields_to, tid_node: the scheduler's lock (waitq_lock,
 *       sched/waitq.h).
 *   fpu: the thread's own state; loaded lazily on its first FPU use after
 *       a switch (arch/fpu.h) on the CPU it runs on, interrupts off;
 *       copied by fork.
 *   task_node: the task lock (LOCK_RANK_TASKS).
 *   killed: set by task_vanish under the task lock, read anywhere.
 *   exiting: set once by the thread itself on entering vanish, read anywhere.
 *   swexn: only the thread itself (and fork/thread_fork while it waits).
 *   locks: only the thread itself (lock/lock_check.h).
 *   cpu_ticks: the clock interrupt of the CPU it runs on; read anywhere.
 */
#ifndef SCHED_THREAD_H
#define SCHED_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/context.h"
#include "arch/fpu.h"
#include "lib/hashtable.h"
#include "lib/list.h"
#include "lock/lock_check.h"
#include "sched/timer_wheel.h"

struct task;
struct mutex;
struct waitq;

enum thread_state {
    THREAD_NEW,      /* built, not yet started */
    THREAD_RUNNING,  /* some CPU's current thread (cpu says which) */
    THREAD_RUNNABLE, /* on the run queue */
    THREAD_BLOCKED,  /* asleep on a wait queue (sched/waitq.h) */
    THREAD_DEAD,     /* on the dead list, waiting for the reaper */
};

#define KSTACK_SIZE   8192u
/* The lowest word of every kernel stack; a different value there means
 * the stack overflowed (checked at every switch away from a thread). */
#define KSTACK_CANARY 0x57ac4ca1u

/* A thread's software-exception handler (proc/swexn.c): registered,
 * inherited by fork and cleared by exec as one value.  eip == 0: none. */
struct swexn_handler {
    uint32_t esp3, eip, arg;
};

struct thread {
    struct fpu_state fpu; /* arch/fpu.h: lazily loaded on first use */
    int tid;
    struct task *task; /* NULL for kernel threads */
    enum thread_state state;
    uint32_t kstack; /* lowest address of the kernel stack */
    uint32_t kstack_top;
    uint32_t saved_esp; /* while not running */

    struct list_node qnode; /* run queue / a wait queue / dead list */
    struct waitq *waitq;    /* the wait queue qnode is on while BLOCKED */
    bool interruptible;     /* a kill may end this wait */
    bool interrupted;       /* ...and did */

    struct tw_timer sleep_timer; /* armed while in sleep (sched/sleep.c) */

    struct list_node task_node; /* task->threads */
    struct hash_node tid_node;  /* the tid table */
    volatile bool killed;       /* task_vanish: die at the next chance (a member until then) */
    volatile bool exiting;      /* in vanish: set by the thread itself */

    struct swexn_handler swexn; /* copied and cleared as a whole */

    struct lock_held locks;   /* the ranks of the mutexes it holds */
    const char *name;         /* kernel threads */
    uint32_t cpu_ticks;       /* ticks that found it running: its CPU time (ps) */
    uint8_t slice_shift;      /* its next turn lasts SLICE_TICKS << this (sched.c) */
    uint8_t cpu;              /* the CPU it runs on, or last ran on */
    struct thread *yields_to; /* in yield(tid): the thread it waits to see leave its CPU (sched.c) */
};

/* Allocate a thread (NEW, with a tid and a kernel stack).  NULL if out of
 * memory.  May sleep. */
struct thread *thread_alloc(struct task *task);
/* Free a thread that never ran, or a DEAD one (the reaper). May sleep. */
void thread_free(struct thread *t);
/* The thread with this tid, or NULL.  waitq_lock held: the result is valid
 * only until it is released. */
struct thread *thread_lookup(int tid);
/* Number of live threads (kernel ones included). */
unsigned thread_count(void);
/* "runnable", "blocked", ... for the debugging output. */
const char *thread_state_name(enum thread_state s);
/* Call fn on every thread in the tid table (dead ones too), waitq_lock
 * held; fn must not allocate, free or block. */
void thread_for_each(void (*fn)(struct thread *t, void *arg), void *arg);

void threads_init(void);
/* Where TCBs and kernel stacks come from (kmalloc_aligned and kfree):
 * registered once at boot, before sched_init.  alloc may sleep. */
void threads_set_memory(void *(*alloc)(size_t size, size_t align), void (*release)(void *p));

static inline bool thread_stack_intact(const struct thread *t)
{
    return *(const uint32_t *)t->kstack == KSTACK_CANARY;
}

#endif
