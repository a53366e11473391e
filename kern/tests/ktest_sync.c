/*
 * ktest_sync.c - the kernel's synchronization, exercised by kernel threads
 * under real timer preemption:
 *   sync  a mutex protects a counter incremented by 4 threads 2000 times
 *         each with a deliberate preemption window inside the critical
 *         section (no update lost); a bounded buffer with two condition
 *         variables passes 5000 items from 2 producers to 2 consumers in
 *         order per producer; the mutex is fair (FIFO hand-off order);
 *         a running thread may take it while the waiter woken for it is on
 *         its way, and the next release hands that waiter the mutex
 *         (passed over at most once: mutex.c).
 *   lockorder  taking a lower-ranked mutex while holding a higher one
 *         panics naming both (the harness expects that panic).
 *   spinorder, spinmutex, spinblock  the spinlock rules (spinlock.h): a
 *         spinlock ranked below one held, a mutex, and blocking, each
 *         while a spinlock is held, panic naming both (the harness).
 */
#include "arch/cpu.h"
#include "lib/printf.h"
#include "lock/spinlock.h"
#include "sched/clock.h"
#include "sched/sched.h"
#include "sync/cond.h"
#include "sync/mutex.h"
#include "tests/ktest.h"

#define WORKERS 4u
#define ROUNDS  2000u

static struct mutex lock;
static volatile unsigned counter;
static volatile int finished;

static void adder(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < ROUNDS; i++) {
        mutex_lock(&lock);
        unsigned v = counter;
        if (i % 16 == 0)
            sched_yield(); /* invite a race inside the critical section */
        counter = v + 1;
        mutex_unlock(&lock);
    }
    mutex_lock(&lock);
    finished++;
    mutex_unlock(&lock);
    sched_exit();
}

#define SLOTS 8
#define ITEMS 5000
static struct cond not_full, not_empty;
static unsigned buf[SLOTS], head, tail;
static unsigned next_seen[2];
static volatile int order_errors, consumed;

static void producer(void *arg)
{
    unsigned id = (unsigned)arg;
    for (unsigned i = 0; i < ITEMS / 2; i++) {
        mutex_lock(&lock);
        while (head - tail == SLOTS)
            cond_wait(&not_full, &lock);
        buf[head++ % SLOTS] = id << 16 | i;
        cond_signal(&not_empty);
        mutex_unlock(&lock);
    }
    sched_exit();
}

static void consumer(void *arg)
{
    (void)arg;
    for (;;) {
        mutex_lock(&lock);
        while (head == tail && consumed < ITEMS)
            cond_wait(&not_empty, &lock);
        if (consumed == ITEMS) {
            cond_broadcast(&not_empty);
            mutex_unlock(&lock);
            sched_exit();
        }
        unsigned item = buf[tail++ % SLOTS];
        if ((item & 0xFFFF) != next_seen[item >> 16]++)
            order_errors++;
        consumed++;
        cond_signal(&not_full);
        mutex_unlock(&lock);
    }
}

static int order[3], norder;
static void fifo_waiter(void *arg)
{
    mutex_lock(&lock);
    order[norder++] = (int)arg;
    mutex_unlock(&lock);
    sched_exit();
}

static volatile int passer_done;
static void passer(void *arg)
{
    (void)arg;
    mutex_lock(&lock);
    passer_done = 1;
    mutex_unlock(&lock);
    sched_exit();
}

/* One try at passing over (the kernel tests run on one CPU): 1 if the
 * mutex behaved, 0 if not, -1 if a tick came where a preemption would
 * have changed the schedule the test needs (try again). */
static int pass_over_once(void)
{
    passer_done = 0;
    mutex_lock(&lock);
    struct thread *w = kthread_start("passer", passer, NULL);
    sched_sleep_ticks(2); /* it blocks on the mutex */
    uint32_t t0 = clock_ticks(), slept = mutex_sleeps();
    mutex_unlock(&lock); /* wakes it to try again; this thread runs on */
    mutex_lock(&lock);   /* and takes it first, without sleeping */
    bool barged = mutex_sleeps() == slept, quiet = clock_ticks() == t0;
    sched_sleep_ticks(2); /* it tries, and sleeps again, passed over */
    t0 = clock_ticks();
    mutex_unlock(&lock); /* so this release hands it the mutex */
    bool handed = lock.owner == w;
    quiet = quiet && clock_ticks() == t0;
    mutex_lock(&lock); /* and it has it before this thread */
    bool first = passer_done;
    mutex_unlock(&lock);
    printf("sync: passed over: took it first %d, then handed over %d, waiter first %d%s\n", barged, handed,
           first, quiet ? "" : " (a tick came: again)");
    return quiet ? barged && handed && first : -1;
}

