/*
 * fpu_state.c - every thread has its own FPU and SSE state (x87 registers
 * and control word, XMM registers, MXCSR), kept across preemption, yields
 * and system calls; fork copies the caller's state to the child; exec
 * starts the new program with a freshly initialised FPU (control word
 * 0x37F, MXCSR 0x1F80).
 *   fpu_state           the test
 *   fpu_state fresh     (run by exec) report the initial state as status
 */
#include <stddef.h>
#include <string.h>

#include "spawn.h"
#include "test.h"

#define NT     4
#define ROUNDS 40

static char stacks[NT][16384] __attribute__((aligned(16)));
static volatile int done[NT], bad[NT];

struct fpu_regs {
    unsigned int xmm[8][4];
    double st[3];
    unsigned short fcw;
    unsigned int mxcsr;
} __attribute__((aligned(16)));
/* hold_registers addresses the fields by these offsets from two pointers
 * (one register each: gcc and clang both find enough registers for it). */
_Static_assert(offsetof(struct fpu_regs, st) == 128 && offsetof(struct fpu_regs, fcw) == 152 &&
                   offsetof(struct fpu_regs, mxcsr) == 156,
               "hold_registers hard-codes these offsets");

/* Fill every XMM register, three x87 registers, the x87 control word and
 * MXCSR with values unique to `who`. */
static void make_regs(struct fpu_regs *r, int who)
{
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 4; k++)
            r->xmm[i][k] = 0x10000000u * (unsigned)(who + 1) + (unsigned)(i * 4 + k);
    for (int i = 0; i < 3; i++)
        r->st[i] = 1.5 * (who + 1) + i * 0.25;
    r->fcw = (unsigned short)(0x037F & ~0x0C00) | (unsigned short)((who % 4) << 10); /* rounding */
    r->mxcsr = 0x1F80u | ((unsigned)(who % 4) << 13);
}

/* Load `in` into the registers, then `spins` (> 0) busy iterations (long enough
 * to be preempted) and `yields` yield system calls, all with no compiler
 * code in between; then store the registers to `out`. */
static void hold_registers(const struct fpu_regs *in, struct fpu_regs *out, int spins, int yields)
{
    __asm__ volatile("fldcw 152(%[i])\n\t"
                     "ldmxcsr 156(%[i])\n\t"
                     "movdqa 0(%[i]), %%xmm0\n\t"
                     "movdqa 16(%[i]), %%xmm1\n\t"
                     "movdqa 32(%[i]), %%xmm2\n\t"
                     "movdqa 48(%[i]), %%xmm3\n\t"
                     "movdqa 64(%[i]), %%xmm4\n\t"
                     "movdqa 80(%[i]), %%xmm5\n\t"
                     "movdqa 96(%[i]), %%xmm6\n\t"
                     "movdqa 112(%[i]), %%xmm7\n\t"
                     "fldl 144(%[i])\n\t"
                     "fldl 136(%[i])\n\t"
                     "fldl 128(%[i])\n\t"
                     "movl %[spins], %%ecx\n"
                     "1:\n\t"
                     "decl %%ecx\n\t"
                     "jnz 1b\n\t"
                     "movl %[yields], %%ecx\n"
                     "2:\n\t"
                     "movl $-1, %%esi\n\t"
                     "int %[yv]\n\t"
                     "decl %%ecx\n\t"
                     "jnz 2b\n\t"
                     "fstpl 128(%[o])\n\t"
                     "fstpl 136(%[o])\n\t"
                     "fstpl 144(%[o])\n\t"
                     "movdqa %%xmm0, 0(%[o])\n\t"
                     "movdqa %%xmm1, 16(%[o])\n\t"
                     "movdqa %%xmm2, 32(%[o])\n\t"
                     "movdqa %%xmm3, 48(%[o])\n\t"
                     "movdqa %%xmm4, 64(%[o])\n\t"
                     "movdqa %%xmm5, 80(%[o])\n\t"
                     "movdqa %%xmm6, 96(%[o])\n\t"
                     "movdqa %%xmm7, 112(%[o])\n\t"
                     "fnstcw 152(%[o])\n\t"
                     "stmxcsr 156(%[o])\n\t"
                     "fninit\n\t"
                     "ldmxcsr %[dflt]"
                     :
                     : [i] "r"(in), [o] "r"(out), [spins] "g"(spins), [yields] "g"(yields),
                       [yv] "i"(YIELD_INT), [dflt] "m"((unsigned int){0x1F80})
                     : "ecx", "esi", "eax", "memory"); /* no SSE in compiled code: xmm is ours */
}

static int same(const struct fpu_regs *a, const struct fpu_regs *b)
{
    return memcmp(a->xmm, b->xmm, sizeof(a->xmm)) == 0 && memcmp(a->st, b->st, sizeof(a->st)) == 0 &&
           a->fcw == b->fcw && a->mxcsr == b->mxcsr;
}

static void worker(void *arg)
{
    int who = (int)arg;
    static struct fpu_regs in[NT], out[NT];
    make_regs(&in[who], who);
    for (int r = 0; r < ROUNDS; r++) {
        memset(&out[who], 0, sizeof(out[who]));
        hold_registers(&in[who], &out[who], 1 + 200000 * (r % 3), 1 + r % 4);
        if (!same(&in[who], &out[who]))
            bad[who]++;
    }
    done[who] = 1;
}

