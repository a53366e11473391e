/*
 * exotic_faults.c - the rarer exceptions a user program can raise are each
 * delivered to its swexn handler with the right cause, and without a
 * handler kill only the offending thread (status -2) with the kernel
 * unharmed: single-step (trap flag, 1), INTO with overflow (4), BOUND out
 * of range (5), an unmasked x87 divide by zero (16), a call through a
 * DPL-0 gate (int $1: 13), a kernel data
 * selector loaded into %ds (13), a far jump to the kernel code selector (13), IRET with a kernel-mode frame
 * (13), lidt (13), port I/O (13), and a smashed stack (%esp in the kernel
 * or 0, then a push or call: 14) - the handler runs on its own stack.
 * Each case runs in its own child: the handler exits with 100 + cause.
 * The handler starts with the trap and direction flags clear (else it
 * would fault at its first instruction, or copy strings backwards).  Not here, because QEMU's emulator never
 * raises them: SIMD exceptions (19) and loads through a null %ds.
 */
#include "test.h"

#define EXN_STACK 8192
static char exn_stack[EXN_STACK] __attribute__((aligned(16)));

static void handler(void *arg, ureg_t *u)
{
    (void)arg;
    unsigned int flags;
    __asm__ volatile("pushfl\n\tpopl %0" : "=r"(flags));
    if (flags & 0x500) /* TF or DF still set: the C ABI is broken here */
        exit(99);
    exit(100 + (int)u->cause);
}

/* A fault with the direction flag set (string copies would run backwards
 * in the handler if the kernel left it set). */
static void do_std_ud2(void) { __asm__ volatile("std\n\tud2"); }

static void do_trap_flag(void)
{
    __asm__ volatile("pushfl\n\t"
                     "orl $0x100, (%%esp)\n\t"
                     "popfl\n\t"
                     "nop\n\t"
                     "nop" ::
                         : "memory", "cc");
}

static void do_into(void)
{
    __asm__ volatile("movl $0x7fffffff, %%eax\n\t"
                     "addl $1, %%eax\n\t" /* sets OF */
                     ".byte 0xce"         /* into (not encodable by gas in 32-bit? it is) */
                     ::
                         : "eax", "cc");
}

static void do_bound(void)
{
    static int bounds[2] = {0, 10};
    /* Encoded by hand: gas and clang's assembler disagree on the operand
     * order of bound in AT&T syntax. */
    __asm__ volatile("movl $20, %%eax\n\t"
                     ".byte 0x62, 0x01" /* bound %eax, (%ecx): 20 is outside [0, 10] */
                     ::"c"(bounds),
                     "m"(bounds)
                     : "eax");
}

static void do_x87_div0(void)
{
    unsigned short cw = 0x037F & ~0x0004; /* unmask zero-divide */
    volatile double one = 1.0, zero = 0.0, r;
    __asm__ volatile("fldcw %0" ::"m"(cw));
    r = one / zero;
    __asm__ volatile("fwait");
    (void)r;
}

static void do_int1(void) { __asm__ volatile("int $1"); }

static void do_kernel_ds(void) { __asm__ volatile("movw $0x18, %%ax\n\tmovw %%ax, %%ds" ::: "eax"); }

static void do_far_jump(void) { __asm__ volatile("ljmp $0x10, $0x100000"); }

static void do_iret_kernel(void)
{
    __asm__ volatile("pushfl\n\t"
                     "pushl $0x10\n\t" /* kernel code: a privilege raise */
                     "pushl $0x100000\n\t"
                     "iret");
}

static void do_lidt(void)
{
    static struct {
        unsigned short limit;
        unsigned int base;
    } __attribute__((packed)) idtr;
    __asm__ volatile("lidt %0" ::"m"(idtr));
}

/* A smashed stack: %esp in kernel memory, or 0, then a push. */
static void do_push_kernel_esp(void) { __asm__ volatile("movl $0x00200000, %%esp\n\tpushl $1" ::: "memory"); }

static void do_call_null_esp(void) { __asm__ volatile("xorl %%esp, %%esp\n\tcall 1f\n1:" ::: "memory"); }

static void do_port_io(void) { __asm__ volatile("inb $0x60, %%al" ::: "eax"); }

static const struct {
    const char *what;
    void (*fn)(void);
    int cause;
} cases[] = {
    {"single-step (trap flag)", do_trap_flag, SWEXN_CAUSE_DEBUG},
    {"into with overflow", do_into, SWEXN_CAUSE_OVERFLOW},
    {"bound out of range", do_bound, SWEXN_CAUSE_BOUNDCHECK},
    {"x87 divide by zero", do_x87_div0, SWEXN_CAUSE_FPUFAULT},
    {"int $1 (DPL 0 gate)", do_int1, SWEXN_CAUSE_PROTFAULT},
    {"kernel selector in %ds", do_kernel_ds, SWEXN_CAUSE_PROTFAULT},
    {"far jump to kernel code", do_far_jump, SWEXN_CAUSE_PROTFAULT},
    {"iret to ring 0", do_iret_kernel, SWEXN_CAUSE_PROTFAULT},
    {"lidt", do_lidt, SWEXN_CAUSE_PROTFAULT},
    {"ud2 with the direction flag set", do_std_ud2, SWEXN_CAUSE_OPCODE},
    {"port I/O", do_port_io, SWEXN_CAUSE_PROTFAULT},
    {"push with %esp in the kernel", do_push_kernel_esp, SWEXN_CAUSE_PAGEFAULT},
    {"call with %esp = 0", do_call_null_esp, SWEXN_CAUSE_PAGEFAULT},
};

static int run_case(int i)
{
    if (i >= 0)
        swexn(exn_stack + EXN_STACK, handler, NULL, NULL);
    cases[i < 0 ? -i - 1 : i].fn();
    return 55; /* survived: wrong */
}

int main(void)
{
    TEST_START("exotic_faults");
    for (int i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
        int c = fork_run(run_case, i);
        CHECK(c > 0, "fork");
        int st = wait_for(c);
        if (st != 100 + cases[i].cause)
            TEST_FAIL("exotic_faults: %s: handler saw status %d, expected cause %d", cases[i].what, st,
                      cases[i].cause);
        c = fork_run(run_case, -i - 1); /* no handler */
        CHECK(c > 0, "fork");
        st = wait_for(c);
        if (st != KILLED_STATUS)
            TEST_FAIL("exotic_faults: %s without a handler: status %d, expected -2", cases[i].what, st);
    }
    TEST_PASS();
}
