/*
 * misbehave_modes.c - proves the two documented misbehave() modes really
 * change scheduling (docs/syscalls.md):
 *   1  the new thread (or child task) runs before its creator returns from
 *      thread_fork/fork;
 *   2  every system call ends with a yield, so another runnable thread runs
 *      between two consecutive system calls of a busy thread;
 * and that mode 0 restores normal behaviour and unknown modes are accepted.
 */
#include <simics.h>
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>

#define NAME "misbehave_modes"

static volatile int child_ran;
static volatile unsigned long spins;
static volatile int stop;
static char stack_a[8192] __attribute__((aligned(16)));
static char stack_b[8192] __attribute__((aligned(16)));

static int spawn(void (*fn)(void), void *stack_top)
{
    int tid;
    __asm__ volatile("movl %%esp, %%edi\n\t"
                     "movl %2, %%esp\n\t"
                     "int $0x52\n\t"
                     "testl %%eax, %%eax\n\t"
                     "jnz 1f\n\t"
                     "call *%1\n\t"
                     "int $0x60\n"
                     "1:\n\t"
                     "movl %%edi, %%esp"
                     : "=&a"(tid)
                     : "r"(fn), "r"(stack_top)
                     : "edi", "memory");
    return tid;
}

static void mark(void) { child_ran = 1; }

static void spinner(void)
{
    while (!stop)
        spins++;
}

static void fail(const char *why)
{
    lprintf("%s: %s", NAME, why);
    lprintf("(^_^)_%s END__FAIL", NAME);
    exit(1);
}

int main(void)
{
    lprintf("(^_^)_%s START__TYPE_COMPLETE", NAME);

    misbehave(1);
    child_ran = 0;
    int t = spawn(mark, stack_a + sizeof(stack_a) - 16);
    if (t <= 0)
        fail("thread_fork failed");
    if (!child_ran)
        fail("mode 1: the new thread did not run first");
    misbehave(0);

    misbehave(2);
    spawn(spinner, stack_b + sizeof(stack_b) - 16);
    int interleaved = 0;
    for (int i = 0; i < 50; i++) {
        unsigned long before = spins;
        gettid();
        if (spins != before)
            interleaved++;
    }
    misbehave(0);
    stop = 1;
    if (interleaved < 45)
        fail("mode 2: the other thread did not run between system calls");

    misbehave(12345); /* any mode is accepted */
    misbehave(0);
    lprintf("(^_^)_%s END__SUCCESS", NAME);
    return 0;
}
