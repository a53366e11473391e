/*
 * pit.h - the 8254 timer: channel 0 as the tick on IRQ 0 (until the local
 * APIC timer takes over, if it does: timer.c), channel 2 for busy waits.
 */
#ifndef ARCH_X86_PIT_H
#define ARCH_X86_PIT_H

#include <stdint.h>

/* The 8254's input clock, in Hz. */
#define PIT_FREQ 1193182u

/* Channel 0: interrupt (IRQ 0) hz times a second.  Returns the divisor:
 * the input clocks per tick. */
uint32_t pit_init(unsigned hz);
/* Channel 0's count now (CPU 0).  In mode 2 it runs from the divisor down
 * to 1, and reloads the divisor at the input clock that raises IRQ 0. */
uint16_t pit_tick_count(void);
/* Busy-wait at least us microseconds on channel 2 (interrupts off;
 * channel 0 keeps ticking). */
void pit_delay_us(unsigned us);

#endif
