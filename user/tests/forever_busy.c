/*
 * forever_busy.c - a program that never ends and keeps the scheduler busy
 * (SPEC §5 FOREVER): threads that spin without a system call, threads that
 * yield, sleep and deschedule/make_runnable each other, and a task that
 * forks, execs and reaps children in a loop.  It passes only if, at the
 * deadline, the kernel still gives its own heartbeat thread a turn.
 * @timeout 4
 */
#include <simics.h>
#include <stdlib.h>
#include <syscall.h>

#include "spawn.h"

#define NSPIN 4
static char stacks[NSPIN + 3][8192] __attribute__((aligned(16)));
static volatile int ping_tid, pong_tid;

static void spin(void *arg)
{
    (void)arg;
    for (volatile unsigned long n = 0;; n++)
        ;
}

static void yielder(void *arg)
{
    (void)arg;
    for (;;)
        yield(-1);
}

static void sleeper(void *arg)
{
    (void)arg;
    for (;;)
        sleep(3);
}

static void pong(void *arg)
{
    (void)arg;
    pong_tid = gettid();
    for (;;) {
        int reject = 0;
        deschedule(&reject);
        while (make_runnable(ping_tid) < 0)
            yield(ping_tid);
    }
}

static void fork_loop(void)
{
    char *argv[] = {"hello", NULL};
    for (unsigned n = 0;; n++) {
        int tid = fork();
        if (tid == 0) {
            if (n % 2)
                exec("hello", argv);
            exit(3);
        }
        if (tid > 0)
            wait(NULL);
    }
}

int main(void)
{
    lprintf("(^_^)_forever_busy START__TYPE_FOREVER");
    int k = 0;
    for (int i = 0; i < NSPIN; i++)
        spawn_thread(stacks[k] + sizeof(stacks[k]), spin, NULL, NULL), k++;
    spawn_thread(stacks[k] + sizeof(stacks[k]), yielder, NULL, NULL), k++;
    spawn_thread(stacks[k] + sizeof(stacks[k]), sleeper, NULL, NULL), k++;
    spawn_thread(stacks[k] + sizeof(stacks[k]), pong, NULL, NULL), k++;
    ping_tid = gettid();
    while (!pong_tid)
        yield(-1);
    if (fork() == 0)
        fork_loop();
    for (;;) {
        while (make_runnable(pong_tid) < 0)
            yield(pong_tid);
        int reject = 0;
        deschedule(&reject);
    }
}
