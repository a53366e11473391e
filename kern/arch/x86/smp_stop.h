/*
 * smp_stop.h - the x86 side of smp_stop_others (arch/smp.h): the NMI
 * vector's handler.
 */
#ifndef ARCH_X86_SMP_STOP_H
#define ARCH_X86_SMP_STOP_H

#include "arch/x86/trap.h"

/* The NMI's trap (trap.c): on a CPU asked to stop, run the stopper's
 * on_stop and halt for good; otherwise return at once (a TLB shootdown's
 * NMI, tlb.c; and NMIs that arrive together are taken as one, so one meant
 * for something else, or one already served, may come in). */
void smp_stop_nmi(const trapframe_t *tf);
/* Halt the running CPU for good, interrupts off; the stop NMI still
 * reaches it (a CPU waiting to be stopped: a panic's loser). */
void smp_stop_park(void) __attribute__((noreturn));

#endif
