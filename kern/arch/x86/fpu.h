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

#define FPU_STATE_SIZE 512

/* One thread's FPU state.  While the thread owns the FPU, image is stale
 * (the registers are the truth). */
struct fpu_state {
    uint8_t image[FPU_STATE_SIZE] __attribute__((aligned(16)));
    bool used; /* false: a clean FPU (fninit, default MXCSR); image unused */
};

/* Boot: enable the FPU and SSE, take the clean image. */
void fpu_init(void);
/* Interrupts off: the state of the thread about to run (NULL: a kernel
 * thread).  Inline, on every switch: CR0 is written only when TS must
 * change. */
extern struct fpu_state *fpu_owner;   /* whose values are in the FPU (or NULL) */
extern struct fpu_state *fpu_current; /* the running user thread's (NULL: kernel thread) */
extern bool fpu_ts;                   /* CR0.TS as last written */
void fpu_set_ts(bool on);
static inline void fpu_switch_to(struct fpu_state *next)
{
    fpu_current = next;
    if (next && (next != fpu_owner) != fpu_ts) /* a kernel thread leaves TS as it is */
        fpu_set_ts(next != fpu_owner);
}
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
