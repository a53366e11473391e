/* @timeout 120 */
/*
 * threads_1000.c - proves thread_fork and vanish at volume: 1000 threads,
 * in batches of 50 running together, each on its own stack, each seeing
 * its own tid (equal to thread_fork's result) and vanishing; stacks are
 * reused once a batch is done.  Afterwards the kernel's thread count
 * (kstats) is back where it started and the task exits 0.
 */
#include "spawn.h"
#include "test.h"

#define TOTAL 1000
#define BATCH 50
#define STACK 8192

static char stacks[BATCH][STACK] __attribute__((aligned(16)));
static volatile int done[BATCH];
static volatile int seen_tid[BATCH];
static volatile int ran;

static void worker(void *arg)
{
    int slot = (int)arg;
    seen_tid[slot] = gettid();
    yield(-1);
    __sync_fetch_and_add(&ran, 1);
}

static unsigned int thread_count(void)
{
    struct kstats k;
    CHECK(kstats(&k) == 0, "kstats");
    return k.threads;
}

int main(void)
{
    TEST_START("threads_1000");
    unsigned int threads0 = thread_count();
    int tids[BATCH];

    for (int b = 0; b < TOTAL / BATCH; b++) {
        for (int i = 0; i < BATCH; i++) {
            done[i] = 0;
            seen_tid[i] = 0;
            tids[i] = spawn_thread(stacks[i] + STACK, worker, (void *)i, &done[i]);
            if (tids[i] <= 0)
                TEST_FAIL("threads_1000: thread_fork #%d returned %d", b * BATCH + i, tids[i]);
        }
        for (int i = 0; i < BATCH; i++) {
            while (!done[i])
                yield(-1);
            CHECK(seen_tid[i] == tids[i], "thread's gettid equals thread_fork's result");
        }
    }
    CHECK(ran == TOTAL, "every thread ran");

    unsigned int t0 = get_ticks(), n;
    while ((n = thread_count()) != threads0 && get_ticks() - t0 < 2000)
        sleep(10);
    NOTE("threads_1000: kernel threads before %u, after %u", threads0, n);
    CHECK(n == threads0, "all 1000 threads are gone");
    TEST_PASS();
}
