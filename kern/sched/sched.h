/*
 * sched.h - the scheduler: a round-robin run queue shared by every CPU,
 * driven by each CPU's 1 kHz tick, an idle thread per CPU, sleeping.  Blocking and waking go
 * through wait queues (sched/waitq.h).
 *
 * The scheduler's queues are guarded by one spinlock (sched.c), which
 * the layers above take as waitq_lock() (sched/waitq.h).  Everything that blocks ends in the one context
 * switch (arch/context.h).
 */
#ifndef SCHED_SCHED_H
#define SCHED_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/smp.h"
#include "lib/list.h"
#include "sched/thread.h"

void sched_init(void);
/* Has the scheduler started (the boot thread is a thread)? */
bool sched_running(void);
/* The calling thread (the running CPU's current one: arch/smp.h). */
static inline struct thread *sched_current(void) { return cpu_current(); }
/* Has this CPU been asked to switch threads (a tick, a wake-up)? */
static inline bool sched_need_resched(void) { return cpu_need_resched(); }

/* waitq_lock() held (sched/waitq.h).  t (NEW, or BLOCKED and taken off
 * its wait queue) joins the back of the run queue. */
void sched_make_runnable(struct thread *t);

/* Give up the CPU; the caller stays runnable. */
void sched_yield(void);
/* Run thread tid next.  0, or -E_SRCH if it is not runnable. */
int sched_yield_to(int tid);
/* Block for at least ticks ticks (1 <= ticks < 2^31, or 0: return at
 * once); -E_INTR if killed first.  In sleep.c. */
int sched_sleep_ticks(uint32_t ticks);
/* Interrupts off: if the tick asked for it, switch to the next thread.
 * The check is inline: it runs on every trap. */
void sched_preempt(void);
static inline void sched_preempt_if_needed(void)
{
    if (sched_need_resched())
        sched_preempt();
}
/* The calling thread is gone: hand it to the reaper, never return. */
void sched_exit(void) __attribute__((noreturn));
/* The calling thread begins to leave its task (sets its exiting flag); it
 * counts as leaving until its sched_exit. */
void sched_leaving(void);
/* Until no thread is leaving (0), or a kill (-E_INTR): with several CPUs a
 * thread whose task wait() already collected may still be on its way out
 * elsewhere (kstats waits so that it counts only what stays). */
int sched_wait_leavers(void);

/* deschedule()/make_runnable(): sync/desched.h (their lock is a mutex). */

/* Start a kernel thread running fn(arg). NULL if out of memory. */
struct thread *kthread_start(const char *name, void (*fn)(void *), void *arg);

/* Scheduling experiments (misbehave; docs/syscalls.md says what each does). */
enum { MISBEHAVE_NORMAL = 0, MISBEHAVE_CHILD_FIRST = 1, MISBEHAVE_YIELD_SYSCALL = 2 };
void sched_set_misbehave(int mode);
extern int sched_misbehave_mode; /* read inline: every system call asks */
static inline int sched_misbehave(void) { return sched_misbehave_mode; }

/* Called by every CPU's clock interrupt with the tick count. */
void sched_tick(uint32_t now);
/* Boot, once the scheduler and the clock run: the other CPUs start
 * running threads. */
void sched_start_others(void);

/* Free dead threads now.  One caller at a time: proc/reaper.c's
 * reap_lock (reap_now, reaper_run) serializes them.  May sleep. */
void sched_reap(void);
/* Sleep until the dead list is not empty (the reaper, between reaps). */
void sched_wait_dead(void);

/* Print every thread and where it stopped (sched_dump.c; Ctrl-\ on serial). */
void sched_dump(void);
/* How the dump reads a thread's task id (kern/proc registers it; 0 for a
 * kernel thread).  Until then it prints 0. */
void sched_dump_set_task_id(int (*fn)(const struct thread *t));

#endif
