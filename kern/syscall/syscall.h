/*
 * syscall.h - system-call handlers.  One handler per entry of
 * include/abi/syscall_table.h, named sys_<name>, taking the caller's trap
 * frame and its arguments, and returning the value for %eax.  The
 * dispatcher fetches the arguments by the table's count: arg[0] ..
 * arg[nargs-1] are the words of the packet, or %esi for a one-argument call
 * (for none, arg points at %esi too and is not read).  Handlers validate
 * the arguments, copy what they point at (through mm/uaccess.h only) and
 * call into proc/, mm/, sched/, dev/; no policy lives here.
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <stdint.h>

#include "arch/trap.h"

#define SYSCALL(vec, name, nargs) int sys_##name(trapframe_t *tf, const uint32_t *arg);
#include <abi/syscall_table.h>
#undef SYSCALL

/* Trace system calls, or stop, as trace_on says (after trace_start/stop). */
void syscall_trace_sync(void);

#endif
