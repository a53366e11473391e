/*
 * forever_family.c - a task with a child and a grandchild that never end:
 * the parent sleeps, the child spins, the grandchild yields (SPEC §5
 * FOREVER: passes if the kernel still schedules at the deadline).  The
 * ctrl_c boot tests run it from the shell: Ctrl-C must end all three.
 * @timeout 4
 */
#include <simics.h>
#include <syscall.h>

int main(void)
{
    lprintf("(^_^)_forever_family START__TYPE_FOREVER");
    if (fork() == 0) {
        if (fork() == 0) {
            for (;;)
                yield(-1);
        }
        for (volatile unsigned n = 0;; n++)
            ;
    }
    for (;;)
        sleep(1000);
}
