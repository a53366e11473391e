/* @smp 2 4 */
/*
 * thr_stress.c - proves the thread library at volume, with small stacks
 * (thr_init(4096)):
 *   - 1000 threads, created and joined in batches of 50 live threads, half
 *     of them ending at once, half after filling 2 KiB of their own stack
 *     with their own pattern and checking it after yielding, each exiting
 *     by return or by thr_exit with its own status: every join gets exactly
 *     its thread's status;
 *   - the same for 200 threads under misbehave(1) (a new thread runs before
 *     thr_create returns) and 200 under misbehave(2) (a yield after every
 *     system call), which expose races between thr_create, the new thread,
 *     thr_exit and thr_join;
 *   - resources come back: after all joins the kernel's thread count is back
 *     to its value before the first thr_create, and the user frames in use
 *     are back (within 64 frames) to what they were after a warm-up batch
 *     (which may fill the library's stack cache).
 */
#include <thread.h>

#include "test.h"

#define STACK   4096
#define BATCH   50
#define SCRATCH 2048
#define SLACK   64 /* frames of heap growth tolerated */

static unsigned char pattern(int i, int k) { return (unsigned char)(i * 13 + k * 5 + 3); }
static void *status_of(int i) { return (void *)(i * 7 + 3); }

static volatile int mismatched_id = -1;

/* Threads end four ways: at once by return or by thr_exit (under
 * misbehave(1) before thr_create has returned to their creator), or after
 * using their stack and yielding, by return or by thr_exit. */
static void *worker(void *arg)
{
    int i = (int)arg;
    if (thr_getid() != gettid())
        mismatched_id = i;
    if (i % 4 == 0)
        return status_of(i);
    if (i % 4 == 1)
        thr_exit(status_of(i));
    volatile unsigned char scratch[SCRATCH];
    for (int k = 0; k < SCRATCH; k += 4)
        scratch[k] = pattern(i, k);
    thr_yield(-1);
    for (int k = 0; k < SCRATCH; k += 4)
        if (scratch[k] != pattern(i, k))
            return (void *)-1; /* another thread wrote on this stack */
    if (i % 4 == 2)
        thr_exit(status_of(i));
    return status_of(i);
}

/* Create and join `total` threads, BATCH at a time; first is the global
 * index of the first thread (so every status differs). */
static void run_batches(int first, int total, int mode)
{
    int tids[BATCH];
    for (int b = 0; b < total; b += BATCH) {
        misbehave(mode);
        for (int j = 0; j < BATCH; j++) {
            tids[j] = thr_create(worker, (void *)(first + b + j));
            if (tids[j] <= 0)
                TEST_FAIL("thr_stress: thr_create #%d (mode %d) returned %d", first + b + j, mode, tids[j]);
        }
        for (int n = 0; n < BATCH; n++) {
            int j = (b / BATCH) % 2 ? BATCH - 1 - n : n; /* alternate join order */
            int i = first + b + j;
            void *st = NULL;
            if (thr_join(tids[j], &st) != 0)
                TEST_FAIL("thr_stress: thr_join of thread #%d (mode %d) failed", i, mode);
            if (st != status_of(i))
                TEST_FAIL("thr_stress: thread #%d (mode %d) joined with %p, expected %p", i, mode, st,
                          status_of(i));
        }
        misbehave(0);
    }
    CHECK(mismatched_id == -1, "thr_getid equals gettid in every thread");
}

static struct kstats stats(void)
{
    struct kstats k;
    CHECK(kstats(&k) == 0, "kstats");
    return k;
}

static unsigned int frames_in_use(const struct kstats *k)
{
    return k->user_frames_total - k->user_frames_free + k->user_frames_reserved;
}

/* Wait (up to 2 s) for the kernel thread count to come back to `want`. */
static unsigned int settle_threads(unsigned int want)
{
    unsigned int t0 = get_ticks(), n;
    while ((n = stats().threads) != want && get_ticks() - t0 < 2000)
        sleep(10);
    return n;
}

int main(void)
{
    TEST_START("thr_stress");
    CHECK(thr_init(STACK) == 0, "thr_init");
    unsigned int threads0 = stats().threads;

    run_batches(0, BATCH, 0); /* warm-up */
    CHECK(settle_threads(threads0) == threads0, "warm-up threads are gone");
    struct kstats warm = stats();

    unsigned int t0 = get_ticks();
    run_batches(BATCH, 1000 - BATCH, 0);
    unsigned int t1 = get_ticks();
    run_batches(1000, 200, 1);
    unsigned int t2 = get_ticks();
    run_batches(1200, 200, 2);
    unsigned int t3 = get_ticks();
    NOTE("thr_stress: 950 threads in %u ticks, 200 (mode 1) in %u, 200 (mode 2) in %u", t1 - t0, t2 - t1,
         t3 - t2);

    unsigned int n = settle_threads(threads0);
    struct kstats end = stats();
    NOTE("thr_stress: kernel threads %u at start, %u at the end; user frames in use %u after "
         "warm-up, %u at the end",
         threads0, n, frames_in_use(&warm), frames_in_use(&end));
    CHECK(n == threads0, "every joined thread is gone from the kernel");
    CHECK(end.tasks == warm.tasks, "no task left over");
    CHECK(frames_in_use(&end) <= frames_in_use(&warm) + SLACK,
          "thread stacks are freed or reused, not leaked");
    TEST_PASS();
}
