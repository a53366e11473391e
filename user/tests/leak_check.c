/* @timeout 300 */
/*
 * leak_check.c - proves the task life cycle gives back everything it takes:
 * after 1000 fork + exec (of exec_helper_args, which exits at once) + wait
 * cycles, 500 fork + exit + wait cycles and 200 thread_fork + vanish
 * cycles, the kernel's counters (kstats: free user frames, reserved frames,
 * heap bytes and allocations, tasks, threads) equal the baseline taken after
 * a warm-up round.  The figures are printed.
 */
#include "spawn.h"
#include "test.h"

#define CYCLES_EXEC   1000
#define CYCLES_FORK   500
#define CYCLES_THREAD 200

static char stack2[8192] __attribute__((aligned(16)));
static volatile int thread_done;

static void nothing(void *arg) { (void)arg; }

static void one_exec_cycle(void)
{
    int tid = fork();
    if (tid == 0) {
        char *argv[] = {"exec_helper_args", "exit", "3", NULL};
        exec("exec_helper_args", argv);
        exit(-1);
    }
    if (tid < 0)
        TEST_FAIL("leak_check: fork failed (%d)", tid);
    int st;
    if (wait(&st) != tid || st != 3)
        TEST_FAIL("leak_check: exec cycle: child %d status %d", tid, st);
}

static void one_fork_cycle(void)
{
    int tid = fork();
    if (tid == 0)
        exit(4);
    if (tid < 0)
        TEST_FAIL("leak_check: fork failed (%d)", tid);
    int st;
    if (wait(&st) != tid || st != 4)
        TEST_FAIL("leak_check: fork cycle: child %d status %d", tid, st);
}

static void one_thread_cycle(void)
{
    thread_done = 0;
    int t = spawn_thread(stack2 + sizeof(stack2), nothing, NULL, &thread_done);
    if (t <= 0)
        TEST_FAIL("leak_check: thread_fork failed (%d)", t);
    while (!thread_done)
        yield(-1);
    while (yield(t) == 0)
        ;     /* run it until it is gone */
    sleep(1); /* its vanish has run */
}

static void run(int n_exec, int n_fork, int n_thread)
{
    for (int i = 0; i < n_exec; i++)
        one_exec_cycle();
    for (int i = 0; i < n_fork; i++)
        one_fork_cycle();
    for (int i = 0; i < n_thread; i++)
        one_thread_cycle();
}

static void snapshot(struct kstats *k)
{
    sleep(10); /* let the kernel finish freeing what the last cycle left */
    CHECK(kstats(k) == 0, "kstats");
}

static int same(const struct kstats *a, const struct kstats *b)
{
    return a->user_frames_free == b->user_frames_free && a->user_frames_reserved == b->user_frames_reserved &&
           a->heap_bytes_used == b->heap_bytes_used && a->heap_allocs == b->heap_allocs &&
           a->tasks == b->tasks && a->threads == b->threads;
}

static void show(const char *when, const struct kstats *k)
{
    NOTE("leak_check: %s: frames free %u/%u reserved %u, heap %u/%u bytes in %u allocs, "
         "%u tasks, %u threads",
         when, k->user_frames_free, k->user_frames_total, k->user_frames_reserved, k->heap_bytes_used,
         k->heap_bytes_total, k->heap_allocs, k->tasks, k->threads);
}

int main(void)
{
    TEST_START("leak_check");
    struct kstats before, after;

    run(5, 5, 5); /* warm-up: first-use allocations, our own stack depth */
    snapshot(&before);
    unsigned int t0 = get_ticks();
    run(CYCLES_EXEC, CYCLES_FORK, CYCLES_THREAD);
    unsigned int dt = get_ticks() - t0;
    snapshot(&after);
    for (int i = 0; i < 100 && !same(&before, &after); i++)
        snapshot(&after); /* give a lagging reaper up to ~1 s more */

    show("before", &before);
    show("after ", &after);
    NOTE("leak_check: %d+%d+%d cycles in %u ticks", CYCLES_EXEC, CYCLES_FORK, CYCLES_THREAD, dt);
    printf("leak_check: frames free %u -> %u, heap %u -> %u bytes, allocs %u -> %u\n",
           before.user_frames_free, after.user_frames_free, before.heap_bytes_used, after.heap_bytes_used,
           before.heap_allocs, after.heap_allocs);
    check_nothing_leaked(&before, &after);
    TEST_PASS();
}
