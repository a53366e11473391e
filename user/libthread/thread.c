/*
 * thread.c - thr_init, thr_create, thr_join, thr_exit, thr_getid,
 * thr_yield (SPEC §4).
 *
 * Every thread known to the library has a thread control block (struct
 * tcb) in a hash table on its tid, from its creation until thr_join
 * collects it.  threads_lock guards the table, the free list and every
 * tcb field except off_stack (written once by the exiting thread, read by
 * its joiner).
 *
 * Stacks: each thread made by thr_create gets a slot of stack_size bytes
 * obtained with new_pages, with one unmapped guard page below it, in a
 * region that starts under the main stack's growth zone and extends
 * downward.  A joined thread's tcb and stack go on a free list and are
 * reused by the next thr_create, so create/join cycles cost no new memory.
 *
 * Exit: a thread records its status, wakes its joiner and then, in one
 * store and one trap with no stack use in between, sets off_stack and
 * vanishes; the joiner recycles the stack only after seeing off_stack, and
 * returns only once the thread is inside the kernel's vanish (yield(tid)
 * fails), so a fork right after thr_join is not refused on its account.
 */
#include <malloc.h>
#include <mutex.h>
#include <syscall.h>
#include <syscall_int.h>
#include <thread.h>

#include "waitq.h"

#define TID_BUCKETS 64u
/* Thread stacks live below this (under the main stack's growth zone). */
#define STACKS_TOP  ((unsigned int)(0u - USER_STACK_MAX_BYTES - PAGE_SIZE))
/* How many slots thr_create tries when new_pages refuses one (a program
 * may have put its own pages there). */
#define SLOT_TRIES  64

struct tcb {
    struct tcb *next; /* hash chain, or the free list */
    int tid;          /* 0 until registered */
    void *(*func)(void *);
    void *arg;
    void *status; /* set by thr_exit */
    int exited;
    volatile int off_stack;    /* the thread will never touch its stack again */
    struct thr_waiter *joiner; /* the thread blocked in thr_join, if any */
    int joined;                /* a thr_join has claimed this thread */
    int creating;              /* thr_create has not finished with it */
    int recycle;               /* joined meanwhile: thr_create recycles it */
    unsigned int stack_base;   /* lowest mapped byte; 0 for the main thread */
};

static mutex_t threads_lock = MUTEX_INITIALIZER;
static struct tcb *buckets[TID_BUCKETS];
static struct tcb *free_tcbs;   /* joined threads' tcbs, with their stacks */
static unsigned int stack_size; /* bytes, a multiple of PAGE_SIZE */
static unsigned int next_slot;  /* top of the next unused stack slot */
static int initialized;

int thr_start(struct tcb *t) __attribute__((noreturn));
int thr_fork(unsigned int stack_top, struct tcb *t);

/* threads_lock held. */
static struct tcb *tcb_find(int tid)
{
    for (struct tcb *t = buckets[(unsigned int)tid % TID_BUCKETS]; t; t = t->next)
        if (t->tid == tid)
            return t;
    return NULL;
}

/* threads_lock held.  Enter t under tid unless that is done already (the
 * new thread and its creator both do it: whichever runs first). */
static void tcb_register(struct tcb *t, int tid)
{
    if (t->tid)
        return;
    t->tid = tid;
    struct tcb **b = &buckets[(unsigned int)tid % TID_BUCKETS];
    t->next = *b;
    *b = t;
}

/* threads_lock held. */
static void tcb_unregister(struct tcb *t)
{
    struct tcb **p = &buckets[(unsigned int)t->tid % TID_BUCKETS];
    while (*p != t)
        p = &(*p)->next;
    *p = t->next;
}

/* threads_lock held.  A fresh slot of stack_size bytes above a guard page;
 * its lowest address, or 0 if no memory. */
static unsigned int stack_alloc(void)
{
    for (int tries = 0; tries < SLOT_TRIES; tries++) {
        unsigned int top = next_slot;
        unsigned int base = top - stack_size;
        if (base - PAGE_SIZE >= top || base - PAGE_SIZE < USER_MEM_START)
            return 0;                 /* the region is used up */
        next_slot = base - PAGE_SIZE; /* the guard page stays unmapped */
        if (new_pages((void *)base, (int)stack_size) == 0)
            return base;
    }
    return 0;
}

