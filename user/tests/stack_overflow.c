/* @expect-status -2 */
/* @timeout 120 */
/*
 * stack_overflow.c - proves unbounded recursion kills the program, not the
 * kernel (SPEC §1: the stack grows only within a limit and while memory
 * lasts).  Each frame touches 4 KiB, so the stack grows page by page until
 * the kernel refuses.  ABORT test: killed with status -2.
 */
#include "test.h"

static volatile unsigned int depth;
static volatile int never = -1; /* keeps the compiler from calling it infinite */

static int __attribute__((noinline)) dive(int n)
{
    volatile char frame[4096];
    frame[0] = (char)n;
    frame[4095] = (char)n;
    depth = (unsigned int)n;
    if (n == never)
        return 0;
    if ((n & 1023) == 0)
        NOTE("stack_overflow: %u MiB deep", (unsigned int)n * 4096u >> 20);
    return dive(n + 1) + frame[0] + frame[4095];
}

int main(void)
{
    TEST_START_ABORT("stack_overflow");
    int r = dive(0);
    TEST_FAIL("stack_overflow: recursion returned %d at depth %u", r, depth);
}
