/* @timeout 120 @smp 2 4 */
/*
 * thread_share.c - proves that one task cannot take the kernel memory the
 * others need (issue 12, item 4; the per-task limit is in docs/syscalls.md).
 *
 * A child task creates threads (each descheduled at once) until thread_fork
 * is refused: the refusal must be a clean negative return, after at least
 * 100 threads.  It then wakes the parent and sleeps, holding every thread.
 * Meanwhile the parent, another task, must still fork (a child that exits
 * 3), thread_fork (a thread that runs) and exec (a child that execs
 * exec_helper_args and exits 4).  Then the parent wakes the child, which
 * task_vanishes with status 7, and the kernel's counters (free user frames,
 * heap allocations, tasks, threads) are back to where they started.
 */
#include "spawn.h"
#include "test.h"

#define MAX   4000
#define STACK 512

static char stacks[MAX][STACK] __attribute__((aligned(16)));
static char own_stack[8192] __attribute__((aligned(16)));
static volatile int parent_tid, ran;

static void sit(void *arg)
{
    (void)arg;
    int zero = 0;
    for (;;)
        deschedule(&zero);
}

static void hog(void)
{
    int n = 0, err = 0;
    while (n < MAX && (err = spawn_thread(stacks[n] + STACK, sit, NULL, NULL)) > 0)
        n++;
    struct kstats k;
    kstats(&k);
    lprintf("thread_share: thread_fork refused after %d threads with %d; kernel heap %u of %u bytes used", n,
            err, k.heap_bytes_used, k.heap_bytes_total);
    int ok = n >= 100 && n < MAX && err < 0;
    while (make_runnable(parent_tid) < 0)
        yield(-1);
    int zero = 0;
    deschedule(&zero); /* until the parent has done its part */
    task_vanish(ok ? 7 : 8);
}

static void nothing(void *arg)
{
    (void)arg;
    ran = 1;
}

static void others_still_work(void)
{
    int tid = fork();
    if (tid == 0)
        exit(3);
    CHECK(tid > 0, "fork while another task holds all the threads it may have");
    CHECK(wait_for(tid) == 3, "the forked child ran");

    volatile int done = 0;
    int t = spawn_thread(own_stack + sizeof(own_stack), nothing, NULL, &done);
    CHECK(t > 0, "thread_fork while another task holds all the threads it may have");
    while (!done)
        yield(-1);
    CHECK(ran, "the new thread ran");
    /* done is set just before its vanish: on another CPU it may not be in
     * the kernel yet, and fork refuses a task with two live threads.  Once
     * yield to it fails it has begun to vanish (as thr_join waits). */
    while (yield(t) == 0)
        continue;

    tid = fork();
    if (tid == 0) {
        char *argv[] = {"exec_helper_args", "exit", "4", NULL};
        exec("exec_helper_args", argv);
        exit(-1);
    }
    CHECK(tid > 0, "fork for exec");
    CHECK(wait_for(tid) == 4, "exec while another task holds all the threads it may have");
}

int main(void)
{
    TEST_START("thread_share");
    struct kstats before, after;
    others_still_work(); /* warm-up: every page this task will touch */
    CHECK(kstats(&before) == 0, "kstats");
    parent_tid = gettid();
    int hog_tid = fork();
    if (hog_tid == 0)
        hog();
    CHECK(hog_tid > 0, "fork");
    int zero = 0;
    deschedule(&zero); /* until the hog has all its threads */

    others_still_work();

    while (make_runnable(hog_tid) < 0)
        yield(-1);
    int st = wait_for(hog_tid);
    CHECK(st == 7, "the hog was refused cleanly, after at least 100 threads");
    for (int i = 0; i < 100000; i++) {
        CHECK(kstats(&after) == 0, "kstats");
        if (after.threads == before.threads && after.heap_allocs == before.heap_allocs)
            break;
        yield(-1);
    }
    NOTE("thread_share: frames free %u -> %u, heap allocs %u -> %u, tasks %u -> %u, threads %u -> %u",
         before.user_frames_free, after.user_frames_free, before.heap_allocs, after.heap_allocs, before.tasks,
         after.tasks, before.threads, after.threads);
    CHECK(after.user_frames_free == before.user_frames_free, "user frames returned");
    CHECK(after.heap_allocs == before.heap_allocs, "kernel heap allocations freed");
    CHECK(after.tasks == before.tasks, "tasks back to baseline");
    CHECK(after.threads == before.threads, "threads back to baseline");
    TEST_PASS();
}
