/*
 * clock.h - the system tick: 1000 timer interrupts a second since boot.
 */
#ifndef SCHED_CLOCK_H
#define SCHED_CLOCK_H

#include <stdint.h>

#define CLOCK_HZ 1000

void clock_init(void);
uint32_t clock_ticks(void);

#endif
