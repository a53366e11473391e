/*
 * lock_order.h - the kernel's lock order, written down once and checked at
 * run time by mutex_lock (a thread may only take a mutex of a higher rank
 * than every mutex it already holds; lock/lock_check.h).
 *
 * Rules (the seed's lesson):
 *   1. Take a mutex *before* disabling interrupts, never the other way
 *      round: mutex_lock asserts that interrupts are on.
 *   2. Mutexes nest only in increasing rank, as listed here.
 *   3. Spinlocks are innermost: a CPU holding one has interrupts off, takes
 *      no mutex and does not block; it takes further spinlocks only in
 *      increasing rank.  They protect the scheduler's queues and the tid
 *      table, the frame pool, the kernel heap, the input ring buffer and
 *      console output.
 *      Interrupts off alone (irq_save) protects only the running CPU's own
 *      data (its kmap slots, its FPU, its trace ring).
 *   4. No mutex is held across a copy to or from user memory that could
 *      fault into the page-fault path, except those ranked below
 *      LOCK_RANK_VM.
 * Every rank but LOCK_RANK_NONE names one lock (or one kind: every
 * address space has its vm lock); the lock's name is in the comment.
 */
#ifndef SYNC_LOCK_ORDER_H
#define SYNC_LOCK_ORDER_H

enum lock_rank {
    /* Outside the order: an unranked mutex may be taken only while no
     * ranked mutex is held; any mutex may be taken under it
     * (lock/lock_check.h).  For kernel tests only. */
    LOCK_RANK_NONE = 0,
    LOCK_RANK_READLINE, /* readers_lock (dev/tty.c): one console reader at a time */
    LOCK_RANK_DESCHED,  /* desched_lock (sync/desched.c): deschedule / make_runnable */
    LOCK_RANK_TASKS,    /* tasks_lock (proc/task.c): the process tree */
    LOCK_RANK_VM,       /* vm->lock (mm/vm.c): one address space */
    LOCK_RANK_REAP,     /* reap_lock (proc/reaper.c): freeing dead threads */
    LOCK_RANK_CONSOLE,  /* console_lock (dev/tty.c): print atomicity */
    /* Spinlocks (lock/spinlock.h), above every mutex: a CPU holding one
     * takes no mutex. */
    LOCK_RANK_SPIN_FIRST,
    LOCK_RANK_SCHED =
        LOCK_RANK_SPIN_FIRST, /* sched_lock (sched/sched.c): run queue, wait queues, thread states */
    LOCK_RANK_INPUT,          /* input_lock (dev/input.c): the typed-ahead ring */
    LOCK_RANK_FRAMES,         /* frames_lock (mm/frame.c): the frame pool */
    LOCK_RANK_ALLOCFAIL,      /* fail_lock (mm/alloc_fail.c): fault injection */
    LOCK_RANK_HEAP,           /* kheap_lock (mm/kmalloc.c): the kernel heap */
    LOCK_RANK_SCREEN,         /* screen_lock (dev/console.c): the screen, the serial line, queued lines */
    LOCK_RANK_TRACE,          /* drain_lock (trace/trace.c): records leaving for debugcon */
    LOCK_RANK_COUNT           /* not a rank: how many there are */
};

#endif
