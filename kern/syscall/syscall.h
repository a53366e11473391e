/*
 * syscall.h - system-call handlers.  One handler per entry of
 * include/abi/syscall_table.h, named sys_<name>, taking the caller's trap
 * frame and returning the value for %eax.  Handlers validate and copy their
 * arguments (through mm/uaccess.h only) and call into proc/, mm/, sched/,
 * dev/; no policy lives here.
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <stdint.h>

#include "arch/x86/trap.h"

#define SYSCALL(vec, name, nargs) int sys_##name(trapframe_t *tf);
#include <abi/syscall_table.h>
#undef SYSCALL

/* Fetch the n-word argument packet at %esi (SPEC §2); negative if unreadable. */
int syscall_args(const trapframe_t *tf, uint32_t *args, int n);

#endif
