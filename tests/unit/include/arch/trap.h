/*
 * arch/trap.h for host unit tests: stands in for kern/arch/trap.h (the
 * frame type only).
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <abi/ureg.h>

typedef ureg_t trapframe_t;

#endif
