/* @timeout 180 @smp 2 4 */
/*
 * smp_shootdown_race.c - a translation cached on another CPU must not
 * outlive remove_pages (issue 15 §7).  Thread A writes one page, word after
 * word, forever, each store taking its value from `cur` (memory) just
 * before it.  A page fault on the page runs A's swexn handler, which sets
 * cur = tag(round_no), re-registers and resumes A at the load of `cur` (so
 * even the store that faulted is redone with the new value).  In each of
 * ROUNDS rounds thread B (the main thread):
 *   1. sets round_no = r and calls remove_pages(PAGE);
 *   2. maps a one-page region OTHER beside it and reads it over and over
 *      until A has faulted in this round: it must stay 0.  The frame pool
 *      is a stack, so OTHER is filled from PAGE's old frame: a store A
 *      makes through a translation the removal should have destroyed (a
 *      missing or late TLB shootdown) lands there.  A that never faults
 *      fails the test after a generous limit (HANG_TICKS);
 *   3. removes OTHER, maps PAGE again (a fresh zero page) and reads it
 *      until it has seen tag(r) (A's stores reach the new page: its new
 *      translation works), and then for SCANS more passes.  The page may
 *      hold only 0 and tag(r): A faulted in this round before the page
 *      came back, so every store it made since carries tag(r); anything
 *      else (tag(r - 1)) went through a stale translation.
 * Waiting for A's fault before mapping PAGE again is what makes step 3
 * honest: otherwise A could legitimately store tag(r - 1) into the new
 * page, never having seen it gone.  The handler also checks that each
 * fault is a page fault on PAGE.
 * Broken on purpose (vm.c's run_remove without its mmu_flush): fails in
 * round 1 even at SMP=1, where threads of one task share the CPU's TLB:
 * A's stale stores land in OTHER.
 */
#include <thread.h>

#include "test.h"

#define NAME       "smp_shootdown_race"
#define ROUNDS     100
#define SCANS      5
#define HANG_TICKS 20000
#define WORDS      (PAGE_SIZE / 4)
#define PAGE       ((volatile unsigned int *)0x40040000)
#define OTHER      ((volatile unsigned int *)0x40050000)
#define EXN_STACK  8192

static unsigned int tag(int r) { return 0x7A000000u | (unsigned)r; }

static volatile int round_no, faulted_round;
/* A's next value and its stop request; read by A's loop (assembly). */
volatile unsigned int cur, stop_writing;
static volatile int handler_error;
static volatile unsigned int bad_cause, bad_addr;
static char exn_stack[EXN_STACK] __attribute__((aligned(16)));

/* write_forever(page): stores cur to each word of page in turn until
 * stop_writing; writer_top is the load of cur, where a fault resumes. */
void write_forever(volatile unsigned int *page);
extern char writer_top[];
__asm__(".text\n"
        ".globl write_forever\n"
        "write_forever:\n"
        "    movl 4(%esp), %ecx\n"
        "    xorl %edx, %edx\n"
        ".globl writer_top\n"
        "writer_top:\n"
        "    movl cur, %eax\n"
        "    movl %eax, (%ecx,%edx,4)\n"
        "    incl %edx\n"
        "    andl $1023, %edx\n"
        "    cmpl $0, stop_writing\n"
        "    je writer_top\n"
        "    ret\n");

static void on_fault(void *arg, ureg_t *u)
{
    (void)arg;
    unsigned int lo = (unsigned int)PAGE;
    if (u->cause != SWEXN_CAUSE_PAGEFAULT || u->cr2 < lo || u->cr2 >= lo + PAGE_SIZE) {
        bad_cause = u->cause;
        bad_addr = u->cr2;
        handler_error = 1;
        thr_exit(NULL);
    }
    cur = tag(round_no);
    faulted_round = round_no;
    ureg_t resume = *u;
    resume.eip = (unsigned int)writer_top;
    swexn(exn_stack + EXN_STACK, on_fault, NULL, &resume);
    handler_error = 2; /* swexn refused to resume */
    thr_exit(NULL);
}

static void *writer(void *arg)
{
    (void)arg;
    if (swexn(exn_stack + EXN_STACK, on_fault, NULL, NULL) < 0) {
        handler_error = 3;
        return NULL;
    }
    write_forever(PAGE);
    return NULL;
}

static void check_handler(void)
{
    if (handler_error == 1)
        TEST_FAIL("%s: round %d: A's fault was cause %u at 0x%08x, not a page fault on the page", NAME,
                  round_no, bad_cause, bad_addr);
    if (handler_error)
        TEST_FAIL("%s: round %d: A's swexn failed (%d)", NAME, round_no, handler_error);
}

static void stale_store(int w, unsigned int v, const char *where)
{
    TEST_FAIL(
        "%s: round %d: word %d of %s is 0x%08x: a store through the removed mapping (A's value now 0x%08x)",
        NAME, round_no, w, where, v, cur);
}

/* One pass over OTHER: all zero. */
static void scan_other(void)
{
    for (int w = 0; w < WORDS; w++)
        if (OTHER[w] != 0)
            stale_store(w, OTHER[w], "the region that reused the frame");
}

/* One pass over the fresh page: 1 if it holds A's new tag anywhere. */
static int scan_page(void)
{
    int seen = 0;
    for (int w = 0; w < WORDS; w++) {
        unsigned int v = PAGE[w];
        if (v == tag(round_no))
            seen = 1;
        else if (v != 0)
            stale_store(w, v, "the fresh page");
    }
    return seen;
}

static void hang_check(unsigned int t0, const char *what)
{
    check_handler();
    if (get_ticks() - t0 > HANG_TICKS)
        TEST_FAIL("%s: round %d: %s within %d ticks", NAME, round_no, what, HANG_TICKS);
    yield(-1);
}

static void one_round(int r)
{
    round_no = r;
    CHECK(remove_pages((void *)PAGE) == 0, "remove_pages");
    CHECK(new_pages((void *)OTHER, PAGE_SIZE) == 0, "new_pages of the other page");
    unsigned int t0 = get_ticks();
    for (scan_other(); faulted_round != r; scan_other())
        hang_check(t0, "A did not fault after remove_pages");
    CHECK(remove_pages((void *)OTHER) == 0, "remove_pages of the other page");
    CHECK(new_pages((void *)PAGE, PAGE_SIZE) == 0, "new_pages at the same address");
    while (!scan_page())
        hang_check(t0, "A's stores did not reach the fresh page");
    for (int i = 0; i < SCANS; i++) {
        scan_page();
        yield(-1);
    }
    check_handler();
}

int main(void)
{
    TEST_START(NAME);
    CHECK(thr_init(16384) == 0, "thr_init");
    CHECK(new_pages((void *)PAGE, PAGE_SIZE) == 0, "new_pages");
    cur = tag(0);
    int tid = thr_create(writer, NULL);
    CHECK(tid > 0, "thr_create");
    while (PAGE[0] != tag(0)) {
        check_handler();
        yield(-1);
    }
    for (int r = 1; r <= ROUNDS; r++)
        one_round(r);
    stop_writing = 1;
    CHECK(thr_join(tid, NULL) == 0, "thr_join");
    check_handler();
    NOTE("%s: %d rounds, no store through a removed mapping", NAME, ROUNDS);
    TEST_PASS();
}
