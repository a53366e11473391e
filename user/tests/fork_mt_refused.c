/*
 * fork_mt_refused.c - proves that fork in a task with two threads is refused
 * cleanly (SPEC §3: "may be refused (negative) when the caller has more than
 * one thread"; this kernel documents that it refuses): fork returns negative,
 * no child appears, both threads carry on, and once the second thread has
 * vanished fork works again.
 */
#include "spawn.h"
#include "test.h"

static char stack2[16384] __attribute__((aligned(16)));
static volatile int stop, spins, done;

static void second_thread(void *arg)
{
    (void)arg;
    while (!stop) {
        spins++;
        sleep(1);
    }
}

static int exit_7(int unused)
{
    (void)unused;
    return 7;
}

int main(void)
{
    TEST_START("fork_mt_refused");

    int t = spawn_thread(stack2 + sizeof(stack2), second_thread, NULL, &done);
    CHECK(t > 0, "thread_fork returns the new thread's tid");
    while (spins < 3)
        yield(-1);

    int r = fork();
    if (r == 0) /* must not happen; report it from the child too */
        TEST_FAIL("fork_mt_refused: fork succeeded in a two-thread task");
    CHECK(r < 0, "fork refused in a multi-threaded task");
    CHECK(wait(NULL) < 0, "no child was created");

    int before = spins;
    while (spins < before + 3)
        yield(-1); /* the second thread still runs */

    stop = 1;
    while (!done)
        yield(-1);
    /* Its vanish follows at once; give the kernel a moment if needed. */
    for (int tries = 0; (r = fork_run(exit_7, 0)) < 0 && tries < 100; tries++)
        sleep(10);
    CHECK(r > 0, "fork works again with one thread");
    CHECK(wait_for(r) == 7, "child status");
    TEST_PASS();
}
