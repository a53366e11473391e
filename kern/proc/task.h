/*
 * task.h - tasks (processes): an address space, threads, a place in the
 * process tree, an exit status.
 *
 * Locking: tasks_lock (LOCK_RANK_TASKS, one for the whole tree) guards
 * parent, children, nchildren, zombies, sibling, threads, nthreads,
 * waiters, nwaiters, ending.  tid never changes.  vm is
 * changed only by exec (when task_claim_alone says no other thread can be
 * in the kernel on it) and by the last thread on its way out.  status is
 * written only by threads not killed (task_set_status, the -2 of a fault)
 * and by task_vanish after it has killed every other thread, so its
 * status stands.
 *
 * A task whose last thread has gone becomes a zombie: its struct waits on
 * the parent's zombie list (no memory is allocated on the way out) until a
 * wait() collects and frees it.  Orphans are handed to init.
 */
#ifndef PROC_TASK_H
#define PROC_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include <abi/ps.h>

#include "arch/trap.h"
#include "lib/list.h"
#include "mm/vm.h"
#include "sched/thread.h"

struct task {
    int tid; /* the first thread's tid; never changes */
    struct vm *vm;
    struct task *parent;
    struct list children;     /* live child tasks */
    struct list zombies;      /* exited children not yet collected */
    struct list_node sibling; /* in parent->children or parent->zombies */
    struct list threads;      /* live threads (thread.task_node) */
    int nthreads;
    int nchildren;       /* length of children */
    struct list waiters; /* struct waiter: threads blocked in wait() */
    int nwaiters;
    volatile int status;
    bool ending; /* task_vanish or proc_kill_job has decided its end and status (tasks_lock) */
    /* The program it runs, for ps: the RAM disk's copy of its file name,
     * set by exec with interrupts off, copied by fork; read with them off. */
    const char *name;
};

/* Most threads one task may have at once (docs/syscalls.md): its share of
 * the kernel heap, which holds every thread's stack, so that one task
 * cannot starve the others' fork, thread_fork and exec. */
#define TASK_MAX_THREADS 256

extern struct mutex tasks_lock;

void tasks_init(void);
/* Would writing len bytes at uaddr of the current task succeed now (mapped
 * or promised, writable)?  For calls that must not act before knowing. */
bool user_writable(uint32_t uaddr, uint32_t len);
/* Create the first user task running init with the given arguments. */
void task_start_init(int argc, char **argv);
unsigned task_count(void);
/* May self copy or replace t's address space (fork, exec)?  0 if every
 * other thread of t has entered vanish: those never touch the address
 * space again, and no new thread can appear, as only self could make one,
 * so the answer holds until self returns to user mode.  (Not counting them
 * lets a fork right after thr_join work while the joined thread finishes
 * leaving the kernel.)  A thread killed by task_vanish counts until it
 * reaches vanish: it may still be inside a system call or a fault on this
 * address space.  -E_PERM if another thread counts, -E_INTR if self has
 * been killed. */
int task_claim_alone(struct task *t, const struct thread *self);
/* set_status by self: ignored once task_vanish has killed self. */
void task_set_status(struct thread *self, int status);

/* System-call bodies (kern/proc/); tf is the caller's trap frame. */
int proc_fork(trapframe_t *tf);
int proc_thread_fork(trapframe_t *tf);
int proc_exec(trapframe_t *tf, const char *name, char **argv, int argc);
int proc_wait(uint32_t status_uptr);
void proc_vanish(void) __attribute__((noreturn));
void proc_task_vanish(int status) __attribute__((noreturn));
/* Registers what the kernel trace needs from above it (trace_glue.c). */
void trace_glue_init(void);
/* Freeing dead threads (reaper.c): reap_now frees them before kstats
 * counts; reaper_run is the boot thread's last job, forever. */
void reaper_init(void);
void reap_now(void);
void reaper_run(void) __attribute__((noreturn));
/* The trap core's hooks (arch/trap.h), registered by tasks_init: a user
 * or kernel fault (fault.c); and, interrupts off, the way out of every
 * trap: a pending preemption, and a killed thread dies instead of going
 * back to user mode (lifecycle.c; also called by a system call that found
 * sched_need_resched or its killed flag set). */
void fault_handle(trapframe_t *tf);
void proc_trap_exit(trapframe_t *tf);
/* Kill the calling thread after an unhandled fault: report it on the
 * console, status -2 if it is the task's last thread. */
void proc_kill_current(const trapframe_t *tf, const char *why) __attribute__((noreturn));
/* Kill the live task tid and every live task descended from it (a job),
 * each as if one of its threads had called task_vanish(status); a task
 * whose end is already decided keeps it.  Returns how many it killed.
 * Never kills init.  May sleep (tasks_lock). */
int proc_kill_job(int tid, int status);

/* Ctrl-C (proc/foreground.c): the task the console's Ctrl-C kills, named
 * by set_foreground.  foreground_start registers the key; the first
 * set_foreground starts the thread that does the killing. */
void foreground_start(void);
int proc_set_foreground(int tid);
/* The ps_list snapshot (proc/ps.c): up to max live threads into out; the
 * count, or -E_2BIG if there are more than max.  May sleep. */
int proc_ps_snapshot(struct ps_thread *out, int max);

/* Internal to kern/proc. */
struct task *task_alloc(void);
void task_free(struct task *t);
/* tasks_lock held.  The task after t in a pre-order walk of the live
 * tasks under root (children lists; zombies are not walked), or NULL. */
struct task *task_tree_next(struct task *t, const struct task *root);
/* tasks_lock held.  The live task tid, or NULL. */
struct task *task_find(int tid);
extern struct task *init_task;

#endif
