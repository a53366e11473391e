/* @smp 2 4 */
/*
 * thr_fork_after_join.c - once thr_join has returned, the joined thread no
 * longer stands in the way of fork or exec (which the kernel refuses to
 * multi-threaded tasks): 200 rounds of thr_create, thr_join, fork, under
 * each misbehave mode, must never see fork refused; and a thread still
 * running must make fork fail.
 */
#include <thread.h>

#include "test.h"

#define ROUNDS 200

static void *quick(void *arg) { return arg; }

static volatile int stop;
static void *spin(void *arg)
{
    while (!stop)
        thr_yield(-1);
    return arg;
}

int main(void)
{
    TEST_START("thr_fork_after_join");
    CHECK(thr_init(8192) == 0, "thr_init");
    for (int i = 0; i < ROUNDS; i++) {
        misbehave(i % 3); /* normal, new thread first, yield after every call */
        void *st;
        int tid = thr_create(quick, (void *)i);
        CHECK(tid > 0, "thr_create");
        CHECK(thr_join(tid, &st) == 0 && (int)st == i, "thr_join gets the status");
        int child = fork();
        if (child == 0)
            exit(i % 100);
        if (child < 0)
            TEST_FAIL("thr_fork_after_join: fork refused right after thr_join (round %d, %d)", i, child);
        CHECK(wait_for(child) == i % 100, "child status");
    }
    misbehave(0);
    int tid = thr_create(spin, NULL);
    CHECK(tid > 0, "thr_create");
    CHECK(fork() < 0, "fork refused while another thread runs");
    stop = 1;
    CHECK(thr_join(tid, NULL) == 0, "thr_join");
    TEST_PASS();
}
