/*
 * pit.h - the 8254 timer: channel 0 as the tick on IRQ 0 (until the local
 * APIC timer takes over, if it does: timer.c), channel 2 for busy waits
 * and as a stopwatch.
 */
#ifndef ARCH_X86_PIT_H
#define ARCH_X86_PIT_H

#include <stdint.h>

/* The 8254's input clock, in Hz. */
#define PIT_FREQ 1193182u

/* Channel 0: interrupt (IRQ 0) hz times a second.  Returns the divisor:
 * the input clocks per tick. */
uint32_t pit_init(unsigned hz);
/* Busy-wait at least us microseconds on channel 2 (interrupts off;
 * channel 0 keeps ticking). */
void pit_delay_us(unsigned us);
/* Channel 2 as a stopwatch: start counting down from 0xFFFF, one count
 * per input clock (it wraps after 54.9 ms, and runs on), and read the
 * count, latched. */
void pit_stopwatch_start(void);
uint16_t pit_stopwatch_read(void);

#endif
