/*
 * clock.h - the system tick: 1000 timer interrupts a second since boot.
 */
#ifndef SCHED_CLOCK_H
#define SCHED_CLOCK_H

#include <stdint.h>

#define CLOCK_HZ 1000

void clock_init(void);

/* Ticks since boot: written only by CPU 0's tick (clock.c), read in one
 * load anywhere.  Inline: every context switch reads it. */
extern volatile uint32_t clock_tick_count;
static inline uint32_t clock_ticks(void) { return clock_tick_count; }

#endif
