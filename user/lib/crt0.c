/*
 * crt0.c - program entry.  The kernel starts every program at
 * _main(argc, argv, stack_high, stack_low) (SPEC §1); we remember the stack
 * bounds (for the thread library), answer -h for a program that states its
 * usage (usage.h), and run main.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <usage.h>

int main(int argc, char **argv);

void *__stack_high, *__stack_low;

/* Defined by PROGRAM_USAGE; a program without one (a course program) has
 * no -h of ours: its arguments reach main untouched. */
extern const struct program_usage program_usage __attribute__((weak));

void usage_print(const char *name)
{
    if (&program_usage == NULL)
        return;
    printf("usage: %s%s%s\n  %s\n", name, program_usage.args[0] ? " " : "", program_usage.args,
           program_usage.what);
}

void _main(int argc, char **argv, void *stack_high, void *stack_low)
{
    __stack_high = stack_high;
    __stack_low = stack_low;
    if (&program_usage != NULL && argc > 1 && strcmp(argv[1], "-h") == 0) {
        usage_print(argv[0]);
        exit(0);
    }
    exit(main(argc, argv));
}
