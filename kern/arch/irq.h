/*
 * irq.h - hardware interrupts for drivers: irq_register(irq, fn) installs a
 * handler (boot time; it runs with interrupts off and must not block) and
 * unmasks the line; IRQ_TIMER, IRQ_KEYBOARD, IRQ_COM1 name the lines;
 * irq_set_exit_hook(fn) has fn(irq) run after each interrupt (the trace).
 * Implemented by arch/x86/irq.h and trap.c (the PIC).
 */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include "arch/x86/irq.h"

#endif
