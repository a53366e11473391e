/* @expect-status -2 */
/*
 * kernel_write.c - proves a user write to kernel memory (0x100000, the
 * kernel image, supervisor-only) kills the thread: status -2, kernel intact.
 * ABORT test.
 */
#include "test.h"

int main(void)
{
    TEST_START_ABORT("kernel_write");
    *(volatile int *)KERNEL_ADDR = 0x1234;
    TEST_FAIL("kernel_write: write to 0x100000 did not kill");
}
