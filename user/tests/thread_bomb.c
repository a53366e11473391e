/*
 * thread_bomb.c - creating threads until the kernel refuses more (the
 * per-task limit of docs/syscalls.md comes before the kernel heap runs
 * out): thread_fork must fail cleanly (negative, nothing half-built), the
 * threads already made keep working, and once they exit every resource is
 * back and thread_fork works again.
 * @timeout 120
 */
#include <pebbles_ext.h>
#include <simics.h>
#include <stdlib.h>
#include <syscall.h>

#include "spawn.h"

#define NAME "thread_bomb"
#define MAX  4000

static volatile int release, running;
static volatile int done[MAX];
static char stacks[MAX][512] __attribute__((aligned(16)));

static void waiter(void *arg)
{
    (void)arg;
    __sync_fetch_and_add(&running, 1);
    while (!release)
        sleep(5);
}

static void fail(const char *why)
{
    lprintf("%s: %s", NAME, why);
    lprintf("(^_^)_%s END__FAIL", NAME);
    task_vanish(1);
}

int main(void)
{
    lprintf("(^_^)_%s START__TYPE_COMPLETE", NAME);
    struct kstats before, after;
    kstats(&before);
    int n = 0, err = 0;
    while (n < MAX) {
        int r = spawn_thread(stacks[n] + sizeof(stacks[n]), waiter, NULL, &done[n]);
        if (r < 0) {
            err = r;
            break;
        }
        n++;
    }
    if (n == MAX)
        fail("the kernel never ran out: raise MAX");
    while (running < n)
        yield(-1);
    lprintf("%s: %d threads before thread_fork failed with %d; all running", NAME, n, err);
    release = 1;
    for (int i = 0; i < n; i++)
        while (!done[i])
            yield(-1);
    /* A thread that set done may still be on its way to vanish: give the
     * stragglers up to ten seconds to be gone. */
    for (int tries = 0; tries < 1000; tries++) {
        kstats(&after);
        if (after.threads == before.threads)
            break;
        sleep(10);
    }
    lprintf("%s: threads %u -> %u, heap allocs %u -> %u, bytes %u -> %u, frames %u -> %u", NAME,
            before.threads, after.threads, before.heap_allocs, after.heap_allocs, before.heap_bytes_used,
            after.heap_bytes_used, before.user_frames_free, after.user_frames_free);
    if (after.threads != before.threads || after.heap_allocs != before.heap_allocs ||
        after.user_frames_free != before.user_frames_free)
        fail("resources not returned");
    if (spawn_thread(stacks[0] + sizeof(stacks[0]), waiter, NULL, &done[0]) < 0)
        fail("thread_fork does not work afterwards");
    lprintf("(^_^)_%s END__SUCCESS", NAME);
    task_vanish(0);
}
