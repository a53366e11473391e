/*
 * yield_test.c - proves yield's contract (SPEC §3): yield(-1) returns 0;
 * yield(tid) of a runnable thread (same task or another task) returns 0 and
 * that thread runs; yield to a tid that does not exist (never did, or a
 * collected child, or a negative other than -1) is negative; yield to a
 * thread that is descheduled, or blocked in sleep, is negative; so is
 * yield to a kernel thread (an idle CPU's idle thread, say, whose turn
 * would end only when that CPU gets work).
 * @smp 2
 */
#include <pebbles_ext.h>

#include "spawn.h"
#include "test.h"

static char stk_spin[8192] __attribute__((aligned(16)));
static char stk_desched[8192] __attribute__((aligned(16)));
static char stk_sleep[8192] __attribute__((aligned(16)));
static volatile int spin_count, spin_stop, desched_woken;

static void spinner(void *arg)
{
    (void)arg;
    while (!spin_stop) {
        spin_count++;
        yield(-1);
    }
}

static void descheduler(void *arg)
{
    (void)arg;
    int zero = 0;
    deschedule(&zero);
    desched_woken = 1;
}

static void sleeper(void *arg)
{
    (void)arg;
    for (;;)
        sleep(1000000);
}

/* Every kernel thread ps_list shows: yield to it fails, and at once. */
static void kernel_threads_refused(void)
{
    static struct ps_thread ps[64];
    int n = ps_list(ps, 64), kernel = 0;
    CHECK(n > 0, "ps_list");
    for (int i = 0; i < n; i++) {
        if (ps[i].task != 0)
            continue;
        kernel++;
        if (yield(ps[i].tid) >= 0)
            TEST_FAIL("yield_test: yield to kernel thread %d (%s) succeeded", ps[i].tid, ps[i].name);
    }
    CHECK(kernel > 0, "ps_list shows kernel threads");
}

static int exit_0(int unused)
{
    (void)unused;
    return 0;
}

static int busy_child(int unused)
{
    (void)unused;
    unsigned int t0 = get_ticks();
    while (get_ticks() - t0 < 200)
        yield(-1);
    return 0;
}

/* Yield to tid until it fails (the thread got blocked); fail after a while. */
static void wait_until_yield_fails(int tid, const char *what)
{
    for (int i = 0; i < 10000; i++) {
        if (yield(tid) < 0)
            return;
        sleep(1);
    }
    TEST_FAIL("yield_test: yield(%s) never failed", what);
}

int main(void)
{
    TEST_START("yield_test");

    for (int i = 0; i < 10; i++)
        CHECK(yield(-1) == 0, "yield(-1) returns 0");

    /* Nonexistent threads. */
    CHECK(yield(0x7FFFFFF0) < 0, "yield to a tid never issued");
    CHECK(yield(-5) < 0, "yield to a negative tid other than -1");
    kernel_threads_refused();
    int c = fork_run(exit_0, 0);
    CHECK(c > 0, "fork");
    CHECK(wait_for(c) == 0, "child status");
    CHECK(yield(c) < 0, "yield to a collected child");

    /* A runnable thread of another task. */
    c = fork_run(busy_child, 0);
    CHECK(c > 0, "fork");
    CHECK(yield(c) == 0, "yield to a runnable thread of another task");
    CHECK(wait_for(c) == 0, "busy child status");

    /* Threads of this task from here on: no more forks. */
    /* A runnable thread of this task: yield succeeds and that thread runs. */
    int s = spawn_thread(stk_spin + sizeof(stk_spin), spinner, NULL, NULL);
    CHECK(s > 0, "thread_fork");
    /* With one CPU it runs before yield returns; with several it may be
     * running elsewhere already, its turn ending just after our read. */
    int one_cpu = test_cpus() == 1, start = spin_count;
    for (int i = 0; i < 20; i++) {
        int before = spin_count;
        CHECK(yield(s) == 0, "yield to a runnable thread of this task");
        CHECK(!one_cpu || spin_count != before, "the yielded-to thread ran");
    }
    CHECK(spin_count != start, "the yielded-to thread ran");
    spin_stop = 1;

    /* A descheduled thread. */
    int d = spawn_thread(stk_desched + sizeof(stk_desched), descheduler, NULL, NULL);
    CHECK(d > 0, "thread_fork");
    wait_until_yield_fails(d, "descheduled thread");
    CHECK(!desched_woken, "thread is still descheduled");
    CHECK(make_runnable(d) == 0, "it really was descheduled");
    while (!desched_woken)
        yield(-1);

    /* A sleeping thread. */
    int z = spawn_thread(stk_sleep + sizeof(stk_sleep), sleeper, NULL, NULL);
    CHECK(z > 0, "thread_fork");
    wait_until_yield_fails(z, "sleeping thread");

    TEST_PASS();
}
