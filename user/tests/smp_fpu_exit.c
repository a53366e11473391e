/* @timeout 180 @smp 2 4 */
/*
 * smp_fpu_exit.c - a thread that vanishes while its values are in its
 * CPU's FPU gives that FPU up before it is freed, whichever CPU it ends
 * on (issue 15).  Under misbehave(2) a vanishing thread yields once it has
 * left its task: the window in which such a thread was once switched away
 * from as if it were a kernel thread, so that it stayed its CPU's FPU
 * owner; it then often finished on another CPU and was freed, and the
 * CPU it had left fxsaved into the freed memory at its next FPU switch.
 * The kernel checks, as an exiting thread releases its FPU state, that no
 * CPU still owns it (fpu_release: a panic).  Here that exit happens over
 * and over, ROUNDS times:
 *   - THREADS raw threads at once each load their own XMM value, keep it
 *     across yields (the FPU goes back and forth), check it and vanish;
 *   - then a forked child does the same and exits: its task's last thread;
 *   - the main thread's own XMM value survives all of it.
 * Broken on purpose (sched.c's switch_to handing fpu_switch NULL as the
 * state of a thread that has left its task): the kernel panics "CPU n
 * still owns the FPU state of an exiting thread" in the first rounds.
 */
#include <string.h>

#include "spawn.h"
#include "test.h"

#define NAME    "smp_fpu_exit"
#define ROUNDS  40
#define THREADS 4
#define YIELDS  3

static char stacks[THREADS][8192] __attribute__((aligned(16)));
static volatile int done[THREADS];
static volatile int bad;

struct xmm {
    unsigned int w[4];
} __attribute__((aligned(16)));

static void load_xmm3(const struct xmm *v) { __asm__ volatile("movdqa %0, %%xmm3" ::"m"(*v)); }
static void store_xmm3(struct xmm *v) { __asm__ volatile("movdqa %%xmm3, %0" : "=m"(*v)); }
static void load_xmm4(const struct xmm *v) { __asm__ volatile("movdqa %0, %%xmm4" ::"m"(*v)); }
static void store_xmm4(struct xmm *v) { __asm__ volatile("movdqa %%xmm4, %0" : "=m"(*v)); }

static struct xmm value_of(unsigned round, unsigned who)
{
    struct xmm v;
    for (unsigned k = 0; k < 4; k++)
        v.w[k] = 0x9e3779b9u * (round * 64 + who * 4 + k + 1);
    return v;
}

/* Own the FPU with a value of one's own, keep it over a few switches,
 * and vanish with it in the FPU. */
static void hold_fpu_and_vanish(unsigned round, unsigned who)
{
    struct xmm want = value_of(round, who), got;
    load_xmm3(&want);
    for (int i = 0; i < YIELDS; i++)
        yield(-1);
    store_xmm3(&got);
    if (memcmp(&got, &want, sizeof(got)) != 0)
        bad = 1;
}

static unsigned cur_round;

static void thread_body(void *arg) { hold_fpu_and_vanish(cur_round, (unsigned)(int)arg); }

int main(void)
{
    TEST_START(NAME);
    const struct xmm mine = value_of(ROUNDS, THREADS);
    load_xmm4(&mine);
    misbehave(2);
    for (unsigned r = 0; r < ROUNDS; r++) {
        cur_round = r;
        int tids[THREADS];
        for (int t = 0; t < THREADS; t++) {
            done[t] = 0;
            tids[t] = spawn_thread(stacks[t] + sizeof(stacks[t]), thread_body, (void *)t, &done[t]);
            CHECK(tids[t] > 0, "thread_fork");
        }
        /* Off its stack (done), and in vanish (yield to it fails): fork
         * refuses a task with another thread that is not leaving. */
        for (int t = 0; t < THREADS; t++)
            while (!done[t] || yield(tids[t]) == 0)
                ;
        int child = fork();
        CHECK(child >= 0, "fork");
        if (child == 0) {
            hold_fpu_and_vanish(r, THREADS);
            exit(bad ? 1 : 0);
        }
        int status = -1;
        CHECK(wait(&status) == child && status == 0, "the child kept its XMM value to its exit");
        CHECK(!bad, "each thread kept its XMM value to its vanish");
    }
    misbehave(0);
    struct xmm back;
    store_xmm4(&back);
    CHECK(memcmp(&back, &mine, sizeof(back)) == 0, "the main thread's XMM value survived");
    TEST_PASS();
}
