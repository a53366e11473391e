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

#include "spawn.h"

#define NAME "misbehave_modes"

static volatile int child_ran;
static volatile unsigned long spins;
static volatile int stop;
static char stack_a[8192] __attribute__((aligned(16)));
static char stack_b[8192] __attribute__((aligned(16)));

static void mark(void *arg)
{
    (void)arg;
    child_ran = 1;
}

static void spinner(void *arg)
{
    (void)arg;
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
    int t = spawn_thread(stack_a + sizeof(stack_a), mark, NULL, NULL);
    if (t <= 0)
        fail("thread_fork failed");
    if (!child_ran)
        fail("mode 1: the new thread did not run first");
    misbehave(0);

    misbehave(2);
    spawn_thread(stack_b + sizeof(stack_b), spinner, NULL, NULL);
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