/* threads_lock held.  A tcb with a stack: a recycled one, or a new one. */
static struct tcb *tcb_alloc(void)
{
    struct tcb *t = free_tcbs;
    if (t) {
        free_tcbs = t->next;
    } else {
        t = malloc(sizeof(*t));
        if (!t)
            return NULL;
        t->stack_base = stack_alloc();
        if (!t->stack_base) {
            free(t);
            return NULL;
        }
    }
    unsigned int base = t->stack_base;
    *t = (struct tcb){.stack_base = base, .creating = 1};
    return t;
}

/* threads_lock held.  t (joined, off its stack) may be reused - unless its
 * creator still holds it (the new thread ran, exited and was joined, by a
 * third thread it told its tid, before thr_create returned); then the
 * creator recycles it when done. */
static void tcb_recycle(struct tcb *t)
{
    if (t->creating) {
        t->recycle = 1;
        return;
    }
    t->next = free_tcbs;
    free_tcbs = t;
}

int thr_init(unsigned int size)
{
    if (initialized || size == 0 || size > (1u << 30))
        return -1;
    stack_size = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1u);
    next_slot = STACKS_TOP;
    struct tcb *main_tcb = calloc(1, sizeof(*main_tcb));
    if (!main_tcb)
        return -1;
    mutex_lock(&threads_lock);
    tcb_register(main_tcb, gettid());
    initialized = 1;
    mutex_unlock(&threads_lock);
    return 0;
}

int thr_create(void *(*func)(void *), void *arg)
{
    if (!initialized || !func)
        return -1;
    mutex_lock(&threads_lock);
    struct tcb *t = tcb_alloc();
    mutex_unlock(&threads_lock);
    if (!t)
        return -1;
    t->func = func;
    t->arg = arg;
    int tid = thr_fork(t->stack_base + stack_size, t);
    mutex_lock(&threads_lock);
    if (tid > 0 && !t->joined)
        tcb_register(t, tid); /* unless the new thread did */
    t->creating = 0;
    if (tid < 0 || t->recycle)
        tcb_recycle(t);
    mutex_unlock(&threads_lock);
    return tid < 0 ? -1 : tid;
}

/* The first C code of a new thread, on its own stack (from thr_fork.S). */
int thr_start(struct tcb *t)
{
    mutex_lock(&threads_lock);
    tcb_register(t, gettid());
    mutex_unlock(&threads_lock);
    thr_exit(t->func(t->arg));
}

/* Set *flag, then vanish, touching no memory in between: the stack this
 * runs on may be handed to another thread as soon as *flag is seen. */
static void __attribute__((noreturn)) vanish_off_stack(volatile int *flag)
{
    __asm__ volatile("movl $1, (%0)\n\t"
                     "int %1\n\t"
                     "ud2"
                     :
                     : "r"(flag), "i"(VANISH_INT)
                     : "memory");
    __builtin_unreachable();
}

void thr_exit(void *status)
{
    mutex_lock(&threads_lock);
    struct tcb *t = initialized ? tcb_find(gettid()) : NULL;
    struct thr_waiter *joiner = NULL;
    unsigned int stack_base = 0;
    if (t) {
        t->status = status;
        t->exited = 1;
        joiner = t->joiner;
        stack_base = t->stack_base;
    }
    mutex_unlock(&threads_lock);
    if (joiner)
        waiter_wake(joiner); /* a main thread's tcb may be freed from here on */
    if (!stack_base)
        vanish(); /* not ours, or the main thread: its stack is not recycled */
    vanish_off_stack(&t->off_stack);
}

int thr_join(int tid, void **statusp)
{
    if (!initialized)
        return -1;
    int me = gettid();
    mutex_lock(&threads_lock);
    struct tcb *t = tcb_find(tid);
    if (!t || t->joined || tid == me) {
        mutex_unlock(&threads_lock);
        return -1;
    }
    t->joined = 1;
    if (!t->exited) {
        struct thr_waiter w = {.tid = me};
        t->joiner = &w;
        mutex_unlock(&threads_lock);
        waiter_sleep(&w);
        mutex_lock(&threads_lock);
    }
    tcb_unregister(t);
    mutex_unlock(&threads_lock);

    if (statusp)
        *statusp = t->status;
    if (!t->stack_base) { /* the main thread: nothing to recycle */
        free(t);
        return 0;
    }
    while (!t->off_stack)
        if (yield(tid) < 0)
            yield(-1); /* blocked on its way out: let others run */
    while (yield(tid) == 0)
        ; /* until it is inside vanish: then fork and exec no longer count it */
    mutex_lock(&threads_lock);
    tcb_recycle(t);
    mutex_unlock(&threads_lock);
    return 0;
}

int thr_getid(void) { return gettid(); }

int thr_yield(int tid) { return yield(tid); }
