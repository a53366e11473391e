/*
 * crt0.c - program entry.  The kernel starts every program at
 * _main(argc, argv, stack_high, stack_low) (SPEC §1); we remember the stack
 * bounds (for the thread library) and run main.
 */
#include <stdlib.h>

int main(int argc, char **argv);

void *__stack_high, *__stack_low;

void _main(int argc, char **argv, void *stack_high, void *stack_low)
{
    __stack_high = stack_high;
    __stack_low = stack_low;
    exit(main(argc, argv));
}
