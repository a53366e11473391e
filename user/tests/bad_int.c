/* @expect-status -2 */
/*
 * bad_int.c - proves `int $0x30` (not a system-call vector; its gate is not
 * open to ring 3) kills the thread with status -2 instead of reaching a
 * kernel handler.  ABORT test.
 */
#include "test.h"

int main(void)
{
    TEST_START_ABORT("bad_int");
    __asm__ volatile("int $0x30" ::: "memory");
    TEST_FAIL("bad_int: int $0x30 did not kill");
}
