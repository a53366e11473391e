/*
 * fault.c - what happens when the CPU raises an exception.
 *
 * From user mode: a page fault may be legitimate (lazy page, stack growth)
 * and is then resolved; otherwise a registered swexn handler gets the
 * exception (kern/proc/swexn.c), and without one the thread is killed with a
 * one-line report.  From kernel mode: a fault inside a checked user copy
 * (the arch's copy routine behind mm/uaccess.h) that is not a lazy page
 * or stack growth becomes -E_FAULT for the system call, whatever the
 * address; anything else is a kernel bug and panics with the faulting
 * frame's registers and backtrace.
 */
#include <abi/layout.h>

#include "arch/cpu.h"
#include "arch/trap.h"
#include "lib/assert.h"
#include "lib/ksyms.h"
#include "lib/printf.h"
#include "mm/uaccess.h"
#include "proc/swexn.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "trace/trace.h"

static void panic_frame(const trapframe_t *tf)
{
    irq_disable();
    printf("\nkernel fault: %s (vector %u, error 0x%x) at eip 0x%08x, cr2 0x%08x\n", trap_name(tf->cause),
           tf->cause, tf->error_code, tf->eip, tf->cr2);
    printf("eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x ebp=%08x eflags=%08x\n", tf->eax, tf->ebx,
           tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp, tf->eflags);
    backtrace_print(tf->eip, tf->ebp);
    panic("unexpected %s in the kernel", trap_name(tf->cause));
}

static bool is_page_fault(const trapframe_t *tf) { return tf->cause == TRAP_PAGEFAULT; }

static void kernel_fault(trapframe_t *tf)
{
    struct thread *self = sched_current();
    bool user_addr = is_page_fault(tf) && tf->cr2 >= USER_MEM_START;
    if (user_addr && self && self->task && trap_irq_were_on(tf)) {
        irq_enable();
        if (vm_handle_fault(self->task->vm, tf->cr2, (tf->error_code & PF_WRITE) != 0) == 0)
            return;
    }
    /* Inside a user copy any fault, at any address (say a copy that a
     * range-check slip let wrap past 0xFFFFFFFF to page 0), is -E_FAULT. */
    if (uaccess_fixup(tf))
        return;
    panic_frame(tf);
}

void fault_handle(trapframe_t *tf)
{
    if (!trap_from_user(tf)) {
        kernel_fault(tf);
        return;
    }
    irq_enable();
    struct thread *self = sched_current();
    uint32_t eip = tf->eip; /* swexn delivery changes it */
    if (is_page_fault(tf)) {
        bool write = (tf->error_code & PF_WRITE) != 0;
        if (vm_handle_fault(self->task->vm, tf->cr2, write) == 0) {
            trace_fault(tf->cause, tf->cr2, eip, TRACE_FAULT_RESOLVED);
            return;
        }
    } else {
        tf->cr2 = 0; /* cr2 means something only for page faults */
    }
    if (swexn_deliver(tf)) {
        trace_fault(tf->cause, tf->cr2, eip, TRACE_FAULT_SWEXN);
        return;
    }
    trace_fault(tf->cause, tf->cr2, eip, TRACE_FAULT_KILLED);
    proc_kill_current(tf, trap_name(tf->cause));
}
