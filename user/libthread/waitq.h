/*
 * waitq.h - the one way a thread of the library waits: a FIFO of waiter
 * records, each on its waiting thread's own stack, guarded by the owning
 * object's spin lock; the thread sleeps in deschedule() until its record
 * is marked woken.
 *
 * Why no wakeup is lost: the waker sets `woken` before make_runnable(),
 * and deschedule(&woken) refuses to sleep once it is set (the kernel reads
 * the flag and deschedules atomically with respect to make_runnable).
 * Spurious returns from deschedule are harmless: the sleeper loops on its
 * own flag.  After `woken` is set the record may vanish with the stack it
 * lives on, so the waker reads everything it needs first.
 */
#ifndef THREAD_WAITQ_H
#define THREAD_WAITQ_H

#include <stddef.h>
#include <syscall.h>

struct thr_waiter {
    struct thr_waiter *next;
    int tid;
    volatile int woken;
};

/* Guard spin locks: held for a few instructions at a time; a thread that
 * finds one taken lets the others run (the holder may be preempted). */
static inline void spin_lock(volatile int *guard)
{
    while (__atomic_exchange_n(guard, 1, __ATOMIC_ACQUIRE))
        yield(-1);
}

static inline void spin_unlock(volatile int *guard) { __atomic_store_n(guard, 0, __ATOMIC_RELEASE); }

/* Guard held: append w (the caller's record) to the queue. */
static inline void waitq_push(struct thr_waiter **head, struct thr_waiter **tail, struct thr_waiter *w)
{
    w->next = NULL;
    w->woken = 0;
    if (*tail)
        (*tail)->next = w;
    else
        *head = w;
    *tail = w;
}

/* Guard held: remove and return the first waiter, or NULL. */
static inline struct thr_waiter *waitq_pop(struct thr_waiter **head, struct thr_waiter **tail)
{
    struct thr_waiter *w = *head;
    if (!w)
        return NULL;
    *head = w->next;
    if (!*head)
        *tail = NULL;
    return w;
}

/* Guard not held: sleep until w is woken. */
void waiter_sleep(struct thr_waiter *w);
/* Guard not held (w already popped): wake its thread. */
void waiter_wake(struct thr_waiter *w);

#endif
