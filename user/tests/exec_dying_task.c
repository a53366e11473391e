/* @timeout 120 */
/*
 * exec_dying_task.c - proves that exec and fork in a task that task_vanish
 * is tearing down never free or copy the address space under a sibling that
 * is still inside the kernel on it (issue 12, item 1).
 *
 * Each round forks a child with these threads:
 *   holder  new_pages of 32 MiB, touches every 16th page (lazy-fill faults),
 *           remove_pages, again and again: it is almost always in the kernel
 *           holding the address space's lock;
 *   execer  exec("exec_helper_args exit 5") in a loop (refused while the
 *           task has other threads);
 *   forker  fork in a loop (refused likewise; a child that appears reports
 *           END__FAIL itself), in even rounds only, so that odd rounds pit
 *           exec alone against the holder;
 *   100 sleepers, descheduled, after those on the task's thread list, so
 *           that task_vanish spends a while killing after it has marked
 *           the three above;
 *   main    starts them all, waits until the first three run, yields a
 *           round-dependent number of times, then task_vanish(42).
 * task_vanish only marks the others killed; they die when they leave the
 * kernel.  A killed sibling that is still in new_pages, remove_pages or a
 * fault must keep exec and fork refused.  The parent waits for every child
 * and checks its status is 42 (not 5: no exec went through), and at the end
 * that the free and reserved user frames, the kernel heap and the thread
 * count are back to the baseline (taken after one warm-up round).  Without
 * the fix this panics (pte_walk from vm_copy <- proc_fork, the address
 * space freed by exec under the forker; more rarely vm_destroy's
 * reserved == 0 from proc_exec, under the holder).
 */
#include "spawn.h"
#include "test.h"

#define ROUNDS   40
#define BIG_BASE ((char *)0x40000000)
#define BIG_LEN  (32 << 20)
#define STACK    8192
#define NTHREADS 3
#define SLEEPERS 100

static char stacks[NTHREADS][STACK] __attribute__((aligned(16)));
static char sleeper_stacks[SLEEPERS][512] __attribute__((aligned(16)));
static volatile int started[NTHREADS], go;

static void holder(void *arg)
{
    (void)arg;
    while (!go)
        yield(-1);
    for (;;) {
        if (new_pages(BIG_BASE, BIG_LEN) == 0) {
            started[0] = 1;
            for (int off = 0; off < BIG_LEN; off += 16 * PAGE_SIZE)
                BIG_BASE[off] = 1;
            remove_pages(BIG_BASE);
        }
    }
}

static void execer(void *arg)
{
    (void)arg;
    char *argv[] = {"exec_helper_args", "exit", "5", NULL};
    while (!go)
        yield(-1);
    started[1] = 1;
    for (;;)
        exec("exec_helper_args", argv);
}

static void forker(void *arg)
{
    (void)arg;
    while (!go)
        yield(-1);
    started[2] = 1;
    for (;;) {
        int r = fork();
        if (r == 0)
            TEST_FAIL("exec_dying_task: fork succeeded in a task with other threads");
    }
}

static void sleeper(void *arg)
{
    (void)arg;
    int zero = 0;
    for (;;)
        deschedule(&zero);
}

static void (*const bodies[NTHREADS])(void *) = {holder, execer, forker};

/* Odd rounds have no forker, so that exec alone meets the holder. */
static void child(int round)
{
    int n = round % 2 ? NTHREADS - 1 : NTHREADS;
    for (int i = 0; i < n; i++)
        if (spawn_thread(stacks[i] + STACK, bodies[i], NULL, NULL) < 0)
            task_vanish(100 + i);
    /* After the others on the task's list, so task_vanish kills those
     * first and then spends a while on these; created before `go`, so
     * nothing competes for the CPU yet. */
    for (int i = 0; i < SLEEPERS; i++)
        if (spawn_thread(sleeper_stacks[i] + sizeof(sleeper_stacks[i]), sleeper, NULL, NULL) < 0)
            task_vanish(110);
    go = 1;
    for (int i = 0; i < n; i++)
        while (!started[i])
            yield(-1);
    for (int i = 0; i < round % 5; i++)
        yield(-1);
    task_vanish(42);
}

static void one_round(int round)
{
    int tid = fork();
    if (tid == 0)
        child(round);
    CHECK(tid > 0, "fork");
    int st = wait_for(tid);
    if (st != 42)
        TEST_FAIL("exec_dying_task: round %d: status %d, expected task_vanish's 42", round, st);
}

int main(void)
{
    TEST_START("exec_dying_task");
    struct kstats before, after;
    one_round(0);
    CHECK(kstats(&before) == 0, "kstats");
    for (int round = 1; round <= ROUNDS; round++)
        one_round(round);
    /* The child's address space is gone when wait returns; its last thread
     * may still be on its way out: let it finish (no clock involved). */
    for (int i = 0; i < 10000; i++) {
        CHECK(kstats(&after) == 0, "kstats");
        if (after.threads == before.threads && after.heap_allocs == before.heap_allocs)
            break;
        yield(-1);
    }
    NOTE("exec_dying_task: frames free %u -> %u, reserved %u -> %u, heap allocs %u -> %u, threads %u -> %u",
         before.user_frames_free, after.user_frames_free, before.user_frames_reserved,
         after.user_frames_reserved, before.heap_allocs, after.heap_allocs, before.threads, after.threads);
    CHECK(after.user_frames_free == before.user_frames_free, "no user frames lost");
    CHECK(after.user_frames_reserved == before.user_frames_reserved, "no reservations left");
    CHECK(after.heap_allocs == before.heap_allocs, "kernel heap allocations freed");
    CHECK(after.threads == before.threads, "threads back to baseline");
    TEST_PASS();
}
