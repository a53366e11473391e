/* @timeout 180 @smp 2 4 */
/*
 * smp_lazy_tlb.c - a CPU that idles on a task's directory must not keep
 * that task's stale translations once it runs the task again (issue 15 §4;
 * arch/x86/tlb.c, "Lazy CPUs").  A CPU whose thread blocks runs its idle
 * thread on the directory it had, and a shootdown passes such a CPU by,
 * only marking it stale: it must flush when it next runs one of the task's
 * threads.  Each of ROUNDS rounds:
 *   1. thread A, woken by make_runnable, stores tag(r) into every word of
 *      PAGE (so its CPU caches PAGE's translation), says so and blocks in
 *      deschedule: its CPU goes idle, keeping the directory loaded;
 *   2. the main thread, once yield(A) says A is blocked, checks PAGE holds
 *      tag(r) throughout, calls remove_pages(PAGE), maps OTHER and writes
 *      one word of it (the frame pool is a stack: OTHER gets PAGE's old
 *      frame, zeroed) and maps PAGE again (a fresh page);
 *   3. then wakes A for round r + 1: an idle CPU takes the wake-up, most
 *      often A's own.  A's stores of tag(r + 1) must reach the fresh PAGE;
 *      through a translation the removal should have dropped they land in
 *      OTHER, which must stay all zero (but the word the main thread
 *      wrote, which holds its own value), or in a freed frame, and PAGE
 *      shows the gap.
 * The note says in how many rounds A's stores ran on another CPU than the
 * main thread's removal (only those rounds exercise the lazy CPU).
 * Broken on purpose (tlb_leave_lazy without its tlb_stale check): fails at
 * SMP=2 (PAGE lacks A's tag: the stores went through the stale entry).
 */
#include <thread.h>

#include "cpu_now.h"
#include "test.h"

#define NAME       "smp_lazy_tlb"
#define ROUNDS     200
#define HANG_TICKS 20000
#define WORDS      (PAGE_SIZE / 4)
#define PAGE       ((volatile unsigned int *)0x40040000)
#define OTHER      ((volatile unsigned int *)0x40050000)
#define OTHER_MARK 0x0DD0u

static unsigned int tag(int r) { return 0x1A000000u | (unsigned)r; }

static volatile int round_no, done_round, stop;
static volatile unsigned int a_cpu; /* the APIC id A stored from, this round */

static void *toucher(void *arg)
{
    (void)arg;
    while (!stop) {
        int r = round_no;
        for (int w = 0; w < WORDS; w++)
            PAGE[w] = tag(r);
        a_cpu = cpu_now();
        done_round = r;
        int reject = 0;
        deschedule(&reject);
    }
    return NULL;
}

/* Until A has finished round r and blocked. */
static void wait_for_a(int tid, int r)
{
    unsigned int t0 = get_ticks();
    while (done_round != r || yield(tid) == 0)
        if (get_ticks() - t0 > HANG_TICKS)
            TEST_FAIL("%s: round %d: A did not finish its stores and block within %d ticks", NAME, r,
                      HANG_TICKS);
}

static void wake_a(int tid, int r)
{
    round_no = r;
    unsigned int t0 = get_ticks();
    while (make_runnable(tid) < 0)
        if (get_ticks() - t0 > HANG_TICKS)
            TEST_FAIL("%s: round %d: make_runnable(A) kept failing", NAME, r);
}

/* PAGE holds A's stores of round r throughout. */
static void check_page(int r)
{
    for (int w = 0; w < WORDS; w++)
        if (PAGE[w] != tag(r))
            TEST_FAIL("%s: round %d: word %d of the fresh page is 0x%08x, not A's 0x%08x: A stored "
                      "through the removed mapping",
                      NAME, r, w, PAGE[w], tag(r));
}

/* And OTHER, built on PAGE's old frame, holds only its own word. */
static void check_other(int r)
{
    for (int w = 1; w < WORDS; w++)
        if (OTHER[w] != 0)
            TEST_FAIL("%s: round %d: word %d of the region that reused the frame is 0x%08x: a store "
                      "through the removed mapping",
                      NAME, r, w, OTHER[w]);
    if (OTHER[0] != OTHER_MARK)
        TEST_FAIL("%s: round %d: the region's own word is 0x%08x", NAME, r, OTHER[0]);
}

int main(void)
{
    TEST_START(NAME);
    CHECK(thr_init(16384) == 0, "thr_init");
    CHECK(new_pages((void *)PAGE, PAGE_SIZE) == 0, "new_pages");
    int tid = thr_create(toucher, NULL);
    CHECK(tid > 0, "thr_create");
    int apart = 0;
    wait_for_a(tid, 0);
    check_page(0);
    for (int r = 1; r <= ROUNDS; r++) {
        unsigned int remover = cpu_now();
        CHECK(remove_pages((void *)PAGE) == 0, "remove_pages");
        CHECK(new_pages((void *)OTHER, PAGE_SIZE) == 0, "new_pages of the other page");
        OTHER[0] = OTHER_MARK;
        CHECK(new_pages((void *)PAGE, PAGE_SIZE) == 0, "new_pages at the same address");
        wake_a(tid, r);
        wait_for_a(tid, r);
        apart += a_cpu != remover;
        check_page(r);
        check_other(r);
        CHECK(remove_pages((void *)OTHER) == 0, "remove_pages of the other page");
    }
    stop = 1;
    wake_a(tid, ROUNDS + 1);
    CHECK(thr_join(tid, NULL) == 0, "thr_join");
    NOTE("%s: %d rounds, %d with A on another CPU than the removal; no store through a removed mapping", NAME,
         ROUNDS, apart);
    TEST_PASS();
}
