/* @timeout 60 */
/*
 * orphans.c - proves orphans are handled (SPEC §3 vanish): a child forks a
 * grandchild (still running) and a second grandchild (exited, not
 * collected), then exits without waiting.  The running orphan keeps going:
 * after its parent is gone it finds no children to wait for and signals the
 * test (make_runnable on the test's descheduled main thread).  Both orphans
 * are handed to init and collected: the kernel's task count (kstats) returns
 * to where it was.  A watchdog thread turns a lost orphan into a FAIL
 * instead of a hang.
 */
#include "spawn.h"
#include "test.h"

#define WATCHDOG_TICKS 3000

static int root_tid;
static char wd_stack[8192] __attribute__((aligned(16)));
static volatile int timed_out;

static int grandchild_running(int unused)
{
    (void)unused;
    sleep(100); /* its parent is gone by now */
    if (wait(NULL) >= 0)
        return 1;
    NOTE("orphans: orphan %d running after its parent exited", gettid());
    for (int i = 0; i < WATCHDOG_TICKS; i++) {
        if (make_runnable(root_tid) == 0)
            return 0;
        sleep(1);
    }
    return 2;
}

static int grandchild_exits(int unused)
{
    (void)unused;
    return 5;
}

static int child(int unused)
{
    (void)unused;
    if (fork_run(grandchild_running, 0) < 0 || fork_run(grandchild_exits, 0) < 0)
        return -1;
    sleep(20); /* the second grandchild is a zombie now */
    return 3;  /* exit without collecting either */
}

static void watchdog(void *arg)
{
    (void)arg;
    sleep(WATCHDOG_TICKS);
    timed_out = 1;
    while (make_runnable(root_tid) < 0)
        sleep(10);
}

static unsigned int task_count(void)
{
    struct kstats k;
    CHECK(kstats(&k) == 0, "kstats");
    return k.tasks;
}

int main(void)
{
    TEST_START("orphans");
    root_tid = gettid();
    unsigned int tasks0 = task_count();

    int c = fork_run(child, 0);
    CHECK(c > 0, "fork");
    CHECK(spawn_thread(wd_stack + sizeof(wd_stack), watchdog, NULL, NULL) > 0, "watchdog");

    int zero = 0;
    CHECK(deschedule(&zero) == 0, "deschedule");
    CHECK(!timed_out, "the orphan woke us (not the watchdog)");
    CHECK(wait_for(c) == 3, "child status");
    CHECK(wait(NULL) < 0, "grandchildren are not ours");

    /* Both orphans end up collected by init. */
    unsigned int t0 = get_ticks(), n;
    while ((n = task_count()) != tasks0 && get_ticks() - t0 < WATCHDOG_TICKS)
        sleep(10);
    NOTE("orphans: tasks before %u, after %u", tasks0, n);
    CHECK(n == tasks0, "orphans were collected (task count back to its start)");
    TEST_PASS();
}
