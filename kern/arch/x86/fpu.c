/*
 * fpu.c - lazy FPU switching through CR0.TS (see fpu.h for the invariant).
 *
 * fpu_owner:   the state whose values are in the FPU registers, or NULL.
 * fpu_current: the state of the running user thread (NULL: a kernel thread).
 * fpu_ts:      CR0.TS as last written (CR0 is written only to change it).
 * All three change only with interrupts off.  A state leaves fpu_owner when
 * its thread exits (fpu_release) or execs (fpu_reset_current), so fpu_owner
 * never points into a freed thread.
 */
#include "arch/x86/fpu.h"

#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "lib/string.h"

/* fxsave image of a freshly initialised FPU (fninit, default MXCSR, all
 * registers zero).  Loaded for a first use, rather than fninit, which
 * would leave the previous owner's XMM registers visible. */
#define FXSAVE_REGS_OFFSET 32          /* ST0-7 (8 x 16 bytes), then XMM0-7 */
#define FXSAVE_REGS_SIZE   (128 + 128) /* 32-bit mode: XMM0-7 only */
static uint8_t fpu_clean[FPU_STATE_SIZE] __attribute__((aligned(16)));
struct fpu_state *fpu_owner;
struct fpu_state *fpu_current;
bool fpu_ts;
static uint32_t loads; /* fpu_trap's loads, for kstats */

static void fxsave(void *area) { __asm__ volatile("fxsave (%0)" ::"r"(area) : "memory"); }
static void fxrstor(const void *area) { __asm__ volatile("fxrstor (%0)" ::"r"(area) : "memory"); }

void fpu_set_ts(bool on)
{
    if (on == fpu_ts)
        return;
    fpu_ts = on;
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

void fpu_trap(void)
{
    assert(!irq_enabled());
    if (!fpu_current || fpu_current == fpu_owner)
        panic("#NM with the FPU already given to the running thread");
    fpu_set_ts(false);
    if (fpu_owner) {
        fxsave(fpu_owner->image);
        fpu_owner->used = true;
    }
    fxrstor(fpu_current->used ? fpu_current->image : fpu_clean);
    fpu_current->used = true;
    fpu_owner = fpu_current;
    loads++;
}

uint32_t fpu_load_count(void) { return loads; }

void fpu_copy_current(struct fpu_state *dst)
{
    uint32_t was = irq_save();
    assert(fpu_current);
    if (fpu_current == fpu_owner) {
        fxsave(dst->image); /* TS is clear: the invariant */
        dst->used = true;
    } else if (fpu_current->used) {
        memcpy(dst->image, fpu_current->image, FPU_STATE_SIZE);
        dst->used = true;
    } else {
        dst->used = false;
    }
    irq_restore(was);
}

void fpu_reset_current(void)
{
    uint32_t was = irq_save();
    assert(fpu_current);
    fpu_current->used = false;
    if (fpu_owner == fpu_current) {
        fpu_owner = NULL;
        fpu_set_ts(true);
    }
    irq_restore(was);
}

void fpu_release(struct fpu_state *s)
{
    uint32_t was = irq_save();
    if (fpu_owner == s)
        fpu_owner = NULL;
    irq_restore(was);
}
