/*
 * trap.c - the C side of every trap: route exceptions, device interrupts
 * and system calls to their owners.  The trap core knows no device: IRQ
 * handlers are registered by the drivers themselves (irq_register).
 *
 * Runs with interrupts off (all gates are interrupt gates).  Exception and
 * system-call handlers re-enable them as they see fit; IRQ handlers never
 * do.  On the way out a pending preemption is taken, and a thread that
 * task_vanish has killed dies (trap_user_return_hook) instead of going
 * back to user mode.  Both checks are inline flag tests: this path runs on
 * every system call.
 */
#include "arch/x86/trap.h"

#include "arch/x86/cpu.h"
#include "arch/x86/irq.h"
#include "arch/x86/pic.h"
#include "lib/assert.h"
#include "sched/sched.h"
#include "trace/trace.h"

static irq_handler_t irq_handlers[IRQ_COUNT];

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

void irq_register(int irq, irq_handler_t fn)
{
    assert(irq >= 0 && irq < IRQ_COUNT);
    irq_handlers[irq] = fn;
    pic_unmask(irq);
}

static void irq_dispatch(int irq)
{
    if ((irq == 7 || irq == 15) && pic_spurious(irq))
        return;
    if (irq_handlers[irq])
        irq_handlers[irq]();
    pic_eoi(irq);
    trace_irq(irq); /* also a safe point to drain the trace */
}

void trap_dispatch(trapframe_t *tf)
{
    uint32_t v = tf->cause;

    if (v < 32)
        fault_handle(tf);
    else if (v < TRAP_NSTUBS)
        irq_dispatch((int)(v - TRAP_IRQ_BASE));
    else
        syscall_dispatch(tf);

    /* Preempt only where it is safe to switch: any trap that interrupted
     * code running with interrupts on (user mode, or preemptible kernel). */
    if (tf->eflags & EFLAGS_IF) {
        irq_disable();
        sched_preempt_if_needed();
    }
    if (trap_from_user(tf) && sched_current()->killed)
        trap_user_return_hook(tf); /* dies there */
    irq_disable();
}
