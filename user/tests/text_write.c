/* @expect-status -2 */
/*
 * text_write.c - proves program text is mapped read-only (SPEC §1): writing
 * into the program's own code kills the thread with status -2.  ABORT test.
 */
#include "test.h"

int main(void)
{
    TEST_START_ABORT("text_write");
    volatile unsigned char *code = (volatile unsigned char *)(void *)main;
    *code = 0xCC;
    TEST_FAIL("text_write: write into the program text did not kill");
}
