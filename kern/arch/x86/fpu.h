/*
 * fpu.h - lazy switching of the x87/SSE state (fxsave format).
 *
 * The FPU registers hold at most one user thread's state: the owner's.
 * A switch does no fxsave or fxrstor; it only sets CR0.TS when the thread
 * switched to is not the owner, so that thread's first FPU or SSE
 * instruction traps (#NM, vector 7) and fpu_trap saves the owner's state
 * and loads the thread's.  A thread that never touches the FPU never pays
 * for a save or a load.
 *
 * Each CPU has its own FPU, owner and TS (struct cpu, percpu.h).  With
 * more than one CPU online a thread may next run on another CPU, so its
 * state must not stay behind in this one's registers: a thread switched
 * away from while it owns the FPU is saved then (fxsave) and the FPU left
 * ownerless.  Loads stay lazy; with one CPU saves do too.
 *
 * Invariant: while a user thread is current, CR0.TS is set exactly when it
 * is not the owner.  While a kernel thread runs (fpu_switch_to(NULL)) TS is
 * left as it is: the kernel never uses the FPU (it is built with
 * -mgeneral-regs-only, and an #NM in kernel mode is a kernel bug).
 * All of it runs with interrupts off (switches, the #NM gate) or turns
 * them off itself.
 */
#ifndef ARCH_X86_FPU_H
#define ARCH_X86_FPU_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/percpu.h"

#define FPU_STATE_SIZE 512

/* One thread's FPU state.  While the thread owns the FPU, image is stale
 * (the registers are the truth). */
struct fpu_state {
    uint8_t image[FPU_STATE_SIZE] __attribute__((aligned(16)));
    bool used; /* false: a clean FPU (fninit, default MXCSR); image unused */
};

/* Boot: enable the FPU and SSE, take the clean image. */
void fpu_init(void);
/* Interrupts off: the running CPU switches from the thread whose state is
 * prev to the one whose state is next (NULL: a kernel thread).  Inline, on
 * every switch: CR0 is written only when TS must change.  With several
 * CPUs online (smp_several) the state leaves with its thread, so that no
 * other CPU ever needs it from this one. */
void fpu_set_ts(bool on);
void fpu_save_owner(void);
static inline void fpu_switch(struct fpu_state *prev, struct fpu_state *next)
{
    if (smp_several && prev && prev == PERCPU_READ(fpu_owner))
        fpu_save_owner();
    PERCPU_WRITE(fpu_current, next);
    if (!next)
        return; /* a kernel thread leaves TS as it is */
    bool ts = next != PERCPU_READ(fpu_owner);
    if (ts != PERCPU_READ(fpu_ts))
        fpu_set_ts(ts);
}
/* Another CPU, at its start: nobody owns its FPU. */
void fpu_start_this_cpu(void);
/* The #NM handler: give the FPU to the current user thread. */
void fpu_trap(void);
/* Interrupts off or on: dst becomes a copy of the current thread's state
 * (fork, thread_fork). */
void fpu_copy_current(struct fpu_state *dst);
/* The current thread starts over with a clean FPU (exec). */
void fpu_reset_current(void);
/* How many times a thread's state has been loaded into the FPU (kstats). */
uint32_t fpu_load_count(void);
/* s is about to go away (its thread exits): the FPU forgets it. */
void fpu_release(struct fpu_state *s);

#endif
