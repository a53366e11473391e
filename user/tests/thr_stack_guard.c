/* @smp 2 4 */
/*
 * thr_stack_guard.c - proves a thread that overflows its stack dies alone
 * (thread.h: each thread's stack has at least the thr_init size, with an
 * unmapped guard page below it):
 *   - a thread recursing without bound (1 KiB frames, thr_init(16 KiB)) is
 *     killed by the kernel - the console shows the kernel's one-line
 *     "killed" report - after using at least about the promised stack size;
 *   - it does not write into anything else: two worker threads created just
 *     before and just after it (their stacks are its likeliest neighbours),
 *     which painted a pattern on their own stacks before it starts to dive,
 *     keep checking it and keep making progress, and a heap block and the
 *     main thread's stack keep their patterns;
 *   - the rest of the task carries on: the kernel's thread count drops by
 *     exactly one, the workers are joined normally and the test ends with
 *     END__SUCCESS (status 0).  The dead thread is never joined.
 */
#include <malloc.h>
#include <thread.h>

#include "test.h"

#define STACK  16384
#define FRAME  1024
#define CANARY 1024

static unsigned char pattern(int who, int k) { return (unsigned char)(who * 57 + k * 3 + 11); }

static int intact(volatile unsigned char *buf, int n, int who)
{
    for (int k = 0; k < n; k++)
        if (buf[k] != pattern(who, k))
            return 0;
    return 1;
}

static void paint(volatile unsigned char *buf, int n, int who)
{
    for (int k = 0; k < n; k++)
        buf[k] = pattern(who, k);
}

/* ---- steady workers: progress while checking their own stacks */
static volatile int stop;
static volatile unsigned int progress[2];

static void *steady(void *arg)
{
    int who = (int)arg;
    volatile unsigned char canary[CANARY];
    paint(canary, CANARY, who);
    while (!stop) {
        if (!intact(canary, CANARY, who))
            TEST_FAIL("thr_stack_guard: worker %d: its stack was overwritten", who);
        progress[who]++;
        sleep(1);
    }
    return (void *)0x600D;
}

/* ---- the diver */
static volatile unsigned int first_frame, lowest_frame; /* addresses */
static volatile int never = -1;
static volatile int dive_go;

static int __attribute__((noinline)) dive(int n)
{
    volatile char frame[FRAME];
    frame[FRAME - 1] = (char)n;
    frame[0] = (char)n;
    lowest_frame = (unsigned int)frame;
    if (n == never)
        return 0;
    return dive(n + 1) + frame[0] + frame[FRAME - 1];
}

static void *diver(void *arg)
{
    volatile char here;
    (void)arg;
    while (!dive_go)
        thr_yield(-1);
    first_frame = (unsigned int)&here;
    dive(0);
    return NULL; /* not reached */
}

static unsigned int kernel_threads(void)
{
    struct kstats k;
    CHECK(kstats(&k) == 0, "kstats");
    return k.threads;
}

/* Wait until progress[who] moves on (or fail after 3 s). */
static void still_progressing(int who)
{
    unsigned int p = progress[who], t0 = get_ticks();
    while (progress[who] == p) {
        if (get_ticks() - t0 > 3000)
            TEST_FAIL("thr_stack_guard: worker %d stopped making progress", who);
        sleep(5);
    }
}

int main(void)
{
    TEST_START("thr_stack_guard");
    volatile unsigned char main_canary[CANARY];
    paint(main_canary, CANARY, 7);
    CHECK(thr_init(STACK) == 0, "thr_init");
    unsigned char *heap_canary = malloc(CANARY);
    CHECK(heap_canary != NULL, "malloc");
    paint(heap_canary, CANARY, 8);

    unsigned int base = kernel_threads();
    int a = thr_create(steady, (void *)0);
    int d = thr_create(diver, NULL);
    int b = thr_create(steady, (void *)1);
    CHECK(a > 0 && d > 0 && b > 0, "thr_create");
    still_progressing(0); /* both neighbours painted their stacks */
    still_progressing(1);
    dive_go = 1;

    /* The diver is gone when the kernel counts only main and the workers. */
    unsigned int t0 = get_ticks(), n;
    while ((n = kernel_threads()) != base + 2) {
        if (get_ticks() - t0 > 5000)
            TEST_FAIL("thr_stack_guard: %u threads after 5 s, expected %u: the overflowing "
                      "thread was not killed (or took others with it)",
                      n, base + 2);
        sleep(10);
    }
    int used = (int)(first_frame - lowest_frame) + FRAME;
    NOTE("thr_stack_guard: the diver was killed after using about %d bytes of stack "
         "(thr_init asked for %d)",
         used, STACK);
    CHECK(used >= STACK - 2 * FRAME, "the thread had (about) the stack size thr_init asked for");
    CHECK(yield(d) < 0, "the killed thread no longer runs");

    still_progressing(0);
    still_progressing(1);
    stop = 1;
    void *st;
    CHECK(thr_join(a, &st) == 0 && st == (void *)0x600D, "join the worker created before it");
    CHECK(thr_join(b, &st) == 0 && st == (void *)0x600D, "join the worker created after it");
    CHECK(intact(heap_canary, CANARY, 8), "heap block intact");
    CHECK(intact(main_canary, CANARY, 7), "main thread's stack intact");
    free(heap_canary);
    TEST_PASS();
}
