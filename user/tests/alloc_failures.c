/* @timeout 120 @smp 2 */
/*
 * alloc_failures.c - proves that a kernel allocation failure anywhere on the
 * paths of fork, thread_fork, exec and new_pages is survived: the call fails
 * cleanly (negative) or succeeds, the caller is intact, and nothing that was
 * half built leaks.  With failinject(n) (an extension: the task's n-th
 * kernel allocation from now fails) each operation is run with n = 1, 2, 3,
 * ... until the operation no longer reaches an n-th allocation, so every
 * allocation point on its path fails once.  Afterwards the kernel's
 * counters (free frames, reservations, heap allocations, tasks, threads)
 * equal the baseline.  A failure must also be reported: an operation that
 * fired its injected failure may not claim success unless it really worked.
 * Finally, a task whose every allocation would fail still ends its threads
 * and itself, and is collected by wait, without allocating at all.
 */
#include <string.h>

#include "spawn.h"
#include "test.h"

#define MAX_POINTS 200
#define NP_BASE    ((char *)0x503F0000)
#define NP_PAGES   40 /* spans two page tables */

static char tstack[8192] __attribute__((aligned(16)));
static volatile int tdone;

static void noop(void *arg) { (void)arg; }

/* Each returns 1 if the operation succeeded (and cleans up after itself),
 * 0 if it failed cleanly; failinject is armed around the system call only. */
static int op_fork(int n)
{
    failinject(n);
    int tid = fork();
    if (tid == 0)
        exit(5);
    failinject(0);
    if (tid < 0)
        return 0;
    CHECK(wait_for(tid) == 5, "forked child runs and exits");
    return 1;
}

static int op_thread_fork(int n)
{
    tdone = 0;
    failinject(n);
    int tid = spawn_thread(tstack + sizeof(tstack), noop, NULL, &tdone);
    failinject(0);
    if (tid < 0)
        return 0;
    while (!tdone)
        yield(tid);
    while (yield(tid) == 0)
        ;
    sleep(1);
    return 1;
}

static int exec_child(int n)
{
    char *argv[] = {"exec_helper_args", "exit", "9", NULL};
    failinject(n);
    int r = exec("exec_helper_args", argv);
    failinject(0);
    return r < 0 ? 77 : 78; /* exec returned: it failed */
}

static int op_exec(int n)
{
    int tid = fork_run(exec_child, n);
    CHECK(tid > 0, "fork");
    int st = wait_for(tid);
    CHECK(st == 9 || st == 77, "exec either runs the program or fails cleanly");
    return st == 9;
}

/* In a fresh child, whose address space has no page tables there yet. */
static int new_pages_child(int n)
{
    failinject(n);
    int r = new_pages(NP_BASE, NP_PAGES * PAGE_SIZE);
    failinject(0);
    if (r < 0)
        return 0;
    for (int i = 0; i < NP_PAGES; i++)
        CHECK(NP_BASE[i * PAGE_SIZE + 7] == 0, "new pages are zero");
    memset(NP_BASE, 0x5a, NP_PAGES * PAGE_SIZE); /* every promised page appears */
    CHECK(remove_pages(NP_BASE) == 0, "remove_pages");
    return 1;
}

static int op_new_pages(int n)
{
    int tid = fork_run(new_pages_child, n);
    CHECK(tid > 0, "fork");
    return wait_for(tid);
}

/* "vanish never needs fresh memory": with the very next allocation armed
 * to fail, a thread vanishes and then the task's last thread exits. */
static volatile int go;
static void wait_then_vanish(void *arg)
{
    (void)arg;
    while (!go)
        yield(-1);
}

static int exit_armed_child(int unused)
{
    (void)unused;
    int tid = spawn_thread(tstack + sizeof(tstack), wait_then_vanish, NULL, &tdone);
    CHECK(tid > 0, "thread_fork");
    failinject(1);
    go = 1;
    while (yield(tid) == 0 || !tdone)
        ;
    return 6;
}

static void vanish_allocates_nothing(void)
{
    tdone = go = 0;
    int tid = fork_run(exit_armed_child, 0);
    CHECK(tid > 0, "fork");
    CHECK(wait_for(tid) == 6, "child exits armed");
    CHECK(failinject(0) == 0, "vanish, task exit and wait allocated nothing");
}

/* Run op with n = 1, 2, ... until the injection no longer fires; return
 * how many allocation points were found. */
static int sweep(const char *name, int (*op)(int))
{
    for (int n = 1; n <= MAX_POINTS; n++) {
        int ok = op(n);
        int fired = failinject(0);
        if (!fired) {
            if (!ok)
                TEST_FAIL("alloc_failures: %s failed with no failure injected", name);
            lprintf("alloc_failures: %s survives a failure at each of its %d allocations", name, n - 1);
            return n - 1;
        }
    }
    TEST_FAIL("alloc_failures: %s still allocating after %d points", name, MAX_POINTS);
}

static void same_counters(const struct kstats *a, const struct kstats *b, const char *when)
{
    if (a->user_frames_free != b->user_frames_free || a->user_frames_reserved != b->user_frames_reserved ||
        a->heap_allocs != b->heap_allocs || a->heap_bytes_used != b->heap_bytes_used ||
        a->tasks != b->tasks || a->threads != b->threads)
        TEST_FAIL("alloc_failures: leak %s: frames %u->%u reserved %u->%u heap allocs %u->%u "
                  "bytes %u->%u tasks %u->%u threads %u->%u",
                  when, a->user_frames_free, b->user_frames_free, a->user_frames_reserved,
                  b->user_frames_reserved, a->heap_allocs, b->heap_allocs, a->heap_bytes_used,
                  b->heap_bytes_used, a->tasks, b->tasks, a->threads, b->threads);
}

int main(void)
{
    TEST_START("alloc_failures");
    CHECK(failinject(-1) < 0, "negative n refused");
    static const struct {
        const char *name;
        int (*op)(int);
        int min_points;
    } ops[] = {
        {"fork", op_fork, 4},
        {"thread_fork", op_thread_fork, 2},
        {"exec", op_exec, 4},
        {"new_pages", op_new_pages, 4},
    };
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        ops[i].op(0); /* warm up: first-use allocations are not leaks */
        sleep(2);
        struct kstats before, after;
        kstats(&before);
        int points = sweep(ops[i].name, ops[i].op);
        sleep(2); /* exited threads reaped */
        kstats(&after);
        same_counters(&before, &after, ops[i].name);
        if (points < ops[i].min_points)
            TEST_FAIL("alloc_failures: %s: only %d allocation points found", ops[i].name, points);
    }
    vanish_allocates_nothing();
    TEST_PASS();
}
