/*
 * irq.h - hardware interrupt registration.  Devices register their own
 * handlers; the trap core knows no device.
 *
 * Handlers run with interrupts disabled, on the interrupted thread's kernel
 * stack, and must never block.  The interrupt controller is acknowledged
 * (EOI) by irq.c after the handler returns; a handler may then be
 * followed by a preemption when the timer asks for one.
 *
 * IRQ_TIMER is the tick, whatever delivers it (arch/timer.h): its handler
 * runs on every CPU whose timer ticks, the others' handlers on CPU 0.
 */
#ifndef ARCH_X86_IRQ_H
#define ARCH_X86_IRQ_H

#include <stdint.h>

#define IRQ_TIMER    0
#define IRQ_KEYBOARD 1
#define IRQ_COM1     4
#define IRQ_COUNT    16

typedef void (*irq_handler_t)(void);

/* Install fn for irq (0..15) and let the line through its controller (the
 * IOAPIC's route, or the 8259's mask).  Boot time only; IRQ_TIMER after
 * timer_init. */
void irq_register(int irq, irq_handler_t fn);
/* CPU 0, interrupts off: hold irq back at its controller (the tick's
 * IRQ 0, once the local APIC timer takes over: timer.c). */
void irq_mask(int irq);
/* Interrupts off.  fn(irq) runs after every interrupt's handler and EOI
 * until cleared (NULL): the trace's record and drain point, set only
 * while a session runs (kern/trace/trace.c). */
void irq_set_exit_hook(void (*fn)(int irq));

/* The x86 side, for smpboot.c and trap.c. */
struct topology;
/* Boot, from smp_start, after lapic_map and before any irq_register:
 * the IOAPIC carries the ISA IRQs when there is one and a local APIC,
 * else the 8259 stays; says which on the console. */
void irq_controllers_init(const struct topology *t);
/* A vector from TRAP_IRQ_BASE up (trap.h): an IRQ, the APIC timer, an
 * IPI or the APIC's spurious vector.  Interrupts off. */
void irq_dispatch(uint32_t vector);

#endif