static void threads_keep_their_state(void)
{
    for (int i = 0; i < NT; i++)
        CHECK(spawn_thread(stacks[i] + sizeof(stacks[i]), worker, (void *)i, NULL) > 0, "thread_fork");
    for (int i = 0; i < NT; i++)
        while (!done[i])
            yield(-1);
    for (int i = 0; i < NT; i++)
        if (bad[i])
            TEST_FAIL("fpu_state: thread %d lost its FPU/SSE registers in %d of %d rounds", i, bad[i],
                      ROUNDS);
}

/* The child of a fork starts with the parent's registers of that moment,
 * though both yield before their first FPU instruction after the fork
 * (so each finds its state after the other one has had the FPU). */
static void fork_copies_state(void)
{
    static struct fpu_regs in, out;
    make_regs(&in, 7);
    int child;
    __asm__ volatile("movdqa %[x], %%xmm3\n\t"
                     "ldmxcsr %[mx]\n\t"
                     "int %[fv]\n\t"
                     "movl %%eax, %%edx\n\t"
                     "movl $3, %%ecx\n"
                     "1:\n\t"
                     "movl $-1, %%esi\n\t"
                     "int %[yv]\n\t"
                     "decl %%ecx\n\t"
                     "jnz 1b\n\t"
                     "movdqa %%xmm3, %[ox]\n\t"
                     "stmxcsr %[omx]\n\t"
                     "ldmxcsr %[dflt]"
                     : "=d"(child), [ox] "=m"(out.xmm[3]), [omx] "=m"(out.mxcsr)
                     : [x] "m"(in.xmm[3]), [mx] "m"(in.mxcsr), [fv] "i"(FORK_INT), [yv] "i"(YIELD_INT),
                       [dflt] "m"((unsigned int){0x1F80})
                     : "eax", "ecx", "esi", "memory");
    if (child == 0) {
        int ok = memcmp(out.xmm[3], in.xmm[3], 16) == 0 && out.mxcsr == in.mxcsr;
        exit(ok ? 11 : 12);
    }
    CHECK(child > 0, "fork");
    CHECK(memcmp(out.xmm[3], in.xmm[3], 16) == 0, "parent keeps its XMM register");
    CHECK(wait_for(child) == 11, "the forked child starts with the parent's XMM and MXCSR");
}

/* exec starts clean even if the caller's FPU state was odd. */
static void exec_starts_clean(void)
{
    int child = fork();
    if (child == 0) {
        unsigned short odd_fcw = 0x0E7F;
        unsigned int odd_mx = 0x7F80;
        static const unsigned int odd_xmm[4] __attribute__((aligned(16))) = {1, 2, 3, 4};
        __asm__ volatile("fldcw %0\n\tldmxcsr %1\n\tmovdqa %2, %%xmm0\n\tmovdqa %2, %%xmm7" ::"m"(odd_fcw),
                         "m"(odd_mx), "m"(odd_xmm));
        char *argv[] = {"fpu_state", "fresh", NULL};
        exec("fpu_state", argv);
        exit(99);
    }
    CHECK(child > 0, "fork");
    int status = wait_for(child);
    if (status != 1)
        TEST_FAIL("fpu_state: exec must start with control word 0x37F, MXCSR 0x1F80 and zero XMM registers, "
                  "and so must its child forked before any FPU instruction: status %d (2: the exec'd program "
                  "not clean, 4: its child not clean, 3: fork, 99: exec)",
                  status);
}

/* The state of a program's first FPU instruction: clean (see the top). */
static int fpu_is_clean(void)
{
    unsigned short fcw;
    unsigned int mx;
    static unsigned int xmm[8][4] __attribute__((aligned(16)));
    __asm__ volatile("fnstcw %0\n\tstmxcsr %1\n\t"
                     "movdqa %%xmm0, 0(%2)\n\tmovdqa %%xmm1, 16(%2)\n\t"
                     "movdqa %%xmm2, 32(%2)\n\tmovdqa %%xmm3, 48(%2)\n\t"
                     "movdqa %%xmm4, 64(%2)\n\tmovdqa %%xmm5, 80(%2)\n\t"
                     "movdqa %%xmm6, 96(%2)\n\tmovdqa %%xmm7, 112(%2)"
                     : "=m"(fcw), "=m"(mx)
                     : "r"(xmm)
                     : "memory");
    static const unsigned int zero[8][4];
    return fcw == 0x037F && mx == 0x1F80 && memcmp(xmm, zero, sizeof(xmm)) == 0;
}

/* Run by exec: a child forked before any FPU instruction starts clean,
 * and so does this program.  Status 1 if both are. */
static int report_fresh(void)
{
    int child = fork();
    if (child == 0)
        exit(fpu_is_clean() ? 1 : 4);
    int status = 0;
    if (child < 0 || wait(&status) != child)
        return 3;
    return status != 1 ? status : fpu_is_clean() ? 1 : 2;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "fresh") == 0)
        exit(report_fresh());
    TEST_START("fpu_state");
    threads_keep_their_state();
    fork_copies_state();
    exec_starts_clean();
    TEST_PASS();
}
