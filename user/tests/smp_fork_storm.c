/* @timeout 300 @smp 2 4 */
/*
 * smp_fork_storm.c - many tasks forking, exec'ing, vanishing and waiting
 * at once, with threads that die by task_vanish while their siblings run
 * (issue 15 §7); then everything must be back.  WORKERS worker tasks each
 * run ITERATIONS cycles, in turn:
 *   - a child with THREADS threads (raw thread_fork) that are busy: one
 *     writes its own memory and yields, one maps, touches and removes
 *     pages, one sleeps a tick at a time; once all are running, the
 *     child's main thread calls task_vanish(STATUS_MAIN);
 *   - the same, but the writer thread calls task_vanish(STATUS_THREAD)
 *     while the main thread spins;
 *   - a child that execs exec_helper_args, which exits with status 3;
 *   - a child that forks a grandchild and exits at once with status 5,
 *     leaving it to init (which reaps it).
 * Each worker checks every status wait gives it; the main task checks each
 * worker's.  Then the kernel's counters (kstats: free and reserved user
 * frames, heap bytes and allocations, tasks, threads) must equal those
 * taken after a warm-up storm: no frame, promise, heap block, task or
 * thread leaked.  A lagging reaper (init collecting orphans) gets up to
 * ~2 s more.
 * Broken on purpose (lifecycle.c's wait not freeing a task whose status is
 * STATUS_THREAD): fails the heap check, with 200 tasks more than before.
 */
#include "spawn.h"
#include "test.h"

#define NAME          "smp_fork_storm"
#define WORKERS       4
#define ITERATIONS    200
#define THREADS       3
#define STACK         8192
#define STATUS_MAIN   40
#define STATUS_THREAD 41
#define STATUS_EXEC   3
#define STATUS_ORPHAN 5
#define SCRATCH       ((char *)0x40000000)
#define SCRATCH_PAGES 4

enum kind { MAIN_VANISHES, THREAD_VANISHES, EXECS, ORPHANS, KINDS };

static char stacks[THREADS][STACK] __attribute__((aligned(16)));
static volatile int started[THREADS];
static volatile enum kind kind_now;

/* Writes its own stack and yields; in THREAD_VANISHES it ends the task
 * once every sibling runs. */
static void writer(void *arg)
{
    volatile char buf[256];
    started[0] = 1;
    for (unsigned i = 0;; i++) {
        buf[i % sizeof(buf)] = (char)i;
        if (kind_now == THREAD_VANISHES && started[1] && started[2])
            task_vanish(STATUS_THREAD);
        if (i % 64 == 0)
            yield(-1);
    }
    (void)arg;
}

static void mapper(void *arg)
{
    (void)arg;
    started[1] = 1;
    for (;;) {
        if (new_pages(SCRATCH, SCRATCH_PAGES * PAGE_SIZE) < 0)
            continue;
        for (int p = 0; p < SCRATCH_PAGES; p++)
            SCRATCH[p * PAGE_SIZE] = 1;
        remove_pages(SCRATCH);
    }
}

static void sleeper(void *arg)
{
    (void)arg;
    started[2] = 1;
    for (;;)
        sleep(1);
}

static void (*const thread_fn[THREADS])(void *) = {writer, mapper, sleeper};

/* The child of MAIN_VANISHES and THREAD_VANISHES. */
static void threaded_child(enum kind kind)
{
    kind_now = kind;
    for (int i = 0; i < THREADS; i++)
        if (spawn_thread(stacks[i] + STACK, thread_fn[i], NULL, NULL) < 0)
            exit(100 + i);
    while (!(started[0] && started[1] && started[2]))
        yield(-1);
    if (kind == MAIN_VANISHES)
        task_vanish(STATUS_MAIN);
    for (;;)
        yield(-1); /* until the writer ends the task */
}

static void exec_child(void)
{
    char *argv[] = {"exec_helper_args", "exit", "3", NULL};
    exec("exec_helper_args", argv);
    exit(101);
}

static void orphaning_child(void)
{
    if (fork() == 0) {
        for (int i = 0; i < 10; i++)
            yield(-1);
        exit(0);
    }
    exit(STATUS_ORPHAN);
}

static const int expected[KINDS] = {STATUS_MAIN, STATUS_THREAD, STATUS_EXEC, STATUS_ORPHAN};

static void one_cycle(int worker, int i)
{
    enum kind kind = (enum kind)((worker + i) % KINDS);
    int tid = fork();
    if (tid == 0) {
        if (kind == EXECS)
            exec_child();
        if (kind == ORPHANS)
            orphaning_child();
        threaded_child(kind);
    }
    if (tid < 0)
        TEST_FAIL("%s: worker %d: fork failed (%d)", NAME, worker, tid);
    int st = wait_for(tid);
    if (st != expected[kind])
        TEST_FAIL("%s: worker %d cycle %d (kind %d): status %d, expected %d", NAME, worker, i, kind, st,
                  expected[kind]);
}

static void worker_task(int worker, int iterations)
{
    for (int i = 0; i < iterations; i++)
        one_cycle(worker, i);
    exit(0);
}

static void storm(int iterations)
{
    int tids[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
        tids[w] = fork();
        if (tids[w] == 0)
            worker_task(w, iterations);
        CHECK(tids[w] > 0, "fork of a worker");
    }
    for (int w = 0; w < WORKERS; w++) {
        int st = -1, got = wait(&st);
        if (got < 0 || st != 0)
            TEST_FAIL("%s: wait for a worker: %d, status %d", NAME, got, st);
    }
}

static int same(const struct kstats *a, const struct kstats *b)
{
    return a->user_frames_free == b->user_frames_free && a->user_frames_reserved == b->user_frames_reserved &&
           a->heap_bytes_used == b->heap_bytes_used && a->heap_allocs == b->heap_allocs &&
           a->tasks == b->tasks && a->threads == b->threads;
}

static void snapshot(struct kstats *k)
{
    sleep(10); /* the kernel may still be freeing the last task */
    CHECK(kstats(k) == 0, "kstats");
}

static void show(const char *when, const struct kstats *k)
{
    NOTE("%s: %s: frames free %u reserved %u, heap %u bytes in %u allocs, %u tasks, %u threads", NAME, when,
         k->user_frames_free, k->user_frames_reserved, k->heap_bytes_used, k->heap_allocs, k->tasks,
         k->threads);
}

int main(void)
{
    TEST_START(NAME);
    struct kstats before, after;
    storm(KINDS); /* warm-up: first-use allocations */
    snapshot(&before);
    storm(ITERATIONS);
    snapshot(&after);
    for (int i = 0; i < 200 && !same(&before, &after); i++)
        snapshot(&after);
    show("before", &before);
    show("after ", &after);
    check_nothing_leaked(&before, &after);
    NOTE("%s: %d workers x %d cycles, everything reaped", NAME, WORKERS, ITERATIONS);
    TEST_PASS();
}
