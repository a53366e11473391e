/*
 * test_runqueue.c - proves the scheduler's queues (kern/sched/sched.c, and
 * deschedule's kern/sync/desched.c above it; run
 * on the host: the arch headers are host stubs, tests/unit/include/arch/,
 * and a context switch only counts itself, the test going on as the thread
 * switched to):
 *   - threads made runnable run in the order they were made so; a yield
 *     runs the front and puts the yielder at the back (round robin), and a
 *     yield with nobody else runnable keeps the CPU without a switch;
 *   - with the run queue empty a blocking thread hands the CPU to idle,
 *     which never goes on the run queue; a thread made runnable then asks
 *     for a preemption, and sched_preempt switches to it;
 *   - sched_preempt does nothing unless asked, and keeps a running thread
 *     that nobody is waiting behind;
 *   - yield_to(tid) takes that thread out of the middle of the queue and
 *     runs it, the yielder going to the back; a blocked or unknown tid is
 *     refused with -E_SRCH and nothing changes; yield_to oneself is 0;
 *   - a wait queue wakes its sleepers first come, first woken, onto the
 *     back of the run queue (sleep's deadlines are the timing wheel's,
 *     tests/unit/test_timer_wheel.c);
 *   - deschedule sleeps only when the caller's reject test says 0; a
 *     positive test returns 0 without sleeping, a negative one is the
 *     error; make_runnable wakes only a descheduled thread (-E_SRCH for
 *     one blocked anywhere else, or runnable).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <cmocka.h>

#define panic(...) (fprintf(stderr, __VA_ARGS__), abort())

#include "../../kern/lock/lock_check.c"
#include "../../kern/lock/spinlock.c"
#include "../../kern/sched/sched.c"
#include "../../kern/sync/desched.c" /* deschedule, above the scheduler */

/* ---------------------------------------------------------- stand-ins */

#define MAX_THREADS 16

static struct thread *threads[MAX_THREADS];
static int nthreads;
char boot_stack_bottom[64] __attribute__((aligned(4)));
char boot_stack_top[1];

void paging_load_cr3(uint32_t pd_pa) { (void)pd_pa; }
volatile uint32_t clock_tick_count;
struct switch_event sched_trace_ring[SCHED_TRACE_LEN];
uint32_t sched_trace_count;
void mutex_init(struct mutex *m, enum lock_rank rank, const char *name)
{
    m->locked = 0;
    m->rank = rank;
    m->name = name;
}
void mutex_lock(struct mutex *m) { m->locked = 1; }
void mutex_unlock(struct mutex *m) { m->locked = 0; }
void mutex_unlock_waitq_locked(struct mutex *m) { m->locked = 0; }
void threads_init(void) { nthreads = 0; }
void sleep_init(void) {} /* sleep.c and its timing wheel: test_timer_wheel.c */

/* TCBs and stacks below 4 GiB: the kernel keeps addresses in 32 bits. */
static void *low_alloc(size_t n)
{
    void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    assert_true(p != MAP_FAILED);
    return p;
}

struct thread *thread_alloc(struct task *task)
{
    assert_true(nthreads < MAX_THREADS);
    struct thread *t = low_alloc(sizeof(*t));
    t->tid = 100 + nthreads;
    t->task = task;
    t->state = THREAD_NEW;
    t->kstack = (uint32_t)(uintptr_t)low_alloc(KSTACK_SIZE);
    t->kstack_top = t->kstack + KSTACK_SIZE;
    *(uint32_t *)(uintptr_t)t->kstack = KSTACK_CANARY;
    list_node_init(&t->qnode);
    threads[nthreads++] = t;
    return t;
}
void thread_free(struct thread *t) { (void)t; }
struct thread *thread_lookup(int tid)
{
    for (int i = 0; i < nthreads; i++)
        if (threads[i]->tid == tid)
            return threads[i];
    return NULL;
}

/* ---------------------------------------------------------- helpers */

static struct thread *boot; /* the thread the test starts as */

static int setup(void **state)
{
    (void)state;
    for (int i = 0; i < nthreads; i++) {
        munmap((void *)(uintptr_t)threads[i]->kstack, KSTACK_SIZE);
        munmap(threads[i], sizeof(*threads[i]));
    }
    *(uint32_t *)boot_stack_bottom = 0;
    sched_init();
    desched_init();
    boot = sched_current();
    host_irq_on = true;
    host_switches = 0;
    return 0;
}

