/*
 * swexn.h - software exceptions (SPEC §3): a user handler for the calling
 * thread's exceptions, and adopting a register set given by the program.
 */
#ifndef PROC_SWEXN_H
#define PROC_SWEXN_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/trap.h"

/* The swexn system call: args as in SPEC; returns the value for %eax. */
int swexn_syscall(trapframe_t *tf, uint32_t esp3, uint32_t eip, uint32_t arg, uint32_t newureg);
/* A user exception in tf: if a handler is registered, deregister it and
 * arrange for the thread to run it.  False if there is none, or its stack
 * cannot be written (the thread must then die). */
bool swexn_deliver(trapframe_t *tf);

#endif
