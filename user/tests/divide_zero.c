/* @expect-status -2 */
/*
 * divide_zero.c - proves a divide error with no swexn handler kills the
 * thread: status -2, kernel intact.  ABORT test.
 */
#include "test.h"

int main(void)
{
    TEST_START_ABORT("divide_zero");
    __asm__ volatile("xorl %%edx, %%edx\n\t"
                     "movl $1, %%eax\n\t"
                     "xorl %%ecx, %%ecx\n\t"
                     "divl %%ecx"
                     :
                     :
                     : "eax", "ecx", "edx");
    TEST_FAIL("divide_zero: divide by zero did not kill");
}
