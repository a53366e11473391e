/*
 * pit.h - the 8254 timer: channel 0 as the tick on IRQ 0 (the fallback
 * when there is no local APIC, timer.c), channel 2 as a stopwatch.
 */
#ifndef ARCH_X86_PIT_H
#define ARCH_X86_PIT_H

#include <stdint.h>

/* The 8254's input clock, in Hz. */
#define PIT_FREQ 1193182u

/* Channel 0: interrupt (IRQ 0) hz times a second. */
void pit_init(unsigned hz);
/* Busy-wait at least us microseconds on channel 2 (boot, interrupts off;
 * channel 0 keeps ticking). */
void pit_delay_us(unsigned us);
/* Channel 2 as a stopwatch (boot, interrupts off): start counting down
 * from 0xFFFF, one count per input clock (it wraps after 54.9 ms), and
 * read the count. */
void pit_stopwatch_start(void);
uint16_t pit_stopwatch_read(void);

#endif
