/*
 * fork_bomb.c - a fork bomb must not hurt the kernel: every task forks as
 * many children as it can until fork fails (memory or kernel heap runs
 * out), then, once the whole tree is refused, all of them exit and are
 * reaped.  fork must fail cleanly
 * (negative), the system must recover completely (kernel counters back to
 * the baseline) and fork must work again afterwards.
 * @timeout 180
 */
#include <stdbool.h>

#include "test.h"

#define NAME      "fork_bomb"
#define MAX_DEPTH 6

#define MAX_KIDS 256

/* Wake tid from deschedule(), waiting until it has got there. */
static void release(int tid)
{
    while (make_runnable(tid) < 0)
        yield(tid);
}

/* Fork until refused, children doing the same one level deeper.  No task
 * exits before the whole tree has been refused (each one, done forking,
 * waits in deschedule() for its parent's word), so memory only fills up
 * and the bomb ends whatever the timing.  Then each task releases its
 * children, reaps them and exits.  Returns how many tasks this subtree
 * created. */
static int bomb(int depth, bool wait_for_release)
{
    int kids[MAX_KIDS], nkids = 0, made = 0;
    while (depth < MAX_DEPTH && nkids < MAX_KIDS) {
        int tid = fork();
        if (tid < 0)
            break;
        if (tid == 0)
            exit(bomb(depth + 1, true));
        kids[nkids++] = tid;
        made++;
    }
    if (wait_for_release) {
        int reject = 0;
        deschedule(&reject);
    }
    for (int i = 0; i < nkids; i++)
        release(kids[i]);
    for (int i = 0; i < nkids; i++) {
        int status;
        if (wait(&status) < 0)
            TEST_FAIL(NAME ": a child went missing");
        made += status;
    }
    return made;
}

int main(void)
{
    TEST_START(NAME);
    struct kstats before, after;
    kstats(&before);
    int made = bomb(0, false);
    sleep(20);
    kstats(&after);
    lprintf("%s: %d tasks created before fork failed; frames %u -> %u, heap allocs %u -> %u", NAME, made,
            before.user_frames_free, after.user_frames_free, before.heap_allocs, after.heap_allocs);
    if (made < 50)
        TEST_FAIL(NAME ": too few forks succeeded");
    if (after.user_frames_free != before.user_frames_free || after.heap_allocs != before.heap_allocs ||
        after.tasks != before.tasks || after.threads != before.threads)
        TEST_FAIL(NAME ": resources not returned");
    int tid = fork();
    if (tid == 0)
        exit(7);
    int status = 0;
    if (tid < 0 || wait(&status) != tid || status != 7)
        TEST_FAIL(NAME ": fork does not work after the bomb");
    TEST_PASS();
}
