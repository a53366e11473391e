/*
 * wait_status_gone.c - proves that wait with a status_ptr that goes bad
 * while it sleeps collects nothing (SPEC §3: a bad status_ptr is a negative
 * return, nothing collected; issue 12, item 2).
 *
 * Phase 1: the main thread waits with status_ptr in a new_pages page; the
 * child is descheduled.  Once the main thread sleeps in wait, a sibling
 * removes that page and wakes the child, which exits with 77.  wait must
 * return negative; a second wait with a good pointer then collects that
 * same child with status 77.
 * Phase 2 (order among waiters): two descheduled children; a second waiter
 * with a good pointer queues behind the main thread, then the page goes and
 * one child is woken (status 78).  The main thread's wait fails and that
 * child goes to the second waiter; the other child (79) is left for the
 * main thread's next wait.
 */
#include "spawn.h"
#include "test.h"

#define PAGE  ((int *)0x40000000)
#define STACK 8192

static char stacks[2][STACK] __attribute__((aligned(16)));
static volatile int main_tid, child_tid, waiter_tid;
static volatile int main_waiting, waiter_go, waiter_waiting, waiter_got, waiter_status;
static volatile int done[2];

static void child_waits_then_exits(int status)
{
    int zero = 0;
    deschedule(&zero); /* until the sibling's make_runnable */
    exit(status);
}

/* Until tid is asleep (yield to it fails) after it has raised *flag. */
static void until_asleep(volatile int *flag, int tid)
{
    while (!*flag)
        yield(-1);
    while (yield(tid) == 0)
        continue;
}

static void remover(void *arg)
{
    int phase = (int)arg;
    until_asleep(&main_waiting, main_tid);
    if (phase == 2) {
        waiter_go = 1;
        until_asleep(&waiter_waiting, waiter_tid);
    }
    if (remove_pages(PAGE) < 0)
        TEST_FAIL("wait_status_gone: remove_pages failed");
    while (make_runnable(child_tid) < 0)
        yield(-1);
}

static void second_waiter(void *arg)
{
    (void)arg;
    int st = 0;
    while (!waiter_go)
        yield(-1);
    waiter_waiting = 1;
    waiter_got = wait(&st);
    waiter_status = st;
}

static void fresh_page(void)
{
    CHECK(new_pages(PAGE, PAGE_SIZE) == 0, "new_pages");
    *PAGE = -1;
}

static void phase1(void)
{
    fresh_page();
    child_tid = fork();
    if (child_tid == 0)
        child_waits_then_exits(77);
    CHECK(child_tid > 0, "fork");
    CHECK(spawn_thread(stacks[0] + STACK, remover, (void *)1, &done[0]) > 0, "thread_fork");
    main_waiting = 1;
    int r = wait(PAGE);
    CHECK(r < 0, "wait whose status page vanished while it slept returns negative");
    while (!done[0])
        yield(-1);
    int st = 0;
    r = wait(&st);
    NOTE("wait_status_gone: phase 1: second wait got %d (child %d), status %d", r, child_tid, st);
    CHECK(r == child_tid, "the child was left for the next wait");
    CHECK(st == 77, "with its status");
}

static void phase2(void)
{
    main_waiting = 0;
    fresh_page();
    child_tid = fork();
    if (child_tid == 0)
        child_waits_then_exits(78);
    CHECK(child_tid > 0, "fork");
    int other = fork();
    if (other == 0)
        child_waits_then_exits(79);
    CHECK(other > 0, "fork");
    waiter_tid = spawn_thread(stacks[1] + STACK, second_waiter, NULL, &done[1]);
    CHECK(waiter_tid > 0, "thread_fork");
    done[0] = 0;
    CHECK(spawn_thread(stacks[0] + STACK, remover, (void *)2, &done[0]) > 0, "thread_fork");
    main_waiting = 1;
    int r = wait(PAGE);
    CHECK(r < 0, "wait whose status page vanished while it slept returns negative");
    while (!done[0] || !done[1])
        yield(-1);
    NOTE("wait_status_gone: phase 2: second waiter got %d (child %d), status %d", waiter_got, child_tid,
         waiter_status);
    CHECK(waiter_got == child_tid, "the child went to the next waiter");
    CHECK(waiter_status == 78, "with its status");
    while (make_runnable(other) < 0)
        yield(-1);
    int st = 0;
    r = wait(&st);
    CHECK(r == other && st == 79, "the other child is collected next");
    CHECK(wait(NULL) < 0, "nothing else to collect");
}

int main(void)
{
    TEST_START("wait_status_gone");
    main_tid = gettid();
    phase1();
    phase2();
    TEST_PASS();
}
