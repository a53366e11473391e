/* @expect-status -2 */
/*
 * null_deref.c - proves a write to address 0 kills the thread (no swexn
 * handler): the task ends with status -2, the kernel lives on (SPEC §3).
 * ABORT test: END__FAIL is printed only if the write survives.
 */
#include "test.h"

int main(void)
{
    TEST_START_ABORT("null_deref");
    /* Through a volatile pointer so the compiler emits the store itself
     * rather than a trap instruction for a visible NULL dereference. */
    int *volatile p = 0;
    *(volatile int *)p = 0x1234;
    TEST_FAIL("null_deref: write to address 0 did not kill");
}
