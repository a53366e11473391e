/* @timeout 120 */
/*
 * vanish_status_race.c - proves that the status given to task_vanish stands
 * even when other threads of the task die of an exception while it is
 * killing them (SPEC §3; issue 12, item 3).
 *
 * Each round forks a child whose holder thread keeps the address space's
 * lock busy (new_pages / remove_pages of 32 MiB in a loop) and whose four
 * faulter threads spin until `go`, then write to an unmapped address: their
 * page faults wait for that lock, so they are still in the fault path when
 * the main thread, right after setting `go`, calls task_vanish(42).  The
 * last of them to die is then the task's last thread.  A setter thread
 * calls set_status(7) in a loop all the while.  The parent checks every
 * child's status is 42, never -2 or 7.
 */
#include "spawn.h"
#include "test.h"

#define ROUNDS    60
#define BIG_BASE  ((void *)0x40000000)
#define BIG_LEN   (32 << 20)
#define NFAULTERS 4
#define SETTER    (NFAULTERS + 1)
#define STACK     8192

static char stacks[SETTER + 1][STACK] __attribute__((aligned(16)));
static volatile int holding, ready, go;

static void holder(void *arg)
{
    (void)arg;
    for (;;) {
        if (new_pages(BIG_BASE, BIG_LEN) == 0) {
            holding = 1;
            remove_pages(BIG_BASE);
        }
    }
}

static void faulter(void *arg)
{
    (void)arg;
    __atomic_fetch_add(&ready, 1, __ATOMIC_SEQ_CST);
    while (!go)
        continue; /* no system call: the fault is the next kernel entry */
    *(volatile int *)UNMAPPED_ADDR = 1;
}

static void setter(void *arg)
{
    (void)arg;
    for (;;)
        set_status(7);
}

static void child(int round)
{
    if (spawn_thread(stacks[0] + STACK, holder, NULL, NULL) < 0)
        task_vanish(100);
    for (int i = 1; i <= NFAULTERS; i++)
        if (spawn_thread(stacks[i] + STACK, faulter, NULL, NULL) < 0)
            task_vanish(100 + i);
    if (spawn_thread(stacks[SETTER] + STACK, setter, NULL, NULL) < 0)
        task_vanish(110);
    while (!holding || ready < NFAULTERS)
        yield(-1);
    go = 1;
    for (int i = 0; i < round % 4; i++)
        yield(-1);
    task_vanish(42);
}

int main(void)
{
    TEST_START("vanish_status_race");
    int minus2 = 0;
    for (int round = 0; round < ROUNDS; round++) {
        int tid = fork();
        if (tid == 0)
            child(round);
        CHECK(tid > 0, "fork");
        int st = wait_for(tid);
        if (st == KILLED_STATUS)
            minus2++;
        else if (st != 42)
            TEST_FAIL("vanish_status_race: round %d: status %d", round, st);
    }
    if (minus2)
        TEST_FAIL("vanish_status_race: %d of %d rounds ended with -2, not task_vanish's 42", minus2, ROUNDS);
    TEST_PASS();
}
