/* @smp 2 4 */
/*
 * thr_basic.c - proves the thread life cycle of the thread library
 * (SPEC §4, thread.h):
 *   - thr_getid is the kernel tid, in the main thread and in every thread,
 *     and equals what thr_create returned for that thread;
 *   - 20 threads, each on its own stack (each fills 12 KiB of it with its own
 *     pattern, yields, and checks it), return distinct values, and thr_join
 *     collects exactly each thread's value;
 *   - thr_join blocks until the thread exits; joins with NULL statusp; a
 *     thread can join another thread; joining a thread that exited long ago
 *     still gives its status;
 *   - thr_exit deep inside a call chain ends the thread with that status and
 *     never returns;
 *   - thr_join of an unknown tid, of one's own tid (main or another thread),
 *     and a second join of an already joined tid are all negative.
 */
#include <thread.h>

#include "test.h"

#define NT      20
#define STACK   16384
#define SCRATCH 12288 /* bytes of its own stack each worker fills */

static volatile int seen_id[NT];

static unsigned char pattern(int who, int k) { return (unsigned char)(who * 31 + k * 7 + 1); }

/* Fill part of this thread's stack, let the others run, check nobody touched it. */
static void own_stack_survives(int who)
{
    volatile unsigned char scratch[SCRATCH];
    for (int k = 0; k < SCRATCH; k++)
        scratch[k] = pattern(who, k);
    thr_yield(-1);
    sleep(1);
    for (int k = 0; k < SCRATCH; k++)
        if (scratch[k] != pattern(who, k))
            TEST_FAIL("thr_basic: thread %d: its stack byte %d was overwritten", who, k);
}

static void *worker(void *arg)
{
    int i = (int)arg;
    seen_id[i] = thr_getid();
    CHECK(thr_getid() == gettid(), "thr_getid is the kernel tid");
    own_stack_survives(i);
    return (void *)(i * 3 + 1);
}

static void many_threads_return_their_values(void)
{
    int tids[NT];
    for (int i = 0; i < NT; i++) {
        tids[i] = thr_create(worker, (void *)i);
        CHECK(tids[i] > 0, "thr_create");
        for (int j = 0; j < i; j++)
            CHECK(tids[j] != tids[i], "thr_create returns distinct tids");
    }
    /* Join in an order unrelated to creation: odd ones backwards, then even. */
    for (int pass = 0; pass < 2; pass++) {
        for (int n = 0; n < NT; n++) {
            int i = pass == 0 ? NT - 1 - n : n;
            if ((i % 2) != (pass == 0))
                continue;
            void *st = (void *)0xdeadbeef;
            CHECK(thr_join(tids[i], &st) == 0, "thr_join of a live thread");
            if (st != (void *)(i * 3 + 1))
                TEST_FAIL("thr_basic: thread %d returned %p, expected %p", i, st, (void *)(i * 3 + 1));
            CHECK(seen_id[i] == tids[i], "thr_getid in the thread equals thr_create's result");
        }
    }
    for (int i = 0; i < NT; i++) {
        void *st;
        CHECK(thr_join(tids[i], &st) < 0, "second thr_join of the same tid fails");
    }
}

/* thr_exit from the bottom of a call chain. */
static volatile int after_exit;
static volatile int exit_depth = 0; /* volatile: opaque to the compiler */
static volatile int never = -1;

static int __attribute__((noinline)) dive(int n)
{
    volatile int pad[16];
    pad[0] = n;
    if (n == exit_depth)
        thr_exit((void *)0xC0FFEE);
    if (n == never)
        return 0;
    int r = dive(n - 1) + pad[0];
    after_exit = 1; /* never reached */
    return r;
}

static void *deep_exit(void *arg)
{
    (void)arg;
    dive(25);
    after_exit = 2; /* never reached */
    return (void *)1;
}

static void exit_deep_in_call_chain(void)
{
    int t = thr_create(deep_exit, NULL);
    CHECK(t > 0, "thr_create");
    void *st = NULL;
    CHECK(thr_join(t, &st) == 0, "thr_join");
    CHECK(st == (void *)0xC0FFEE, "status passed to thr_exit deep in a call chain");
    CHECK(after_exit == 0, "thr_exit never returns");
}

/* A thread that exits long before anyone joins it. */
static volatile int quick_ran;

static void *quick(void *arg)
{
    quick_ran = 1;
    return arg;
}

static void join_long_exited_thread(void)
{
    int t = thr_create(quick, (void *)0x5150);
    CHECK(t > 0, "thr_create");
    unsigned int t0 = get_ticks();
    while (!quick_ran) {
        CHECK(get_ticks() - t0 < 3000, "new thread runs");
        thr_yield(-1);
    }
    sleep(100); /* it has surely exited by now */
    void *st = NULL;
    CHECK(thr_join(t, &st) == 0, "thr_join of a thread that exited long ago");
    CHECK(st == (void *)0x5150, "its status was kept");
}

/* thr_join waits for a slow thread; NULL statusp; a thread joins a thread. */
static volatile int slow_done;

static void *slow(void *arg)
{
    sleep(100);
    slow_done = 1;
    return arg;
}

static void *joiner(void *arg)
{
    int target = (int)arg;
    void *st = NULL;
    CHECK(thr_join(thr_getid(), &st) < 0, "a thread cannot join itself");
    if (thr_join(target, &st) != 0)
        return (void *)-1;
    return (void *)((int)st + 1);
}

static void join_waits(void)
{
    slow_done = 0;
    int t = thr_create(slow, (void *)77);
    CHECK(t > 0, "thr_create");
    void *st = NULL;
    CHECK(thr_join(t, &st) == 0, "thr_join of a sleeping thread");
    CHECK(slow_done == 1, "thr_join returned only after the thread finished");
    CHECK(st == (void *)77, "status of the slow thread");

    slow_done = 0;
    t = thr_create(slow, (void *)5);
    CHECK(t > 0, "thr_create");
    CHECK(thr_join(t, NULL) == 0, "thr_join with NULL statusp");
    CHECK(slow_done == 1, "thr_join(tid, NULL) waited too");

    slow_done = 0;
    int s = thr_create(slow, (void *)40);
    CHECK(s > 0, "thr_create");
    int j = thr_create(joiner, (void *)s);
    CHECK(j > 0, "thr_create");
    CHECK(thr_join(j, &st) == 0, "thr_join of the joiner");
    CHECK(st == (void *)41, "a thread joined another thread and got its status");
    CHECK(thr_join(s, &st) < 0, "a thread already joined by another cannot be joined again");
}

static void bad_joins(void)
{
    void *st;
    CHECK(thr_join(thr_getid(), &st) < 0, "main cannot join itself");
    CHECK(thr_join(-1, &st) < 0, "thr_join(-1)");
    CHECK(thr_join(0x7FFFFFF0, &st) < 0, "thr_join of a tid that never existed");
    CHECK(thr_join(1, &st) < 0, "thr_join of another task's thread");
    CHECK(thr_yield(0x7FFFFFF0) < 0, "thr_yield to a nonexistent thread fails");
}

int main(void)
{
    TEST_START("thr_basic");
    CHECK(thr_init(STACK) == 0, "thr_init");
    CHECK(thr_getid() == gettid(), "thr_getid in main is the kernel tid");
    many_threads_return_their_values();
    exit_deep_in_call_chain();
    join_long_exited_thread();
    join_waits();
    bad_joins();
    TEST_PASS();
}
