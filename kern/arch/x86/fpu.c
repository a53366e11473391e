/*
 * fpu.c - lazy FPU switching through CR0.TS (see fpu.h for the invariant).
 *
 * owner:   the state whose values are in the FPU registers, or NULL.
 * current: the state of the running user thread (NULL: a kernel thread).
 * Both are changed only with interrupts off.  A state leaves owner when
 * its thread exits (fpu_release) or execs (fpu_reset_current), so owner
 * never points into a freed thread.
 */
#include "arch/x86/fpu.h"

#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "lib/string.h"

/* fxsave image of a freshly initialised FPU (fninit, default MXCSR, all
 * registers zero).  Loaded for a first use, rather than fninit, which
 * would leave the previous owner's XMM registers visible. */
#define FXSAVE_REGS_OFFSET 32        /* ST0-7 (8 x 16 bytes), then XMM0-7 */
#define FXSAVE_REGS_SIZE   (128 + 128) /* 32-bit mode: XMM0-7 only */
static uint8_t fpu_clean[FPU_STATE_SIZE] __attribute__((aligned(16)));
static struct fpu_state *owner;
static struct fpu_state *current;
static uint32_t loads; /* fpu_trap's loads, for kstats */
static bool ts; /* CR0.TS as last written: CR0 is written only to change it */

static void fxsave(void *area) { __asm__ volatile("fxsave (%0)" ::"r"(area) : "memory"); }
static void fxrstor(const void *area) { __asm__ volatile("fxrstor (%0)" ::"r"(area) : "memory"); }

static void set_ts(bool on)
{
    if (on == ts)
        return;
    ts = on;
    if (on)
        write_cr0(read_cr0() | CR0_TS);
    else
        __asm__ volatile("clts" ::: "memory");
}

void fpu_init(void)
{
    write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit");
    fxsave(fpu_clean);
    /* The x87 and XMM registers themselves: zero, whatever the firmware
     * left there (fninit only marks the x87 ones empty). */
    memset(fpu_clean + FXSAVE_REGS_OFFSET, 0, FXSAVE_REGS_SIZE);
    set_ts(true); /* nobody owns the FPU yet */
}

void fpu_switch_to(struct fpu_state *next)
{
    current = next;
    if (next) /* a kernel thread leaves TS as it is */
        set_ts(next != owner);
}

void fpu_trap(void)
{
    assert(!irq_enabled());
    if (!current || current == owner)
        panic("#NM with the FPU already given to the running thread");
    set_ts(false);
    if (owner) {
        fxsave(owner->image);
        owner->used = true;
    }
    fxrstor(current->used ? current->image : fpu_clean);
    current->used = true;
    owner = current;
    loads++;
}

uint32_t fpu_load_count(void) { return loads; }

void fpu_copy_current(struct fpu_state *dst)
{
    uint32_t was = irq_save();
    assert(current);
    if (current == owner) {
        fxsave(dst->image); /* TS is clear: the invariant */
        dst->used = true;
    } else if (current->used) {
        memcpy(dst->image, current->image, FPU_STATE_SIZE);
        dst->used = true;
    } else {
        dst->used = false;
    }
    irq_restore(was);
}

void fpu_reset_current(void)
{
    uint32_t was = irq_save();
    assert(current);
    current->used = false;
    if (owner == current) {
        owner = NULL;
        set_ts(true);
    }
    irq_restore(was);
}

void fpu_release(struct fpu_state *s)
{
    uint32_t was = irq_save();
    if (owner == s)
        owner = NULL;
    irq_restore(was);
}
