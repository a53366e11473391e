/*
 * fpu.c - lazy FPU switching through CR0.TS (see fpu.h for the invariant).
 *
 * Per CPU (struct cpu):
 * fpu_owner:   the state whose values are in its FPU registers, or NULL.
 * fpu_current: the state of its running user thread (NULL: a kernel thread).
 * fpu_ts:      its CR0.TS as last written (CR0 is written only to change it).
 * All three change only on that CPU, with interrupts off.  A state leaves
 * fpu_owner when its thread exits (fpu_release) or execs
 * (fpu_reset_current), so fpu_owner never points into a freed thread; with
 * several CPUs it also leaves it whenever its thread is switched away from
 * (fpu_save_owner), so only the CPU a thread runs on can own its state.
 */
#include "arch/x86/fpu.h"

#include "arch/smp.h"
#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "lib/string.h"

/* fxsave image of a freshly initialised FPU (fninit, default MXCSR, all
 * registers zero).  Loaded for a first use, rather than fninit, which
 * would leave the previous owner's XMM registers visible. */
#define FXSAVE_REGS_OFFSET 32          /* ST0-7 (8 x 16 bytes), then XMM0-7 */
#define FXSAVE_REGS_SIZE   (128 + 128) /* 32-bit mode: XMM0-7 only */
static uint8_t fpu_clean[FPU_STATE_SIZE] __attribute__((aligned(16)));
static uint32_t loads; /* fpu_trap's loads, for kstats (atomic) */

static void fxsave(void *area) { __asm__ volatile("fxsave (%0)" ::"r"(area) : "memory"); }
static void fxrstor(const void *area) { __asm__ volatile("fxrstor (%0)" ::"r"(area) : "memory"); }

void fpu_set_ts(bool on)
{
    struct cpu *c = this_cpu();
    if (on == c->fpu_ts)
        return;
    c->fpu_ts = on;
    if (on)
        write_cr0(read_cr0() | CR0_TS);
    else
        __asm__ volatile("clts" ::: "memory");
}

#define CPUID_EDX_FXSR 0x01000000u /* fxsave, fxrstor, CR4.OSFXSR */
#define CPUID_EDX_SSE  0x02000000u /* CR4.OSXMMEXCPT, MXCSR */

void fpu_init(void)
{
    /* Without these the CR4 write below faults (as on Bochs's Pentium II):
     * say what is missing rather than show a protection fault. */
    if ((cpuid1_edx() & (CPUID_EDX_FXSR | CPUID_EDX_SSE)) != (CPUID_EDX_FXSR | CPUID_EDX_SSE))
        panic("this CPU has no fxsave or SSE: the kernel needs a Pentium III or later");
    write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit");
    fxsave(fpu_clean);
    /* The x87 and XMM registers themselves: zero, whatever the firmware
     * left there (fninit only marks the x87 ones empty). */
    memset(fpu_clean + FXSAVE_REGS_OFFSET, 0, FXSAVE_REGS_SIZE);
    fpu_set_ts(true); /* nobody owns the FPU yet */
}

void fpu_start_this_cpu(void)
{
    write_cr0(read_cr0() | CR0_TS); /* the boot CPU's CR0 and CR4 came with the trampoline */
    this_cpu()->fpu_ts = true;
}

/* Interrupts off, TS clear (the owner ran last).  The owner's values go to
 * its image, and the FPU has no owner. */
void fpu_save_owner(void)
{
    struct cpu *c = this_cpu();
    fxsave(c->fpu_owner->image);
    c->fpu_owner->used = true;
    c->fpu_owner = NULL;
}

void fpu_trap(void)
{
    assert(!irq_enabled());
    struct cpu *c = this_cpu();
    if (!c->fpu_current || c->fpu_current == c->fpu_owner)
        panic("#NM with the FPU already given to the running thread");
    fpu_set_ts(false);
    if (c->fpu_owner)
        fpu_save_owner();
    fxrstor(c->fpu_current->used ? c->fpu_current->image : fpu_clean);
    c->fpu_current->used = true;
    c->fpu_owner = c->fpu_current;
    __atomic_fetch_add(&loads, 1, __ATOMIC_RELAXED);
}

uint32_t fpu_load_count(void) { return loads; }

void fpu_copy_current(struct fpu_state *dst)
{
    uint32_t was = irq_save();
    struct cpu *c = this_cpu();
    assert(c->fpu_current);
    if (c->fpu_current == c->fpu_owner) {
        fxsave(dst->image); /* TS is clear: the invariant */
        dst->used = true;
    } else if (c->fpu_current->used) {
        memcpy(dst->image, c->fpu_current->image, FPU_STATE_SIZE);
        dst->used = true;
    } else {
        dst->used = false;
    }
    irq_restore(was);
}

void fpu_reset_current(void)
{
    uint32_t was = irq_save();
    struct cpu *c = this_cpu();
    assert(c->fpu_current);
    c->fpu_current->used = false;
    if (c->fpu_owner == c->fpu_current) {
        c->fpu_owner = NULL;
        fpu_set_ts(true);
    }
    irq_restore(was);
}

void fpu_release(struct fpu_state *s)
{
    uint32_t was = irq_save();
    struct cpu *c = this_cpu(); /* s's thread runs here: only this CPU can own s */
    if (c->fpu_owner == s)
        c->fpu_owner = NULL;
    /* Another CPU still owning s would fxsave into it once it is freed: its
     * thread was switched away from there without giving the FPU up.  No
     * other CPU can make s its owner now (its thread runs here), so a
     * glance at each is exact. */
    for (unsigned id = 0, n = smp_several ? smp_cpus_online() : 0; id < n; id++)
        if (smp_cpu(id)->fpu_owner == s)
            panic("CPU %u still owns the FPU state of an exiting thread", id);
    irq_restore(was);
}
