/* sleep.c - sleep for a number of timer ticks (sleep(), SPEC §3). */
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>
#include <usage.h>

PROGRAM_USAGE("TICKS", "sleep for TICKS timer ticks (1000 a second)");

int main(int argc, char **argv)
{
    char *end;
    long ticks = argc == 2 ? strtol(argv[1], &end, 10) : -1;
    if (argc != 2 || *end || ticks < 0) {
        usage_print(argv[0]);
        return 1;
    }
    return sleep((int)ticks) < 0 ? 1 : 0;
}
