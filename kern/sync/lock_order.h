/*
 * lock_order.h - the kernel's lock order, written down once and checked at
 * run time by mutex_lock (a thread may only take a mutex of a higher rank
 * than every mutex it already holds; sync/lock_check.h).
 *
 * Rules (the seed's lesson):
 *   1. Take a mutex *before* disabling interrupts, never the other way
 *      round: mutex_lock asserts that interrupts are on.
 *   2. Mutexes nest only in increasing rank, as listed here.
 *   3. Interrupt-disabled regions (irq_save .. irq_restore, the physical
 *      window) are innermost: nothing inside them blocks or takes a mutex.
 *      They protect the scheduler queues, the frame pool, the tid table and
 *      the input ring buffer.
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
     * (sync/lock_check.h).  For kernel tests only. */
    LOCK_RANK_NONE = 0,
    LOCK_RANK_READLINE, /* readers_lock (dev/tty.c): one console reader at a time */
    LOCK_RANK_DESCHED,  /* desched_lock (sync/desched.c): deschedule / make_runnable */
    LOCK_RANK_TASKS,    /* tasks_lock (proc/task.c): the process tree */
    LOCK_RANK_VM,       /* vm->lock (mm/vm.c): one address space */
    LOCK_RANK_REAP,     /* reap_lock (proc/reaper.c): freeing dead threads */
    LOCK_RANK_CONSOLE,  /* console_lock (dev/tty.c): print atomicity */
    LOCK_RANK_HEAP,     /* kheap_lock (mm/kmalloc.c): the kernel heap */
    LOCK_RANK_COUNT     /* not a rank: how many there are */
};

#endif
