/*
 * idle.c - the Pebbles idle program: does nothing, forever.  (This kernel
 * idles in a kernel thread; the program exists for compatibility.)
 */
#include <syscall.h>
#include <usage.h>

PROGRAM_USAGE("", "does nothing, forever (this kernel idles in a kernel thread)");

int main(void)
{
    for (;;)
        yield(-1);
}
