/*
 * trace_schedule.c - a program with a known schedule, for the trace tests
 * (tests/harness/trace_tests.py), which boot it with trace= and check that
 * the trace holds exactly the events below; run as a plain test it proves
 * the trace() extension's own contract (docs/syscalls.md).
 *
 * Between the marks the program gives (trace(TRACE_OP_MARK, label)):
 *   "pingpong"  the main thread A starts B (raw thread_fork) and the two
 *               hand the CPU to each other with yield(tid): A yields to B
 *               PINGPONG_ROUNDS + 1 times, B to A PINGPONG_ROUNDS times,
 *               then B returns and vanishes;
 *   "sleep"     A sleeps SLEEP_TICKS ticks;
 *   "fault"     A registers a swexn handler and reads FAULT_ADDR (never
 *               mapped): the page fault goes to the handler, which marks
 *               "done", stops the trace and passes.
 * It also checks the extension's errors: an unknown op or category is
 * -E_INVAL, a label that is no user string is -E_FAULT.
 */
#include <pebbles_ext.h>

#include "spawn.h"
#include "test.h"

#define PINGPONG_ROUNDS 3
#define SLEEP_TICKS     2
#define FAULT_ADDR      0x40000000u
#define EXN_STACK       8192

static char b_stack[16384] __attribute__((aligned(16)));
static char exn_stack[EXN_STACK] __attribute__((aligned(16)));
static volatile int a_tid, b_done, b_turns;

static void mark(const char *label) { CHECK(trace(TRACE_OP_MARK, (unsigned)label) == 0, "trace mark"); }

static void partner(void *arg)
{
    (void)arg;
    for (int i = 0; i < PINGPONG_ROUNDS; i++) {
        b_turns++;
        CHECK(yield(a_tid) == 0, "B yields to A");
    }
}

static void handler(void *arg, ureg_t *u)
{
    (void)arg;
    CHECK(u->cause == 14 && u->cr2 == FAULT_ADDR, "the page fault reaches the handler");
    mark("done");
    CHECK(trace(TRACE_OP_STOP, 0) == 0, "trace stop");
    TEST_PASS();
}

static void check_errors(void)
{
    CHECK(trace(99, 0) < 0, "an unknown op is refused");
    CHECK(trace(TRACE_OP_START, 0x80) < 0, "an unknown category is refused");
    CHECK(trace(TRACE_OP_MARK, (unsigned)KERNEL_ADDR) < 0, "a kernel label pointer is refused");
    CHECK(trace(TRACE_OP_MARK, (unsigned)"a label longer than sixteen characters") == 0,
          "a long label is cut, not refused");
}

int main(void)
{
    TEST_START("trace_schedule");
    a_tid = gettid();
    CHECK(trace(TRACE_OP_START, 0) == 0, "trace start (the command line's categories, or all)");
    check_errors();

    mark("pingpong");
    int b = spawn_thread(b_stack + sizeof(b_stack), partner, NULL, &b_done);
    CHECK(b > 0, "thread_fork");
    /* On one CPU (as the trace tests boot it) B is runnable at each of
     * these; on several it may run ahead and be done already. */
    for (int i = 0; i < PINGPONG_ROUNDS; i++)
        CHECK(yield(b) == 0 || b_done, "A yields to B");
    while (!b_done)
        CHECK(yield(b) == 0 || b_done, "A yields to B until it is done");
    CHECK(b_turns == PINGPONG_ROUNDS, "B had its turns");

    mark("sleep");
    CHECK(sleep(SLEEP_TICKS) == 0, "sleep");

    mark("fault");
    CHECK(swexn(exn_stack + EXN_STACK, handler, NULL, NULL) == 0, "swexn");
    (void)*(volatile int *)FAULT_ADDR;
    TEST_FAIL("trace_schedule: the fault did not reach the handler");
}
