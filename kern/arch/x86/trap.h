/*
 * trap.h - the trap frame and the trap dispatcher's interface.
 * The frame built by trap_entry.S is laid out exactly as ureg_t, so the two
 * names denote one type.
 */
#ifndef ARCH_X86_TRAP_H
#define ARCH_X86_TRAP_H

#include <abi/ureg.h>
#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/cpu.h"
#include "arch/x86/seg.h"

/* The vectors below the system calls' (0x41 on), each with a stub in
 * trap_entry.S: the CPU's exceptions (0-31), the ISA IRQs 0-15 (32-47,
 * from the 8259 or routed alike by the IOAPIC), then the local APIC's
 * own: its timer, one vector per IPI kind (arch/smp.h, IPI_*), and its
 * spurious vector (low four bits set, as P6-family APICs require).  The
 * APIC's vectors sit above the IRQs, so they have the higher priority. */
#define TRAP_NSTUBS         64
#define TRAP_IRQ_BASE       32
#define TRAP_LAPIC_TIMER    48
#define TRAP_IPI_BASE       49 /* IPI kind k on TRAP_IPI_BASE + k */
#define TRAP_LAPIC_SPURIOUS 63
#define TRAP_NMI            2
#define TRAP_NOFPU          7
#define TRAP_GPFAULT        13
#define TRAP_PAGEFAULT      14

/* The frame of a trap: what user registers look like to the kernel. */
typedef ureg_t trapframe_t;

/* Did this trap come from user mode (ring 3)? */
static inline bool trap_from_user(const trapframe_t *tf) { return (tf->cs & 3) == 3; }
/* Were interrupts on where the trap happened? */
static inline bool trap_irq_were_on(const trapframe_t *tf) { return (tf->eflags & EFLAGS_IF) != 0; }

/* Page-fault error-code bits. */
#define PF_PRESENT 0x1u /* 0: page not present; 1: protection violation */
#define PF_WRITE   0x2u
#define PF_USER    0x4u

/* C entry of every exception and IRQ (called from trap_entry.S). */
void trap_dispatch(trapframe_t *tf);
/* The unwinding half of trap_entry.S: pops a trapframe at %esp and irets. */
void trap_return(void);

/* What the trap core calls in the layers above, registered by kern/proc/
 * at boot (tasks_init):
 *   fault hook: every exception but lazy FPU (kern/proc/fault.c);
 *   exit hook: interrupts off, on the way out of every trap: take a
 *       preemption the tick asked for, or die if killed on the way back
 *       to user mode (kern/proc/lifecycle.c: proc_trap_exit). */
typedef void (*trap_hook_t)(trapframe_t *tf);
void trap_set_fault_hook(trap_hook_t fn);
void trap_set_exit_hook(trap_hook_t fn);

/* The one direct call up (kern/syscall/syscall.c), kept direct because it
 * is the measured path: entered from trap_entry.S with the frame in %eax;
 * it alone handles a system call, from its handler to the exit checks. */
void syscall_dispatch(trapframe_t *tf);

/* Human-readable name of exception vector v (0..31). */
const char *trap_name(uint32_t v);

#endif
