/*
 * arch/trap.h for host unit tests: stands in for kern/arch/trap.h (the
 * frame type, and a preemption hook nobody calls).
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <abi/ureg.h>

typedef ureg_t trapframe_t;

static inline void trap_set_preempt_hook(void (*fn)(void)) { (void)fn; }

#endif
