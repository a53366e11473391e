/*
 * thread.c - thread allocation and the tid table.
 *
 * Tids come from a counter that only grows (31 bits before wrap-around), so
 * a tid is never reused while anything could still name it.  The tid table
 * is a hash table on tid; it, the live count and next_tid are guarded by the
 * scheduler's lock (waitq_lock), under which lookups happen anyway.
 *
 * A TCB and its stack come from the allocator registered at boot
 * (threads_set_memory: the kernel heap, kern/mm/, whose lock may block in
 * the scheduler; so the scheduler does not call it by name).  Written once
 * before sched_init, read after.
 */
#include "sched/thread.h"

#include "arch/cpu.h"
#include "lib/assert.h"
#include "lib/string.h"
#include "sched/waitq.h"

#define TID_BUCKETS 1024

static struct hash_node *tid_buckets[TID_BUCKETS];
static struct hashtable tid_table;
static int next_tid = 1;
static unsigned live_threads;
static void *(*mem_alloc)(size_t size, size_t align);
static void (*mem_free)(void *p);

void threads_set_memory(void *(*alloc)(size_t size, size_t align), void (*release)(void *p))
{
    mem_alloc = alloc;
    mem_free = release;
}

void threads_init(void) { hash_init(&tid_table, tid_buckets, TID_BUCKETS); }

struct thread *thread_alloc(struct task *task)
{
    struct thread *t = mem_alloc(sizeof(*t), 16);
    if (!t)
        return NULL;
    /* 16-byte aligned, not page aligned: the heap's boundary tags would
     * leave a free gap of almost a page in front of each page-aligned
     * stack, and a thousand threads would no longer fit in the heap. */
    void *stack = mem_alloc(KSTACK_SIZE, 16);
    if (!stack) {
        mem_free(t);
        return NULL;
    }
    memset(t, 0, sizeof(*t));
    t->task = task;
    t->state = THREAD_NEW;
    t->kstack = (uint32_t)stack;
    t->kstack_top = t->kstack + KSTACK_SIZE;
    *(uint32_t *)stack = KSTACK_CANARY;
    list_node_init(&t->qnode);
    list_node_init(&t->task_node);

    uint32_t was = waitq_lock();
    t->tid = next_tid++;
    if (next_tid <= 0) /* 31-bit wrap-around */
        next_tid = 1;
    hash_insert(&tid_table, &t->tid_node, (uint32_t)t->tid);
    live_threads++;
    waitq_unlock(was);
    return t;
}

void thread_free(struct thread *t)
{
    assert(t->state == THREAD_NEW || t->state == THREAD_DEAD);
    assert(!timer_wheel_armed(&t->sleep_timer)); /* sleep disarms it, even when killed */
    assert(thread_stack_intact(t));
    uint32_t was = waitq_lock();
    hash_remove(&tid_table, &t->tid_node);
    live_threads--;
    waitq_unlock(was);
    mem_free((void *)t->kstack);
    mem_free(t);
}

struct thread *thread_lookup(int tid)
{
    assert(waitq_locked());
    struct hash_node *n = hash_find(&tid_table, (uint32_t)tid); /* tids are unique */
    if (!n)
        return NULL;
    struct thread *t = hash_entry(n, struct thread, tid_node);
    return t->state == THREAD_DEAD ? NULL : t;
}

unsigned thread_count(void) { return live_threads; }

const char *thread_state_name(enum thread_state s)
{
    static const char *const names[] = {
        [THREAD_NEW] = "new",         [THREAD_RUNNING] = "running", [THREAD_RUNNABLE] = "runnable",
        [THREAD_BLOCKED] = "blocked", [THREAD_DEAD] = "dead",
    };
    return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

void thread_for_each(void (*fn)(struct thread *t, void *arg), void *arg)
{
    assert(waitq_locked());
    for (uint32_t b = 0; b < TID_BUCKETS; b++)
        for (struct hash_node *n = tid_buckets[b]; n; n = n->next)
            fn(hash_entry(n, struct thread, tid_node), arg);
}
