/* @smp 2 4 */
/*
 * thread_chaos.c - many threads of one task hammer the kernel at once with
 * system calls that touch shared state: yield to each other, deschedule
 * and make_runnable each other, sleep, map, touch and unmap pages, swap
 * swexn handlers, create threads and vanish; then a task_vanish ends them
 * wherever they are.  Repeated in several child tasks in turn, the kernel
 * must never panic or hang, every child must end with the task_vanish
 * status, and the kernel's counters must return to the baseline.
 */
#include <string.h>

#include "spawn.h"
#include "test.h"

#define ROUNDS    6
#define NTHREADS  12
#define SLOT_BASE 0x60000000u
#define SLOT_SIZE (16 * PAGE_SIZE) /* each thread owns one slot */
#define STACK     8192

static char stacks[NTHREADS * 2][STACK] __attribute__((aligned(16)));
static volatile int tids[NTHREADS * 2];
static volatile int nthreads, stop;
static volatile unsigned int ops[NTHREADS * 2]; /* per thread: no sharing */
static char exn_stack[NTHREADS * 2][1024] __attribute__((aligned(16)));

static unsigned int rnd(unsigned int *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static void handler(void *arg, ureg_t *u)
{
    (void)arg;
    (void)u; /* never runs: nothing here faults */
}

static void chaos(void *arg);

static void try_spawn(unsigned int *s)
{
    int i = __atomic_fetch_add(&nthreads, 1, __ATOMIC_SEQ_CST);
    if (i >= NTHREADS * 2)
        return;
    int t = spawn_thread(stacks[i] + STACK, chaos, (void *)i, NULL);
    tids[i] = t;
    (void)s;
}

static void one_op(int me, unsigned int *s, int *mapped)
{
    char *slot = (char *)(SLOT_BASE + (unsigned int)me * SLOT_SIZE);
    int other = tids[rnd(s) % NTHREADS];
    int zero = 0, yes = 1;
    /* Weighted: mostly calls that keep threads moving. */
    switch (rnd(s) % 24) {
    case 0:
    case 1:
    case 2: yield(-1); break;
    case 3:
    case 4: yield(other); break;
    case 5: deschedule(rnd(s) % 2 ? &zero : &yes); break;
    case 6:
    case 7:
    case 8: make_runnable(other); break;
    case 9: sleep((int)(rnd(s) % 3)); break;
    case 10:
    case 11:
        if (!*mapped)
            *mapped = new_pages(slot, (int)(1 + rnd(s) % 16) * PAGE_SIZE) == 0;
        break;
    case 12:
    case 13:
    case 14:
        if (*mapped)
            slot[0] = (char)me; /* the first page is always there */
        break;
    case 15:
    case 16:
        if (*mapped && remove_pages(slot) == 0)
            *mapped = 0;
        break;
    case 17: swexn(exn_stack[me] + sizeof(exn_stack[me]), handler, NULL, NULL); break;
    case 18: swexn(NULL, NULL, NULL, NULL); break;
    case 19:
        if (rnd(s) % 8 == 0)
            try_spawn(s);
        break;
    default: gettid(); break;
    }
}

static void chaos(void *arg)
{
    int me = (int)arg;
    unsigned int s = 0x410u + (unsigned int)me * 7919u;
    int mapped = 0;
    while (!stop) {
        one_op(me, &s, &mapped);
        ops[me]++;
        if (rnd(&s) % 4000 == 0)
            break; /* vanish early, mid-chaos */
    }
}

static void child_body(void)
{
    nthreads = NTHREADS;
    for (int i = 0; i < NTHREADS; i++)
        tids[i] = spawn_thread(stacks[i] + STACK, chaos, (void *)i, NULL);
    sleep(150);
    unsigned int total = 0;
    for (int i = 0; i < NTHREADS * 2; i++)
        total += ops[i];
    lprintf("thread_chaos: %d threads made %u system calls",
            nthreads < NTHREADS * 2 ? nthreads : NTHREADS * 2, total);
    task_vanish(42); /* wherever they are: running, asleep, descheduled */
}

int main(void)
{
    TEST_START("thread_chaos");
    struct kstats before, after;
    kstats(&before);
    for (int r = 0; r < ROUNDS; r++) {
        int tid = fork();
        if (tid == 0)
            child_body();
        CHECK(tid > 0, "fork");
        int st = wait_for(tid);
        if (st != 42)
            TEST_FAIL("thread_chaos: round %d ended with status %d, not 42", r, st);
    }
    sleep(5);
    kstats(&after);
    lprintf("thread_chaos: frames %u -> %u, heap allocs %u -> %u, threads %u -> %u", before.user_frames_free,
            after.user_frames_free, before.heap_allocs, after.heap_allocs, before.threads, after.threads);
    CHECK(after.user_frames_free == before.user_frames_free &&
              after.user_frames_reserved == before.user_frames_reserved &&
              after.heap_allocs == before.heap_allocs && after.tasks == before.tasks &&
              after.threads == before.threads,
          "every round gave back what it took");
    TEST_PASS();
}
