/* @timeout 120 */
/*
 * threads_1000_live.c - a thousand threads alive at once, across tasks:
 * TASKS children each start PER_TASK raw threads that loop sleep(NAP), and
 * all TASKS * PER_TASK stay alive together until the parent has seen them
 * in kstats; then the parent wakes each child, whose threads stop, and
 * every child exits 0.  (make bench's sleepers row needs as many; with the
 * trace rings of 8 CPUs in the kernel image, 1.25 MiB of the kernel heap,
 * thread_fork ran out of memory after some 950 and that row never ended.)
 * A child that cannot start all of its threads fails.  The sleepers nap
 * for NAP ticks, not one: a thousand threads each waking at every tick
 * would take all of the CPU (that load is make bench's sleepers row), and
 * on a busy host with several guest CPUs the test then ran for minutes.
 */
#include "spawn.h"
#include "test.h"

#define NAME     "threads_1000_live"
#define TASKS    4
#define PER_TASK 250
#define STACK    4096
#define STACKS   ((char *)0x48000000)
#define MAX_WAIT 20000 /* ticks the parent waits for them all */
#define NAP      50    /* ticks between a sleeper's looks at `stop` */

static volatile int stop, done[PER_TASK];

static void sleeper(void *arg)
{
    (void)arg;
    while (!stop)
        sleep(NAP);
}

static void child(void)
{
    if (new_pages(STACKS, PER_TASK * STACK) < 0)
        TEST_FAIL(NAME ": new_pages for the stacks");
    for (int i = 0; i < PER_TASK; i++)
        if (spawn_thread(STACKS + (i + 1) * STACK, sleeper, NULL, &done[i]) <= 0)
            TEST_FAIL(NAME ": thread_fork failed after %d threads of this task", i);
    int reject = 0;
    deschedule(&reject); /* until the parent has counted us */
    stop = 1;
    for (int i = 0; i < PER_TASK; i++)
        while (!done[i])
            yield(-1);
    exit(0);
}

static unsigned live_threads(void)
{
    struct kstats k;
    return kstats(&k) == 0 ? k.threads : 0;
}

int main(void)
{
    TEST_START(NAME);
    unsigned want = live_threads() + TASKS * (PER_TASK + 1);
    int kids[TASKS];
    for (int i = 0; i < TASKS; i++) {
        kids[i] = fork();
        CHECK(kids[i] >= 0, "fork");
        if (kids[i] == 0)
            child();
    }
    unsigned start = get_ticks();
    while (live_threads() < want && get_ticks() - start < MAX_WAIT)
        sleep(1);
    unsigned live = live_threads();
    for (int i = 0; i < TASKS; i++)
        while (make_runnable(kids[i]) < 0 && get_ticks() - start < MAX_WAIT)
            yield(kids[i]); /* until it has descheduled itself (or failed) */
    int bad = 0;
    for (int i = 0; i < TASKS; i++) {
        int status;
        bad |= wait(&status) < 0 || status != 0;
    }
    if (live < want)
        TEST_FAIL(NAME ": %u threads alive at most, want %u", live, want);
    CHECK(!bad, "every child started its threads and exited 0");
    TEST_PASS();
}
