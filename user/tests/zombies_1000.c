/* @timeout 120 */
/*
 * zombies_1000.c - proves the kernel keeps 1000 exited-but-uncollected
 * children (zombies) and hands each one's status to wait exactly once: the
 * parent forks 1000 children that exit at once with distinct statuses, only
 * then collects them all, and checks every tid and status.  A fork refused
 * for lack of memory is allowed (SPEC §3) - then the parent collects what it
 * has and retries - but every one of the 1000 must finally run.
 */
#include "test.h"

#define N 1000

static int tids[N];
static char collected[N];

static int exit_with(int s) { return s; }

static int index_of(int tid)
{
    for (int i = 0; i < N; i++)
        if (tids[i] == tid)
            return i;
    return -1;
}

static void collect_one(void)
{
    int st;
    int got = wait(&st);
    CHECK(got > 0, "wait returns a child");
    int i = index_of(got);
    CHECK(i >= 0, "wait returns one of our children");
    CHECK(!collected[i], "each child collected once");
    collected[i] = 1;
    if (st != 3 * i + 1)
        TEST_FAIL("zombies_1000: child %d (#%d) status %d, expected %d", got, i, st, 3 * i + 1);
}

int main(void)
{
    TEST_START("zombies_1000");
    int refused = 0, reaped_early = 0;
    for (int i = 0; i < N; i++) {
        while ((tids[i] = fork_run(exit_with, 3 * i + 1)) < 0) {
            refused++;
            CHECK(refused < 100000, "fork keeps failing");
            if (reaped_early < i) { /* make room, then retry */
                collect_one();
                reaped_early++;
            } else {
                sleep(10);
            }
        }
    }
    NOTE("zombies_1000: %d forks refused, %d children collected early", refused, reaped_early);
    sleep(100); /* let the last children exit: all zombies now */
    for (int k = reaped_early; k < N; k++)
        collect_one();
    for (int i = 0; i < N; i++)
        CHECK(collected[i], "every child collected");
    int st = 0x77;
    CHECK(wait(&st) < 0 && st == 0x77, "nothing left to collect");
    TEST_PASS();
}
