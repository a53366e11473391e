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
 *      fault into the page-fault path, except those ranked below LOCK_VM.
 */
#ifndef SYNC_LOCK_ORDER_H
#define SYNC_LOCK_ORDER_H

enum lock_rank {
    LOCK_RANK_NONE = 0, /* unranked: may not nest inside ranked mutexes */
    LOCK_RANK_READLINE, /* console readers queue (one reader at a time) */
    LOCK_RANK_DESCHED,  /* deschedule / make_runnable atomicity */
    LOCK_RANK_TASKS,    /* process tree: parents, children, zombies, waits */
    LOCK_RANK_VM,       /* one task's address space: regions, page tables */
    LOCK_RANK_REAP,     /* freeing dead threads (reaper vs. kstats) */
    LOCK_RANK_CONSOLE,  /* console output (print atomicity) */
    LOCK_RANK_HEAP,     /* kernel heap (kmalloc) */
    LOCK_RANK_COUNT     /* not a rank: how many there are */
};

#endif
