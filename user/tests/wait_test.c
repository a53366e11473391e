/*
 * wait_test.c - proves wait's contract (SPEC §3): with no child it returns
 * negative at once and leaves *status_ptr alone; status_ptr NULL is allowed;
 * a bad status_ptr (kernel address, read-only text, unmapped) is negative and
 * collects nothing - the child can still be collected afterwards; wait blocks
 * for a child that is still running; several children are each collected
 * exactly once with their own status.
 */
#include "test.h"

#define N 12

static int exit_with(int s) { return s; }

static int sleep_then_exit(int s)
{
    sleep(100);
    return s;
}

int main(void)
{
    TEST_START("wait_test");

    /* No children: negative at once, *status_ptr untouched. */
    int st = 0x1234;
    unsigned int t0 = get_ticks();
    CHECK(wait(&st) < 0, "wait with no children fails");
    CHECK(st == 0x1234, "wait with no children leaves *status_ptr alone");
    CHECK(wait(NULL) < 0, "wait(NULL) with no children fails");
    CHECK(get_ticks() - t0 < 100, "wait with no children does not block");

    /* status_ptr NULL collects without storing. */
    int tid = fork_run(exit_with, 5);
    CHECK(tid > 0, "fork");
    CHECK(wait(NULL) == tid, "wait(NULL) returns the child's tid");
    CHECK(wait(NULL) < 0, "and it is gone");

    /* Bad status pointers: negative, nothing collected. */
    tid = fork_run(exit_with, 9);
    CHECK(tid > 0, "fork");
    sleep(20); /* let it become a zombie; the checks hold either way */
    CHECK(wait((int *)KERNEL_ADDR) < 0, "kernel-address status_ptr");
    CHECK(wait((int *)TEXT_ADDR) < 0, "read-only (text) status_ptr");
    CHECK(wait((int *)UNMAPPED_ADDR) < 0, "unmapped status_ptr");
    CHECK(wait((int *)0xFFFFFFFE) < 0, "status_ptr wrapping past 4 GiB");
    st = 0;
    CHECK(wait(&st) == tid, "child still collectable after bad waits");
    CHECK(st == 9, "its status");

    /* wait blocks until a running child exits. */
    t0 = get_ticks();
    tid = fork_run(sleep_then_exit, -3);
    CHECK(tid > 0, "fork");
    CHECK(wait(&st) == tid && st == -3, "waited for the sleeping child");
    CHECK(get_ticks() - t0 >= 100, "wait blocked until the child exited");

    /* Many children: each tid once, statuses right. */
    int tids[N], seen[N] = {0};
    for (int i = 0; i < N; i++) {
        tids[i] = (i % 2) ? fork_run(exit_with, 1000 + i) : fork_run(sleep_then_exit, 1000 + i);
        CHECK(tids[i] > 0, "fork");
    }
    for (int k = 0; k < N; k++) {
        st = -1;
        int got = wait(&st);
        int i = 0;
        while (i < N && tids[i] != got)
            i++;
        CHECK(i < N, "wait returned one of our children");
        CHECK(!seen[i], "no child collected twice");
        seen[i] = 1;
        CHECK(st == 1000 + i, "status belongs to that child");
    }
    st = 0x55;
    CHECK(wait(&st) < 0 && st == 0x55, "all collected: wait fails again");

    TEST_PASS();
}
