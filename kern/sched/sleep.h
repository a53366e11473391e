/*
 * sleep.h - sleep(ticks): a thread blocks on the "sleep" wait queue and a
 * timer on the timing wheel (sched/timer_wheel.h) wakes it.
 * sched_sleep_ticks itself is declared in sched/sched.h, with the rest of
 * what system calls ask of the scheduler.
 */
#ifndef SCHED_SLEEP_H
#define SCHED_SLEEP_H

#include <stdint.h>

void sleep_init(void);
/* The clock interrupt, at every tick (interrupts off): wake the sleepers
 * due at tick now. */
void sleep_tick(uint32_t now);

#endif
