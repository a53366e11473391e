/* @timeout 180 */
/*
 * fpu_lazy.c - the FPU is switched lazily (kern/arch/x86/fpu.h) and still
 * belongs to each thread:
 *   - two threads computing with their own XMM and x87 values, each for
 *     many timer ticks and with no system call, get exact results; and at
 *     least one of them saw the other make progress in the middle of its
 *     computation, so it was preempted there and resumed with its values;
 *   - a thread that never uses the FPU costs no FPU load: 100+ switches
 *     between it and a thread whose values are live in the FPU load
 *     nothing (kstats.fpu_loads), and those values survive (with several
 *     CPUs only the values: the other thread runs beside us, and each
 *     thread's state leaves the FPU when it is switched away from).
 * fpu_state covers fork, exec and yields.
 */
#include <pebbles_ext.h>
#include <string.h>

#include "spawn.h"
#include "test.h"

#define LOOPS 2000000 /* several ticks at any host speed: preempted for sure */

/* One computing thread's inputs and outputs; compute() addresses the
 * fields by these offsets from one register. */
struct work {
    unsigned int inc[4];   /* 0: added to the XMM sum every loop */
    unsigned int sum[4];   /* 16 */
    double step;           /* 32: added to the x87 sum every loop */
    double fsum;           /* 40 */
    volatile int *other;   /* 48: the other thread's progress */
    int other_before;      /* 52: *other when this loop started */
    int other_after;       /* 56: ...and when it ended */
    volatile int progress; /* 60: loops done */
} __attribute__((aligned(16)));
_Static_assert(__builtin_offsetof(struct work, step) == 32 && __builtin_offsetof(struct work, other) == 48 &&
                   __builtin_offsetof(struct work, progress) == 60,
               "compute hard-codes these offsets");

static struct work work[2];
static char stacks[3][16384] __attribute__((aligned(16)));
static volatile int done[3];

static void compute(void *arg)
{
    struct work *w = arg;
    __asm__ volatile("movdqa 0(%[w]), %%xmm0\n\t"
                     "pxor %%xmm1, %%xmm1\n\t"
                     "fldl 32(%[w])\n\t"
                     "fldz\n\t"
                     "movl 48(%[w]), %%edx\n\t"
                     "movl (%%edx), %%eax\n\t"
                     "movl %%eax, 52(%[w])\n\t"
                     "movl %[n], %%ecx\n"
                     "1:\n\t"
                     "paddd %%xmm0, %%xmm1\n\t"
                     "fadd %%st(1), %%st\n\t"
                     "incl 60(%[w])\n\t"
                     "decl %%ecx\n\t"
                     "jnz 1b\n\t"
                     "movl (%%edx), %%eax\n\t"
                     "movl %%eax, 56(%[w])\n\t"
                     "movdqa %%xmm1, 16(%[w])\n\t"
                     "fstpl 40(%[w])\n\t"
                     "fstp %%st(0)"
                     :
                     : [w] "r"(w), [n] "i"(LOOPS)
                     : "eax", "ecx", "edx", "memory"); /* no SSE in compiled code: xmm is ours */
}

static void preempted_mid_computation(void)
{
    for (int t = 0; t < 2; t++) {
        for (int k = 0; k < 4; k++)
            work[t].inc[k] = 1u + (unsigned)(t * 4 + k);
        work[t].step = t ? 3.0 : 5.0;
        work[t].other = &work[1 - t].progress;
    }
    for (int t = 0; t < 2; t++)
        CHECK(spawn_thread(stacks[t] + sizeof(stacks[t]), compute, &work[t], &done[t]) > 0, "thread_fork");
    while (!done[0] || !done[1])
        yield(-1);
    for (int t = 0; t < 2; t++) {
        for (int k = 0; k < 4; k++)
            CHECK(work[t].sum[k] == work[t].inc[k] * LOOPS, "the XMM sum is exact");
        CHECK(work[t].fsum == work[t].step * LOOPS, "the x87 sum is exact");
    }
    CHECK(work[0].other_after != work[0].other_before || work[1].other_after != work[1].other_before,
          "one computation was preempted while the other one ran");
}

static volatile int stop_idle, idle_rounds;

static void never_uses_fpu(void *arg)
{
    (void)arg;
    while (!stop_idle) {
        idle_rounds++;
        yield(-1);
    }
}

static void idle_thread_costs_no_load(void)
{
    static const unsigned int pattern[4] __attribute__((aligned(16))) = {0xfeed, 0xbeef, 0xcafe, 0xf00d};
    static unsigned int back[4] __attribute__((aligned(16)));
    CHECK(spawn_thread(stacks[2] + sizeof(stacks[2]), never_uses_fpu, NULL, &done[2]) > 0, "thread_fork");
    __asm__ volatile("movdqa %0, %%xmm2" ::"m"(pattern)); /* this thread owns the FPU now */
    struct kstats k0, k1;
    CHECK(kstats(&k0) == 0, "kstats");
    int start = idle_rounds;
    __asm__ volatile("movl $200, %%ecx\n"
                     "1:\n\t"
                     "movl $-1, %%esi\n\t"
                     "int %[yv]\n\t"
                     "decl %%ecx\n\t"
                     "jnz 1b\n\t"
                     "movdqa %%xmm2, %[b]"
                     : [b] "=m"(back)
                     : [yv] "i"(YIELD_INT)
                     : "eax", "ecx", "esi", "memory");
    CHECK(kstats(&k1) == 0, "kstats");
    stop_idle = 1;
    /* With several CPUs the other thread runs beside us, not in turns, and
     * a thread's FPU state leaves with it at every switch (fpu.h). */
    int one_cpu = test_cpus() == 1;
    CHECK(!one_cpu || idle_rounds - start >= 100, "the two threads took turns");
    CHECK(memcmp(back, pattern, sizeof(back)) == 0, "the FPU values survive the switches");
    if (one_cpu && k1.fpu_loads != k0.fpu_loads)
        TEST_FAIL("fpu_lazy: %u FPU loads while only a thread that never uses the FPU ran besides us",
                  k1.fpu_loads - k0.fpu_loads);
    while (!done[2])
        yield(-1);
}

int main(void)
{
    TEST_START("fpu_lazy");
    preempted_mid_computation();
    idle_thread_costs_no_load();
    TEST_PASS();
}
