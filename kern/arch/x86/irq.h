/*
 * irq.h - hardware interrupt registration.  Devices register their own
 * handlers; the trap core knows no device.
 *
 * Handlers run with interrupts disabled, on the interrupted thread's kernel
 * stack, and must never block.  The PIC is acknowledged (EOI) by the trap
 * core after the handler returns; a handler may then be followed by a
 * preemption when the timer asks for one.
 */
#ifndef ARCH_X86_IRQ_H
#define ARCH_X86_IRQ_H

#define IRQ_TIMER    0
#define IRQ_KEYBOARD 1
#define IRQ_COM1     4
#define IRQ_COUNT    16

typedef void (*irq_handler_t)(void);

/* Install fn for irq (0..15) and unmask it at the PIC. Boot time only. */
void irq_register(int irq, irq_handler_t fn);
/* Interrupts off.  fn(irq) runs after every interrupt's handler and EOI
 * until cleared (NULL): the trace's record and drain point, set only
 * while a session runs (kern/trace/trace.c). */
void irq_set_exit_hook(void (*fn)(int irq));

#endif
