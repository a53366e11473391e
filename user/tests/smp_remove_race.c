/* @timeout 180 @smp 2 4 */
/*
 * smp_remove_race.c - remove_pages while a sibling thread touches the
 * region (issue 15 §7).  Each of ROUNDS rounds:
 *   - the main thread maps a fresh REGION_PAGES-page region; a toucher
 *     thread (thread library) registers a swexn handler and loops over it,
 *     reading each page's word and writing it back with a new mark of its
 *     own.  Every read must return exactly the toucher's last write there
 *     (0 before the first): nothing else writes the region;
 *   - once the toucher has made WARM loops (so its CPU caches the
 *     translations), the main thread calls remove_pages on the region, and
 *     at once maps a second, larger region elsewhere and fills every word
 *     with PATTERN.  The frame pool is a stack, so that region (beside the
 *     first, in the same page table) is built from the frames just freed;
 *   - the toucher must take a page fault (SPEC: after remove_pages,
 *     touching the region faults) at an address in the region, and before
 *     it, never read anything but its own last write: a translation left
 *     cached on its CPU after remove_pages (a missing TLB shootdown) shows
 *     it the freed and reused frame, i.e. PATTERN or the zeroes of a
 *     fresh frame; its writes through that stale entry break the second
 *     region's PATTERN, which the main thread checks last.
 * The handler records the fault and ends the toucher (thr_exit); the main
 * thread joins it.  A toucher that never faults is reported after a
 * generous limit (HANG_TICKS), not taken as a pass.
 * Broken on purpose (vm.c's run_remove without its mmu_flush): fails in
 * round 0 even at SMP=1, since threads of one task switch without a %cr3
 * load: the toucher, translating through its old entries, reads PATTERN.
 */
#include <string.h>
#include <thread.h>

#include "test.h"

#define NAME         "smp_remove_race"
#define ROUNDS       100
#define REGION_PAGES 8
#define REUSE_PAGES  16
#define WARM         50
#define HANG_TICKS   20000
#define WORDS        (PAGE_SIZE / 4)
#define REGION       ((volatile unsigned int *)0x40020000)
#define REUSE        ((volatile unsigned int *)0x40030000)
#define PATTERN      0x5A17F00Du
#define EXN_STACK    8192

static int round_no;
static volatile int loops, faulted;
static volatile unsigned int fault_cause, fault_addr;
/* What the toucher saw wrong, for the main thread to report. */
static volatile unsigned int bad_value, bad_want, bad_page;
static volatile int bad;
static char exn_stack[EXN_STACK] __attribute__((aligned(16)));

/* The toucher's mark for page p in loop i of this round: never 0, never
 * PATTERN. */
static unsigned int mark(int i, int p)
{
    return 0x80000000u | (unsigned)round_no << 20 | (unsigned)(i & 0xFFFF) << 4 | (unsigned)p;
}

static void on_fault(void *arg, ureg_t *u)
{
    (void)arg;
    fault_cause = u->cause;
    fault_addr = u->cr2;
    faulted = 1;
    thr_exit(NULL);
}

/* The word of page p the toucher uses: a different one on each page. */
static volatile unsigned int *word_of(volatile unsigned int *base, int p)
{
    return base + p * WORDS + p * 17;
}

static void *toucher(void *arg)
{
    (void)arg;
    unsigned int last[REGION_PAGES] = {0};
    if (swexn(exn_stack + EXN_STACK, on_fault, NULL, NULL) < 0) {
        bad = 2;
        return NULL;
    }
    for (int i = 0;; i++) {
        for (int p = 0; p < REGION_PAGES; p++) {
            unsigned int v = *word_of(REGION, p);
            if (v != last[p]) {
                bad_value = v;
                bad_want = last[p];
                bad_page = (unsigned)p;
                bad = 1;
                swexn(NULL, NULL, NULL, NULL);
                return NULL;
            }
            last[p] = mark(i, p);
            *word_of(REGION, p) = last[p];
        }
        loops = i + 1;
    }
}

static void wait_until(volatile int *flag, int value, const char *what)
{
    unsigned int t0 = get_ticks();
    while (*flag < value && !bad) {
        if (get_ticks() - t0 > HANG_TICKS)
            TEST_FAIL("%s: round %d: %s did not happen in %d ticks", NAME, round_no, what, HANG_TICKS);
        yield(-1);
    }
}

static void fill_reuse(void)
{
    CHECK(new_pages((void *)REUSE, REUSE_PAGES * PAGE_SIZE) == 0, "new_pages of the second region");
    for (int i = 0; i < REUSE_PAGES * WORDS; i++)
        REUSE[i] = PATTERN;
}

static void check_toucher(void)
{
    if (bad == 2)
        TEST_FAIL("%s: round %d: the toucher's swexn failed", NAME, round_no);
    if (bad)
        TEST_FAIL("%s: round %d: the toucher read 0x%08x on page %u, its last write was 0x%08x%s", NAME,
                  round_no, bad_value, bad_page, bad_want,
                  bad_value == PATTERN ? " (freed and reused memory)" : "");
    unsigned int lo = (unsigned int)REGION, hi = lo + REGION_PAGES * PAGE_SIZE;
    if (fault_cause != SWEXN_CAUSE_PAGEFAULT || fault_addr < lo || fault_addr >= hi)
        TEST_FAIL("%s: round %d: fault cause %u at 0x%08x, expected a page fault in [0x%08x, 0x%08x)", NAME,
                  round_no, fault_cause, fault_addr, lo, hi);
}

static void one_round(void)
{
    loops = faulted = bad = 0;
    CHECK(new_pages((void *)REGION, REGION_PAGES * PAGE_SIZE) == 0, "new_pages of the region");
    int tid = thr_create(toucher, NULL);
    CHECK(tid > 0, "thr_create");
    wait_until(&loops, WARM, "the toucher's warm-up loops");
    CHECK(bad || remove_pages((void *)REGION) == 0, "remove_pages");
    fill_reuse();
    wait_until(&faulted, 1, "the toucher's fault");
    CHECK(thr_join(tid, NULL) == 0, "thr_join");
    check_toucher();
    for (int i = 0; i < REUSE_PAGES * WORDS; i++)
        if (REUSE[i] != PATTERN)
            TEST_FAIL("%s: round %d: word %d of the reused frames is 0x%08x, not the pattern: a write went "
                      "through a removed mapping",
                      NAME, round_no, i, REUSE[i]);
    CHECK(remove_pages((void *)REUSE) == 0, "remove_pages of the second region");
}

int main(void)
{
    TEST_START(NAME);
    CHECK(thr_init(16384) == 0, "thr_init");
    for (round_no = 0; round_no < ROUNDS; round_no++)
        one_round();
    NOTE("%s: %d rounds: the toucher faulted each time and never saw freed memory", NAME, ROUNDS);
    TEST_PASS();
}
