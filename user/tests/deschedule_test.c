/*
 * deschedule_test.c - proves deschedule / make_runnable (SPEC §3):
 * deschedule with *reject != 0 returns 0 at once; a bad reject pointer is
 * negative (and does not block); make_runnable fails for a thread that is
 * not descheduled (itself, a running or sleeping thread, a nonexistent tid);
 * a descheduled thread stays asleep until make_runnable names it, from the
 * same task or from another task, and a second make_runnable then fails;
 * 2000 rounds of a reject-flag handshake lose no wake-up (deschedule checks
 * *reject atomically with respect to make_runnable).
 */
#include "spawn.h"
#include "test.h"

static char stk_d[8192] __attribute__((aligned(16)));
static char stk_s[8192] __attribute__((aligned(16)));
static volatile int d_woken, d_ret = 12345;

static void descheduler(void *arg)
{
    (void)arg;
    int zero = 0;
    d_ret = deschedule(&zero);
    d_woken = 1;
}

static void sleeper(void *arg)
{
    (void)arg;
    for (;;)
        sleep(1000000);
}

static int child_deschedules(int status)
{
    int zero = 0;
    if (deschedule(&zero) != 0)
        return -100;
    return status;
}

/* Handshake: the thread sleeps while go == 0; main sets go, then wakes it. */
#define ROUNDS 2000
static char stk_h[8192] __attribute__((aligned(16)));
static volatile int go, rounds_done;

static void handshaker(void *arg)
{
    (void)arg;
    while (rounds_done < ROUNDS) {
        while (!go)
            deschedule((int *)&go);
        go = 0;
        rounds_done++;
    }
}

static void handshake_rounds(void)
{
    int h = spawn_thread(stk_h + sizeof(stk_h), handshaker, NULL, NULL);
    CHECK(h > 0, "thread_fork");
    for (int i = 0; i < ROUNDS; i++) {
        go = 1;
        make_runnable(h); /* fails harmlessly if it is not asleep yet */
        unsigned int t0 = get_ticks();
        while (rounds_done == i) {
            if (get_ticks() - t0 > 2000)
                TEST_FAIL("deschedule_test: wake-up lost in round %d", i);
            if (i % 2)
                yield(h);
        }
    }
}

/* make_runnable(tid) until it succeeds (the target got descheduled). */
static void wake_when_descheduled(int tid)
{
    for (int i = 0; i < 10000; i++) {
        if (make_runnable(tid) == 0)
            return;
        sleep(1);
    }
    TEST_FAIL("deschedule_test: thread %d never became descheduled", tid);
}

int main(void)
{
    TEST_START("deschedule_test");

    /* Rejected deschedules return at once. */
    int one = 1, minus = -1;
    unsigned int t0 = get_ticks();
    CHECK(deschedule(&one) == 0, "deschedule(*reject = 1) returns 0");
    CHECK(deschedule(&minus) == 0, "deschedule(*reject = -1) returns 0");
    CHECK(get_ticks() - t0 < 100, "rejected deschedule does not block");

    /* Bad reject pointers. */
    CHECK(deschedule(NULL) < 0, "deschedule(NULL)");
    CHECK(deschedule((int *)KERNEL_ADDR) < 0, "deschedule(kernel address)");
    CHECK(deschedule((int *)UNMAPPED_ADDR) < 0, "deschedule(unmapped)");
    CHECK(deschedule((int *)0xFFFFFFFE) < 0, "deschedule(wrapping pointer)");

    /* A thread of another task (make_runnable takes any tid). */
    int c = fork_run(child_deschedules, 31);
    CHECK(c > 0, "fork");
    wake_when_descheduled(c);
    CHECK(wait_for(c) == 31, "woken child ran to completion");

    /* Threads of this task from here on: no more forks. */
    /* make_runnable of threads that are not descheduled. */
    CHECK(make_runnable(gettid()) < 0, "make_runnable(self)");
    CHECK(make_runnable(0x7FFFFFF0) < 0, "make_runnable(nonexistent)");
    CHECK(make_runnable(-1) < 0, "make_runnable(-1)");
    int s = spawn_thread(stk_s + sizeof(stk_s), sleeper, NULL, NULL);
    CHECK(s > 0, "thread_fork");
    sleep(10);
    CHECK(make_runnable(s) < 0, "make_runnable(sleeping thread)");

    /* A thread of this task, descheduled then woken. */
    int d = spawn_thread(stk_d + sizeof(stk_d), descheduler, NULL, NULL);
    CHECK(d > 0, "thread_fork");
    while (yield(d) == 0) /* until it is descheduled */
        ;
    sleep(30);
    CHECK(!d_woken, "descheduled thread stays asleep");
    CHECK(make_runnable(d) == 0, "make_runnable wakes it");
    CHECK(make_runnable(d) < 0, "second make_runnable fails");
    while (!d_woken)
        yield(-1);
    CHECK(d_ret == 0, "deschedule returned 0 after being woken");

    handshake_rounds();

    TEST_PASS();
}
