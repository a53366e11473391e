/*
 * wait_test.c - proves wait's contract (SPEC §3): with no child it returns
 * negative at once and leaves *status_ptr alone; status_ptr NULL is allowed;
 * a bad status_ptr (kernel address, read-only text, unmapped) is negative and
 * collects nothing - the child can still be collected afterwards; wait blocks
 * for a child that is still running; several children are each collected
 * exactly once with their own status; two threads waiting at once are
 * served first come, first served.
 */
#include "spawn.h"
#include "test.h"

#define N 12

static int exit_with(int s) { return s; }

static char waiter_stack[8192] __attribute__((aligned(16)));
static volatile int waiter_got, waiter_status, waiter_done;

static void waiter(void *arg)
{
    (void)arg;
    int st = 0;
    waiter_got = wait(&st);
    waiter_status = st;
}

static int sleep_250_then_exit(int s)
{
    sleep(250);
    return s;
}

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

    /* Two waiters: the one that waited first gets the first child to exit. */
    int a = fork_run(sleep_then_exit, 1);     /* exits after 100 ticks */
    int b = fork_run(sleep_250_then_exit, 2); /* exits after 250 ticks */
    CHECK(a > 0 && b > 0, "fork");
    CHECK(spawn_thread(waiter_stack + sizeof(waiter_stack), waiter, NULL, &waiter_done) > 0, "thread_fork");
    sleep(30); /* the thread is blocked in wait now */
    st = 0;
    int got = wait(&st);
    while (!waiter_done)
        yield(-1);
    NOTE("wait_test: first waiter got %d (status %d), second got %d (status %d)", waiter_got, waiter_status,
         got, st);
    CHECK(waiter_got == a && waiter_status == 1, "first waiter served first");
    CHECK(got == b && st == 2, "second waiter gets the next child");

    TEST_PASS();
}
