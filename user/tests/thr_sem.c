/* @smp 2 4 */
/*
 * thr_sem.c - proves counting semaphores (SPEC §4, sem.h):
 *   - sem_init(3): of 10 threads that repeatedly sem_wait, stay inside a
 *     while and sem_signal, exactly 3 are ever inside at once (the count is
 *     reached and never exceeded);
 *   - afterwards the count is 3 again: three sem_waits pass, a fourth blocks
 *     until a sem_signal;
 *   - signals are counted: five sem_signals on a zero semaphore let exactly
 *     five sem_waits through;
 *   - sem_init(0) as a completion signal: main's k-th sem_wait returns only
 *     after k workers have finished.
 * A watchdog thread turns a hang into a failure.
 */
#include <mutex.h>
#include <sem.h>
#include <thread.h>

#include "test.h"
#include "thr_watch.h"

#define NT     10
#define LIMIT  3
#define ROUNDS 4
#define NDONE  8

static mutex_t m;
static sem_t sem;
static volatile int go, inside, max_inside;

static void *limited_worker(void *arg)
{
    (void)arg;
    while (!go)
        thr_yield(-1);
    for (int r = 0; r < ROUNDS; r++) {
        sem_wait(&sem);
        mutex_lock(&m);
        if (++inside > max_inside)
            max_inside = inside;
        mutex_unlock(&m);
        sleep(2);
        thr_yield(-1);
        mutex_lock(&m);
        inside--;
        mutex_unlock(&m);
        sem_signal(&sem);
    }
    return NULL;
}

static void at_most_three_inside(void)
{
    int tids[NT];
    watch_phase("at most three inside");
    CHECK(sem_init(&sem, LIMIT) == 0, "sem_init");
    for (int i = 0; i < NT; i++)
        CHECK((tids[i] = thr_create(limited_worker, NULL)) > 0, "thr_create");
    go = 1;
    for (int i = 0; i < NT; i++)
        CHECK(thr_join(tids[i], NULL) == 0, "thr_join");
    NOTE("thr_sem: at most %d threads were inside (limit %d)", max_inside, LIMIT);
    CHECK(max_inside <= LIMIT, "never more threads inside than the count");
    CHECK(max_inside == LIMIT, "the count is reached: that many threads do get in");
}

/* A thread that takes one unit; main checks whether it got through. */
static volatile int got;

static void *taker(void *arg)
{
    sem_wait((sem_t *)arg);
    got = 1;
    return NULL;
}

/* sem has no unit left: a taker must block until one sem_signal. */
static void next_wait_blocks(sem_t *s)
{
    got = 0;
    int t = thr_create(taker, s);
    CHECK(t > 0, "thr_create");
    sleep(50);
    CHECK(got == 0, "sem_wait on a used-up semaphore blocks");
    sem_signal(s);
    CHECK(thr_join(t, NULL) == 0, "thr_join");
    CHECK(got == 1, "sem_signal lets the blocked sem_wait through");
}

static void count_restored(void)
{
    watch_phase("count restored");
    for (int i = 0; i < LIMIT; i++)
        sem_wait(&sem); /* the three units are back: none blocks */
    next_wait_blocks(&sem);
    sem_destroy(&sem);
}

static void signals_are_counted(void)
{
    sem_t s;
    watch_phase("signals are counted");
    CHECK(sem_init(&s, 0) == 0, "sem_init(0)");
    for (int i = 0; i < 5; i++)
        sem_signal(&s);
    for (int i = 0; i < 5; i++)
        sem_wait(&s); /* none blocks */
    next_wait_blocks(&s);
    sem_destroy(&s);
}

/* Completion: each worker finishes at a different time, then signals. */
static sem_t done_sem;
static volatile int finished;

static void *finisher(void *arg)
{
    sleep(10 + 7 * (int)arg);
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
    sem_signal(&done_sem);
    return NULL;
}

static void completion_signal(void)
{
    int tids[NDONE];
    watch_phase("completion");
    CHECK(sem_init(&done_sem, 0) == 0, "sem_init(0)");
    for (int i = 0; i < NDONE; i++)
        CHECK((tids[i] = thr_create(finisher, (void *)i)) > 0, "thr_create");
    for (int k = 0; k < NDONE; k++) {
        sem_wait(&done_sem);
        if (finished < k + 1)
            TEST_FAIL("thr_sem: sem_wait #%d returned with only %d workers finished", k + 1, finished);
    }
    for (int i = 0; i < NDONE; i++)
        CHECK(thr_join(tids[i], NULL) == 0, "thr_join");
    sem_destroy(&done_sem);
}

int main(void)
{
    TEST_START("thr_sem");
    CHECK(thr_init(16384) == 0, "thr_init");
    CHECK(mutex_init(&m) == 0, "mutex_init");
    watch_start(30000);

    at_most_three_inside();
    count_restored();
    signals_are_counted();
    completion_signal();

    watch_stop();
    mutex_destroy(&m);
    TEST_PASS();
}
