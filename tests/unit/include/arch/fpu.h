/*
 * arch/fpu.h for host unit tests: stands in for kern/arch/fpu.h.  The
 * scheduler only hands each thread's state to the FPU layer; on the host
 * there is no FPU, so the hand-over is recorded and nothing else happens.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

struct fpu_state {
    int unused;
};

static struct fpu_state *host_fpu_current; /* the last state switched to */

static inline void fpu_switch(struct fpu_state *prev, struct fpu_state *next)
{
    (void)prev;
    host_fpu_current = next;
}
static inline void fpu_release(struct fpu_state *s) { (void)s; }

#endif
