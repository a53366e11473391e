/*
 * trap.c - the C side of every trap: route exceptions, device interrupts
 * and system calls to their owners.  The trap core knows no device: IRQ
 * handlers are registered by the drivers themselves (irq_register; irq.c
 * dispatches them and the local APIC's vectors).  An NMI is the request
 * to stop (smp_stop.c) or a TLB shootdown (tlb.c), never a user's fault.
 *
 * Nor does it know the layers above it: what it calls in them is
 * registered at boot by kern/proc/ (trap_set_fault_hook and
 * trap_set_exit_hook, arch/x86/trap.h): one indirect call each on a
 * fault's way, one on every trap's way out.  Until then a fault panics and
 * the exit hook does nothing.
 *
 * Runs with interrupts off (all gates are interrupt gates).  Exception
 * handlers re-enable them as they see fit; IRQ handlers never do.  On the
 * way out (the exit hook) a pending preemption is taken, and a thread that
 * task_vanish has killed dies instead of going back to user mode.  System
 * calls do not come here: trap_entry.S calls syscall_dispatch straight (a
 * direct call: it is the measured path), which tests the same two flags
 * inline and calls the exit work (proc_trap_exit) only when one is set.
 * A parked CPU (smpboot.c) runs no thread: it skips the exit hook.
 */
#include "arch/x86/trap.h"

#include <stddef.h>

#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/irq.h"
#include "arch/x86/paging.h"
#include "arch/x86/smp_stop.h"
#include "arch/x86/smpboot.h"
#include "lib/assert.h"

static void fault_unhandled(trapframe_t *tf)
{
    panic("%s at eip 0x%08x before the fault handler was set", trap_name(tf->cause), tf->eip);
}
static void no_exit_work(trapframe_t *tf) { (void)tf; }

/* Each written once at boot (tasks_init), read by every trap. */
static trap_hook_t fault_hook = fault_unhandled;
static trap_hook_t exit_hook = no_exit_work;

void trap_set_fault_hook(trap_hook_t fn) { fault_hook = fn; }
void trap_set_exit_hook(trap_hook_t fn) { exit_hook = fn; }

static const char *const exception_names[32] = {
    "divide error",
    "debug",
    "NMI",
    "breakpoint",
    "overflow",
    "bound range exceeded",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor overrun",
    "invalid TSS",
    "segment not present",
    "stack fault",
    "general protection fault",
    "page fault",
    "reserved",
    "x87 floating-point error",
    "alignment check",
    "machine check",
    "SIMD floating-point error",
    "virtualization",
    "control protection",
};

const char *trap_name(uint32_t v)
{
    if (v < 32 && exception_names[v])
        return exception_names[v];
    return "reserved exception";
}

void trap_dispatch(trapframe_t *tf)
{
    uint32_t v = tf->cause;

    if (v == TRAP_NMI) {
        /* Cross-CPU requests: a stop, or a TLB shootdown.  No exit work:
         * the NMI may have come in the middle of anything, a spinlock
         * held, interrupts off. */
        smp_stop_nmi(tf); /* returns only if no stop was asked for */
        tlb_shootdown_nmi();
        return;
    }
    if (v == TRAP_NOFPU && trap_from_user(tf))
        fpu_trap(); /* lazy FPU switching (fpu.h), never a user-visible fault */
    else if (v < TRAP_IRQ_BASE)
        fault_hook(tf);
    else
        irq_dispatch(v);
    irq_disable(); /* a fault handler may have enabled them */
    if (!smp_this_cpu_parked())
        exit_hook(tf);
}
