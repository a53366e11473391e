/*
 * vanish_status.c - proves the exit-status rules (SPEC §3): set_status then
 * vanish delivers the status; the last set_status wins; a task with several
 * threads ends only when its last thread vanishes, with the status set last;
 * task_vanish(s), called by any thread, promptly ends every thread of the
 * task - running, sleeping, descheduled, blocked in wait or in readline -
 * and the parent sees s.
 */
#include "spawn.h"
#include "test.h"

#define NT 5
static char stacks[NT][8192] __attribute__((aligned(16)));
static volatile int started;

static void spin_forever(void *arg)
{
    (void)arg;
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST); /* five threads: must be atomic */
    for (;;)
        yield(-1);
}

static void sleep_forever(void *arg)
{
    (void)arg;
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST); /* five threads: must be atomic */
    for (;;)
        sleep(1000000);
}

static void deschedule_forever(void *arg)
{
    (void)arg;
    int zero = 0;
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST); /* five threads: must be atomic */
    for (;;)
        deschedule(&zero);
}

static void wait_forever(void *arg)
{
    (void)arg;
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST); /* five threads: must be atomic */
    for (;;)
        wait(NULL); /* blocks on the sleeping child; then fails at once */
}

static void readline_forever(void *arg)
{
    (void)arg;
    char buf[16];
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST); /* five threads: must be atomic */
    for (;;)
        readline(sizeof(buf), buf); /* nobody types */
}

static void (*const kinds[NT])(void *) = {spin_forever, sleep_forever, deschedule_forever, wait_forever,
                                          readline_forever};

static int long_sleeper(int unused)
{
    (void)unused;
    sleep(3000);
    return 0;
}

static void start_threads(void)
{
    CHECK(fork_run(long_sleeper, 0) > 0, "fork a child to wait for");
    for (int i = 0; i < NT; i++)
        CHECK(spawn_thread(stacks[i] + sizeof(stacks[i]), kinds[i], NULL, NULL) > 0, "thread_fork");
    while (started < NT)
        yield(-1);
    sleep(5); /* let them block */
}

static void late_setter(void *arg)
{
    sleep(50);
    set_status((int)arg);
}

static void killer(void *arg)
{
    sleep(20);
    task_vanish((int)arg);
}

/* Run body in a child; return its status; fail if it took too long. */
static int child_status(void (*body)(void), unsigned int max_ticks)
{
    unsigned int t0 = get_ticks();
    int tid = fork();
    if (tid == 0) {
        body();
        TEST_FAIL("vanish_status: child body returned");
    }
    CHECK(tid > 0, "fork");
    int st = wait_for(tid);
    unsigned int dt = get_ticks() - t0;
    if (dt > max_ticks)
        TEST_FAIL("vanish_status: child took %u ticks (limit %u)", dt, max_ticks);
    return st;
}

static void body_set_vanish(void)
{
    set_status(33);
    vanish();
}

static void body_last_wins(void)
{
    set_status(1);
    set_status(-33);
    vanish();
}

static void body_multi_last_thread(void)
{
    /* The main thread leaves first; the other sets the status later. */
    set_status(77);
    CHECK(spawn_thread(stacks[0] + sizeof(stacks[0]), late_setter, (void *)78, NULL) > 0, "thread_fork");
    vanish();
}

static void body_task_vanish_main(void)
{
    start_threads();
    set_status(1);
    task_vanish(55);
}

static void body_task_vanish_other(void)
{
    /* A non-main thread ends the task while main is blocked. */
    static char kstack[8192] __attribute__((aligned(16)));
    start_threads();
    CHECK(spawn_thread(kstack + sizeof(kstack), killer, (void *)-66, NULL) > 0, "thread_fork");
    for (;;)
        sleep(1000000);
}

int main(void)
{
    TEST_START("vanish_status");
    CHECK(child_status(body_set_vanish, 5000) == 33, "set_status + vanish");
    CHECK(child_status(body_last_wins, 5000) == -33, "last set_status wins");
    CHECK(child_status(body_multi_last_thread, 5000) == 78,
          "task ends with its last thread, status set last");
    CHECK(child_status(body_task_vanish_main, 2000) == 55, "task_vanish from main ends all threads promptly");
    CHECK(child_status(body_task_vanish_other, 2000) == -66,
          "task_vanish from another thread ends all threads promptly");
    TEST_PASS();
}
