/*
 * idle.c - the Pebbles idle program: does nothing, forever.  (This kernel
 * idles in a kernel thread; the program exists for compatibility.)
 */
#include <syscall.h>

int main(void)
{
    for (;;)
        yield(-1);
}
