/* @smp 2 4 */
/*
 * thr_mutex.c - proves mutexes (SPEC §4, mutex.h):
 *   - control: 8 threads x 2000 increments of a shared counter with a
 *     read / yield / write pattern and NO lock lose updates, so the pattern
 *     does expose a missing or broken lock;
 *   - the same pattern under mutex_lock ends with the exact count, and never
 *     more than one thread is inside the critical section;
 *   - fairness: six threads that ask for a held mutex one after the other
 *     (each asked and is asleep in deschedule - not spinning - before the
 *     next is created) get it in the order they asked.
 */
#include <mutex.h>
#include <thread.h>

#include "test.h"
#include "thr_watch.h"

#define NT    8
#define ITERS 2000
#define NFIFO 6

static mutex_t m;
static volatile int go;
static volatile int counter;
static volatile int inside, max_inside;

static void wait_for_go(void)
{
    while (!go)
        thr_yield(-1);
}

static void *unlocked_incrementer(void *arg)
{
    (void)arg;
    wait_for_go();
    for (int i = 0; i < ITERS; i++) {
        int v = counter;
        if (i % 7 == 0)
            thr_yield(-1);
        counter = v + 1;
    }
    return NULL;
}

static void *locked_incrementer(void *arg)
{
    (void)arg;
    wait_for_go();
    for (int i = 0; i < ITERS; i++) {
        mutex_lock(&m);
        int in = ++inside;
        if (in > max_inside)
            max_inside = in;
        int v = counter;
        if (i % 7 == 0)
            thr_yield(-1);
        counter = v + 1;
        inside--;
        mutex_unlock(&m);
    }
    return NULL;
}

/* Run NT threads of fn from a common start; return the final counter. */
static int run_counters(void *(*fn)(void *))
{
    int tids[NT];
    counter = 0;
    go = 0;
    for (int i = 0; i < NT; i++) {
        tids[i] = thr_create(fn, NULL);
        CHECK(tids[i] > 0, "thr_create");
    }
    go = 1;
    for (int i = 0; i < NT; i++)
        CHECK(thr_join(tids[i], NULL) == 0, "thr_join");
    return counter;
}

static void counting(void)
{
    int survived = run_counters(unlocked_incrementer);
    NOTE("thr_mutex: without a lock: %d of %d increments survived", survived, NT * ITERS);
    CHECK(survived < NT * ITERS, "control: the unlocked pattern loses updates");

    int got = run_counters(locked_incrementer);
    NOTE("thr_mutex: with the mutex: %d of %d, at most %d inside", got, NT * ITERS, max_inside);
    CHECK(max_inside == 1, "mutual exclusion: one thread inside at a time");
    CHECK(got == NT * ITERS, "no increment lost under the mutex");
}

/* FIFO: waiters get the lock in the order they asked for it. */
static volatile int asking[NFIFO];
static volatile int order[NFIFO];
static volatile int served;

static void *fifo_waiter(void *arg)
{
    int k = (int)arg;
    asking[k] = 1;
    mutex_lock(&m);
    order[served++] = k;
    mutex_unlock(&m);
    return NULL;
}

static void fifo(void)
{
    int tids[NFIFO];
    mutex_lock(&m);
    for (int k = 0; k < NFIFO; k++) {
        tids[k] = start_blocked(fifo_waiter, (void *)k, &asking[k], "waiter start");
        sleep(2);
    }
    CHECK(served == 0, "nobody got the mutex main holds");
    mutex_unlock(&m);
    for (int k = 0; k < NFIFO; k++)
        CHECK(thr_join(tids[k], NULL) == 0, "thr_join");
    CHECK(served == NFIFO, "every waiter got the mutex");
    for (int k = 0; k < NFIFO; k++)
        if (order[k] != k)
            TEST_FAIL("thr_mutex: waiter %d got the mutex in place %d (FIFO broken: "
                      "%d %d %d %d %d %d)",
                      order[k], k, order[0], order[1], order[2], order[3], order[4], order[5]);
}

int main(void)
{
    TEST_START("thr_mutex");
    CHECK(thr_init(16384) == 0, "thr_init");
    CHECK(mutex_init(&m) == 0, "mutex_init");
    counting();
    fifo();
    mutex_destroy(&m);
    TEST_PASS();
}
