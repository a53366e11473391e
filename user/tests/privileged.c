/* @expect-status -2 */
/*
 * privileged.c - proves privileged instructions are refused in user mode:
 * a forked child executing `hlt` is killed (status -2, seen by wait), then
 * the test itself executes `cli` and must be killed too.  ABORT test.
 */
#include "test.h"

static int do_hlt(int unused)
{
    (void)unused;
    __asm__ volatile("hlt");
    return 1;
}

int main(void)
{
    TEST_START_ABORT("privileged");
    int c = fork_run(do_hlt, 0);
    CHECK(c > 0, "fork");
    CHECK(wait_for(c) == KILLED_STATUS, "hlt in user mode kills");
    __asm__ volatile("cli");
    TEST_FAIL("privileged: cli in user mode did not kill");
}