static void wait_until(volatile int *v, int value)
{
    while (*v < value)
        sched_sleep_ticks(1);
}

KTEST(sync)
{
    mutex_init(&lock, LOCK_RANK_NONE, "ktest");
    for (unsigned i = 0; i < WORKERS; i++)
        kthread_start("adder", adder, NULL);
    wait_until(&finished, (int)WORKERS);
    printf("sync: counter %u (want %u)\n", counter, WORKERS * ROUNDS);
    if (counter != WORKERS * ROUNDS)
        ktest_fail("sync", "lost updates: %u", counter);

    cond_init(&not_full);
    cond_init(&not_empty);
    kthread_start("consumer", consumer, NULL);
    kthread_start("consumer", consumer, NULL);
    kthread_start("producer", producer, (void *)0);
    kthread_start("producer", producer, (void *)1);
    wait_until(&consumed, ITEMS);
    printf("sync: %d items consumed, %d out of order\n", consumed, order_errors);
    if (order_errors)
        ktest_fail("sync", "items out of order");

    /* Fairness: three threads queue on a held mutex in a known order. */
    mutex_lock(&lock);
    for (int i = 0; i < 3; i++) {
        kthread_start("fifo", fifo_waiter, (void *)i);
        sched_sleep_ticks(2); /* let it block on the mutex before the next */
    }
    mutex_unlock(&lock);
    sched_sleep_ticks(10);
    printf("sync: hand-off order %d %d %d\n", order[0], order[1], order[2]);
    if (norder != 3 || order[0] != 0 || order[1] != 1 || order[2] != 2)
        ktest_fail("sync", "mutex waiters not served in arrival order");
    int passed = -1;
    for (int try = 0; try < 10 && passed < 0; try++)
        passed = pass_over_once();
    if (passed != 1)
        ktest_fail("sync",
                   passed ? "every try at passing over was preempted" : "mutex passing over went wrong");
    ktest_pass("sync");
}

KTEST(lockorder)
{
    static struct mutex outer, inner;
    mutex_init(&outer, LOCK_RANK_CONSOLE, "high-ranked");
    mutex_init(&inner, LOCK_RANK_TASKS, "low-ranked");
    mutex_lock(&outer);
    mutex_lock(&inner); /* wrong order: must panic */
    ktest_fail("lockorder", "taking locks out of order went unnoticed");
}

/* Its own locks of the input and screen ranks: the real ones are not held
 * here, and a rank names what the panic prints for a held spinlock. */
SPINLOCK_DEFINE(low_spin, LOCK_RANK_INPUT, "low-spin");
SPINLOCK_DEFINE(high_spin, LOCK_RANK_SCREEN, "high-spin");

KTEST(spinorder)
{
    uint32_t was = spin_lock_irqsave(&high_spin);
    spin_lock(&low_spin); /* lower rank under a higher one: must panic */
    spin_unlock(&low_spin);
    spin_unlock_irqrestore(&high_spin, was);
    ktest_fail("spinorder", "taking spinlocks out of order went unnoticed");
}

KTEST(spinmutex)
{
    static struct mutex m;
    mutex_init(&m, LOCK_RANK_TASKS, "a-mutex");
    uint32_t was = spin_lock_irqsave(&low_spin);
    mutex_lock(&m); /* a mutex under a spinlock: must panic */
    mutex_unlock(&m);
    spin_unlock_irqrestore(&low_spin, was);
    ktest_fail("spinmutex", "a mutex taken under a spinlock went unnoticed");
}

KTEST(spinblock)
{
    struct waitq q;
    waitq_init(&q, "never-woken");
    uint32_t was = waitq_lock();
    spin_lock(&high_spin); /* in order: the scheduler's lock ranks first */
    waitq_wait(&q, 0);     /* asleep holding high_spin: must panic */
    spin_unlock(&high_spin);
    waitq_unlock(was);
    ktest_fail("spinblock", "blocking with a spinlock held went unnoticed");
}
