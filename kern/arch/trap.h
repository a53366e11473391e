/*
 * trap.h - a trap as generic code sees it.  Implemented by arch/x86/trap.h:
 *
 *   trapframe_t                 the registers at the trap (laid out as the
 *                               ABI's ureg_t, include/abi/ureg.h)
 *   TRAP_PAGEFAULT, TRAP_GPFAULT   the causes generic code tells apart
 *   bool trap_from_user(tf)     did it come from user mode?
 *   bool trap_irq_were_on(tf)   were interrupts on when it happened?
 *   const char *trap_name(cause)   for reports
 *   PF_PRESENT, PF_WRITE, PF_USER  page-fault error bits
 *   trap_set_fault_hook, trap_set_exit_hook: the layers above register
 *       what the trap core calls in them
 *   syscall_dispatch: the one direct call up (defined in kern/syscall/)
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include "arch/x86/trap.h"

#endif
