/*
 * context.c - building the first stack frame of new threads, and FPU state.
 */
#include "arch/x86/context.h"

#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "lib/string.h"

extern void kthread_entry(void);

uint32_t context_init_user(uint32_t kstack_top, const trapframe_t *tf)
{
    trapframe_t *frame = context_user_frame(kstack_top);
    if (frame != tf)
        *frame = *tf;
    struct switch_frame *sf = (struct switch_frame *)frame - 1;
    memset(sf, 0, sizeof(*sf));
    sf->ret = (uint32_t)trap_return;
    return (uint32_t)sf;
}

uint32_t context_init_kernel(uint32_t kstack_top, void (*fn)(void *), void *arg)
{
    uint32_t *sp = (uint32_t *)kstack_top;
    *--sp = 0; /* fake return address of fn */
    *--sp = (uint32_t)arg;
    *--sp = (uint32_t)fn;
    struct switch_frame *sf = (struct switch_frame *)sp - 1;
    memset(sf, 0, sizeof(*sf));
    sf->ret = (uint32_t)kthread_entry;
    return (uint32_t)sf;
}

/* fxsave image of a freshly initialised FPU (fninit, default MXCSR). */
static uint8_t fpu_clean[FPU_STATE_SIZE] __attribute__((aligned(16)));

#define CPUID_FXSR (1u << 24) /* fxsave, fxrstor, CR4.OSFXSR */
#define CPUID_SSE  (1u << 25) /* CR4.OSXMMEXCPT, MXCSR */

static uint32_t cpuid1_edx(void)
{
    uint32_t a = 1, b, c, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
    return d;
}

void fpu_init(void)
{
    /* Without these the CR4 write below faults (as on Bochs's Pentium II):
     * say what is missing rather than show a protection fault. */
    if ((cpuid1_edx() & (CPUID_FXSR | CPUID_SSE)) != (CPUID_FXSR | CPUID_SSE))
        panic("this CPU has no fxsave or SSE: the kernel needs a Pentium III or later");
    write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit");
    fpu_save(fpu_clean);
}

void fpu_save(void *area) { __asm__ volatile("fxsave (%0)" ::"r"(area) : "memory"); }
void fpu_restore(const void *area) { __asm__ volatile("fxrstor (%0)" ::"r"(area) : "memory"); }
const void *fpu_initial_state(void) { return fpu_clean; }
