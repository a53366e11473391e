/*
 * ps_list.c - proves the ps_list extension (<pebbles_ext.h>, include/abi/
 * ps.h): the snapshot names this task's threads (its program, state, what
 * a sleeping one waits for), a child task with its parent, init and the
 * kernel's idle thread; a spinning thread is charged CPU ticks; and bad
 * arguments get errors, never a crash: max < 1, a NULL / kernel /
 * read-only / too-short buffer (exactly one entry past a mapped page),
 * a bad packet pointer, and a buffer one entry too small for everyone
 * (-E_2BIG) next to one exactly big enough.  Also set_foreground's
 * refusals (not a child, negative).
 */
#include <abi/errors.h>
#include <string.h>

#include "spawn.h"
#include "test.h"

#define PAGE     4096
#define SCRATCH  ((void *)0x30000000) /* a page of our own for the boundary cases */
#define PER_PAGE (PAGE / (int)sizeof(struct ps_thread))
static struct ps_thread snap[PS_MAX_THREADS];
static char stacks[2][8192] __attribute__((aligned(16)));
static volatile int sleeper_tid, spinner_tid;

static void sleeper(void *arg)
{
    (void)arg;
    sleeper_tid = gettid();
    for (;;)
        sleep(1000000);
}

static void spinner(void *arg)
{
    (void)arg;
    spinner_tid = gettid();
    for (volatile unsigned n = 0;; n++)
        ;
}

static const struct ps_thread *find(int n, int tid)
{
    for (int i = 0; i < n; i++)
        if (snap[i].tid == tid)
            return &snap[i];
    return NULL;
}

static const struct ps_thread *find_name(int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(snap[i].name, name) == 0)
            return &snap[i];
    return NULL;
}

static int list(void)
{
    int n = ps_list(snap, PS_MAX_THREADS);
    if (n < 1)
        TEST_FAIL("ps_list: ps_list with room for all returned %d", n);
    return n;
}

static void check_contents(int child)
{
    int me = gettid();
    const struct ps_thread *t;
    /* Until the sleeper sleeps (it may just be starting). */
    int n;
    while (n = list(), !(t = find(n, sleeper_tid)) || strcmp(t->state, "blocked") != 0)
        yield(-1);
    CHECK(t->task == me && strcmp(t->waits, "sleep") == 0, "sleeping thread: our task, waits for sleep");
    CHECK(strcmp(t->name, "ps_list") == 0, "a thread shows its task's program");
    CHECK((t = find(n, me)) && t->task == me && strcmp(t->state, "running") == 0, "we are running");
    CHECK(t->parent > 0 && (t = find(n, t->parent)) && strcmp(t->name, "init") == 0, "our parent is init");
    CHECK(t->parent == 0 && t->task == t->parent + t->tid, "init's parent is 0");
    CHECK((t = find(n, child)) && t->task == child && t->parent == me, "the child task, our child");
    CHECK((t = find_name(n, "idle")) && t->task == 0 && t->parent == 0, "the kernel's idle thread");
    CHECK(!find(n, 0x7fffffff), "no made-up thread");
    /* CPU time: the spinner is charged ticks as it runs. */
    while (n = list(), !(t = find(n, spinner_tid)) || t->cpu_ticks == 0)
        yield(spinner_tid);
    CHECK(t->task == me, "the spinner is ours");
    NOTE("ps_list: %d threads; spinner has %u ticks", n, t->cpu_ticks);
}

static void check_errors(void)
{
    CHECK(ps_list(snap, 0) == -E_INVAL && ps_list(snap, -1) == -E_INVAL, "max < 1");
    CHECK(ps_list(NULL, 4) == -E_FAULT, "NULL buffer");
    CHECK(ps_list(KERNEL_ADDR, 4) == -E_FAULT, "kernel buffer");
    CHECK(ps_list(TEXT_ADDR, 4) == -E_FAULT, "read-only buffer");
    CHECK(ps_list(UNMAPPED_ADDR, 4) == -E_FAULT, "unmapped buffer");
    CHECK(RAW_INT(PS_LIST_INT, KERNEL_ADDR) == -E_FAULT, "packet in the kernel");
    CHECK(RAW_INT(PS_LIST_INT, UNMAPPED_ADDR) == -E_FAULT, "unmapped packet");
    CHECK(ps_list(snap, 1) == -E_2BIG, "room for one thread only");
    /* Exact size: n threads fit in n entries, not in n - 1 (retry: the
     * count may change between calls only by our own doing, which is none). */
    int n = list();
    CHECK(ps_list(snap, n) == n && ps_list(snap, n - 1) == -E_2BIG, "exactly n entries");
    /* A buffer that ends where our page ends: one entry more crosses it. */
    CHECK(new_pages(SCRATCH, PAGE) == 0, "new_pages");
    CHECK(n <= PER_PAGE, "fewer threads than a page holds");
    struct ps_thread *end = (struct ps_thread *)((char *)SCRATCH + PAGE) - n;
    CHECK(ps_list(end, n) == n, "a buffer ending at the page end");
    CHECK(ps_list(end - 1, n + 1) == n, "one entry more room, still in the page");
    CHECK(ps_list(end, n + 1) == -E_FAULT, "one entry past the page end");
    CHECK(ps_list(snap, PS_MAX_THREADS + 1000) == n, "a larger max is used up to PS_MAX_THREADS");
}

static void check_set_foreground(int child)
{
    CHECK(set_foreground(-1) == -E_INVAL, "negative tid");
    CHECK(set_foreground(gettid()) == -E_SRCH, "ourselves: not a child");
    CHECK(set_foreground(0x7ffffff0) == -E_SRCH, "no such task");
    CHECK(set_foreground(child) == 0 && set_foreground(0) == 0, "our child, then none");
}

int main(void)
{
    TEST_START("ps_list");
    int child = fork(); /* first: a task with threads may not fork */
    if (child == 0) {
        for (;;)
            sleep(1000000);
    }
    CHECK(child > 0, "fork");
    spawn_thread(stacks[0] + sizeof(stacks[0]), sleeper, NULL, NULL);
    spawn_thread(stacks[1] + sizeof(stacks[1]), spinner, NULL, NULL);
    while (!sleeper_tid || !spinner_tid)
        yield(-1);
    check_contents(child);
    check_errors();
    check_set_foreground(child);
    TEST_PASS();
}