/* The task of the threads runnable() makes: user threads (yield refuses
 * kernel threads), whose switches load this address space. */
static struct vm user_vm;
static struct task user_task = {.vm = &user_vm};

static struct thread *runnable(void)
{
    struct thread *t = thread_alloc(&user_task);
    uint32_t was = waitq_lock();
    sched_make_runnable(t);
    waitq_unlock(was);
    return t;
}

/* The run queue, front first, as tids; the number of entries. */
static int queue(int *tids, int max)
{
    int n = 0;
    struct list_node *node;
    list_for_each(node, &run_queue) {
        assert_true(n < max);
        tids[n++] = list_entry(node, struct thread, qnode)->tid;
    }
    return n;
}

static void expect_queue(int n, const int *want)
{
    int got[MAX_THREADS + 1];
    assert_int_equal(queue(got, MAX_THREADS + 1), n);
    for (int i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
}

/* The current thread blocks on q (waitq_lock held, as the callers do).
 * On the host the switch returns at once, as the thread switched to: it
 * gives back the lock, as a real switch's next thread would. */
static void block_on(struct waitq *q)
{
    uint32_t was = waitq_lock();
    waitq_wait(q, 0);
    waitq_unlock(was);
}

/* ---------------------------------------------------------- tests */

static void yield_is_round_robin(void **state)
{
    (void)state;
    struct thread *a = runnable(), *b = runnable();
    expect_queue(2, (int[]){a->tid, b->tid});
    sched_yield();
    assert_ptr_equal(sched_current(), a);
    assert_int_equal(a->state, THREAD_RUNNING);
    assert_int_equal(boot->state, THREAD_RUNNABLE);
    expect_queue(2, (int[]){b->tid, boot->tid});
    sched_yield();
    sched_yield();
    assert_ptr_equal(sched_current(), boot);
    expect_queue(2, (int[]){a->tid, b->tid});
    assert_int_equal(host_switches, 3);
    assert_true(irq_enabled()); /* as it was before each yield */
}

static void yield_alone_keeps_the_cpu(void **state)
{
    (void)state;
    sched_yield();
    assert_ptr_equal(sched_current(), boot);
    assert_int_equal(boot->state, THREAD_RUNNING);
    assert_int_equal(host_switches, 0);
    expect_queue(0, NULL);
}

static void empty_queue_runs_idle_off_queue(void **state)
{
    (void)state;
    struct waitq q;
    waitq_init(&q, "test");
    block_on(&q);
    assert_ptr_equal(sched_current(), this_cpu()->idle);
    expect_queue(0, NULL);
    assert_false(sched_need_resched());
    uint32_t was = waitq_lock();
    waitq_wake_one(&q); /* boot is runnable again: idle should give way */
    waitq_unlock(was);
    assert_true(sched_need_resched());
    assert_int_equal(host_ipis, 0); /* it was this CPU that idled */
    was = irq_save();
    sched_preempt();
    irq_restore(was);
    assert_ptr_equal(sched_current(), boot);
    expect_queue(0, NULL); /* idle is on no queue */
}

static void preempt_only_when_asked_and_needed(void **state)
{
    (void)state;
    struct thread *a = runnable();
    uint32_t was = irq_save();
    sched_preempt(); /* not asked */
    assert_ptr_equal(sched_current(), boot);
    this_cpu()->need_resched = true;
    sched_preempt();
    assert_ptr_equal(sched_current(), a);
    expect_queue(1, (int[]){boot->tid});
    assert_false(sched_need_resched());
    list_remove(&boot->qnode); /* nobody behind a: it keeps running */
    this_cpu()->need_resched = true;
    sched_preempt();
    assert_ptr_equal(sched_current(), a);
    assert_false(sched_need_resched());
    irq_restore(was);
}

static void yield_to_takes_from_the_middle(void **state)
{
    (void)state;
    struct thread *k = thread_alloc(NULL); /* a kernel thread, runnable: no user's to yield to */
    uint32_t was = waitq_lock();
    sched_make_runnable(k);
    waitq_unlock(was);
    assert_int_equal(sched_yield_to(k->tid), -E_SRCH);
    assert_ptr_equal(sched_current(), boot);
    list_remove(&k->qnode);
    struct thread *a = runnable(), *b = runnable(), *c = runnable();
    assert_int_equal(sched_yield_to(b->tid), 0);
    assert_ptr_equal(sched_current(), b);
    expect_queue(3, (int[]){a->tid, c->tid, boot->tid});
    assert_int_equal(sched_yield_to(b->tid), 0); /* oneself: nothing to do */
    assert_ptr_equal(sched_current(), b);
    assert_int_equal(sched_yield_to(9999), -E_SRCH);
    struct waitq q;
    waitq_init(&q, "test");
    assert_int_equal(sched_yield_to(a->tid), 0);
    block_on(&q); /* a blocks; c runs */
    assert_ptr_equal(sched_current(), c);
    assert_int_equal(sched_yield_to(a->tid), -E_SRCH); /* blocked */
    assert_ptr_equal(sched_current(), c);
    expect_queue(2, (int[]){boot->tid, b->tid});
}

static void waitq_wakes_first_come_first(void **state)
{
    (void)state;
    struct thread *a = runnable(), *b = runnable();
    struct waitq q;
    waitq_init(&q, "test");
    block_on(&q); /* boot */
    assert_ptr_equal(sched_current(), a);
    block_on(&q); /* a */
    assert_ptr_equal(sched_current(), b);
    assert_ptr_equal(waitq_first(&q), boot);
    uint32_t was = waitq_lock();
    assert_ptr_equal(waitq_wake_one(&q), boot);
    assert_ptr_equal(waitq_wake_one(&q), a);
    assert_null(waitq_wake_one(&q));
    waitq_unlock(was);
    expect_queue(2, (int[]){boot->tid, a->tid});
    assert_null(boot->waitq);
    assert_int_equal(a->state, THREAD_RUNNABLE);
}

static int reject_value;
static int reject_calls;
static int reject(void *arg)
{
    assert_ptr_equal(arg, &reject_value);
    assert_true(desched_lock.locked); /* the test runs under the lock make_runnable takes */
    reject_calls++;
    return reject_value;
}

static void deschedule_sleeps_only_if_not_rejected(void **state)
{
    (void)state;
    struct thread *a = runnable();
    sched_yield(); /* a runs; boot waits behind it */
    reject_value = 1;
    assert_int_equal(desched_sleep(reject, &reject_value), 0);
    assert_ptr_equal(sched_current(), a); /* did not sleep */
    reject_value = -E_FAULT;
    assert_int_equal(desched_sleep(reject, &reject_value), -E_FAULT);
    assert_ptr_equal(sched_current(), a);
    assert_false(desched_lock.locked);
    reject_value = 0;
    desched_sleep(reject, &reject_value);
    assert_int_equal(reject_calls, 3);
    assert_ptr_equal(sched_current(), boot); /* a sleeps on `descheduled` */
    assert_int_equal(a->state, THREAD_BLOCKED);
    assert_ptr_equal(a->waitq, &descheduled);
    assert_false(desched_lock.locked); /* released with the sleep */
    assert_int_equal(desched_wake_tid(a->tid), 0);
    expect_queue(1, (int[]){a->tid});
    assert_int_equal(desched_wake_tid(a->tid), -E_SRCH); /* runnable now */
}

static void make_runnable_wakes_only_the_descheduled(void **state)
{
    (void)state;
    struct thread *a = runnable();
    sched_yield();
    struct waitq q;
    waitq_init(&q, "test");
    block_on(&q); /* a blocks, but not in deschedule */
    assert_ptr_equal(sched_current(), boot);
    assert_int_equal(desched_wake_tid(a->tid), -E_SRCH);
    assert_int_equal(a->state, THREAD_BLOCKED);
    assert_int_equal(desched_wake_tid(12345), -E_SRCH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(yield_is_round_robin, setup),
        cmocka_unit_test_setup(yield_alone_keeps_the_cpu, setup),
        cmocka_unit_test_setup(empty_queue_runs_idle_off_queue, setup),
        cmocka_unit_test_setup(preempt_only_when_asked_and_needed, setup),
        cmocka_unit_test_setup(yield_to_takes_from_the_middle, setup),
        cmocka_unit_test_setup(waitq_wakes_first_come_first, setup),
        cmocka_unit_test_setup(deschedule_sleeps_only_if_not_rejected, setup),
        cmocka_unit_test_setup(make_runnable_wakes_only_the_descheduled, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
