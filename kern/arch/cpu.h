/*
 * cpu.h - the processor as generic code may use it.  This is the interface;
 * arch/x86/ implements it (cpu.h, seg.h inline; cpu.c, machine.c).  A port
 * to another CPU provides the same names:
 *
 *   uint32_t irq_save(void)            interrupts off; the old state
 *   void irq_restore(uint32_t was)     interrupts back as they were
 *   bool irq_was_enabled(uint32_t was) were they on, in that old state?
 *   void irq_enable(void), irq_disable(void); bool irq_enabled(void)
 *   void cpu_halt(void)                wait for the next interrupt
 *   void cpu_idle(void)                interrupts on and wait, in one step
 *   uint32_t xchg(volatile uint32_t *p, uint32_t v)   atomic exchange
 *   uint64_t rdtsc(void)               the time-stamp counter (guest
 *                                      instructions under QEMU's icount)
 *   void cpu_set_kernel_stack(uint32_t top)  where a trap from user mode
 *                                      starts its kernel stack
 *   void cpu_init(void)                descriptor tables, interrupt
 *                                      controller, FPU (boot, once)
 *   void machine_init(void)            give panic the machine (first at boot)
 *   void machine_exit(int code)        stop (0 halt, 1 panic); no return
 *   void machine_set_shutdown_hook(void (*hook)(void))  a driver's last word
 *
 * Interrupt discipline: docs/locking.md.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "arch/x86/cpu.h"
#include "arch/x86/percpu.h"
#include "arch/x86/seg.h"

#endif
