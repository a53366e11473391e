/*
 * arch/timer.h for host unit tests: stands in for kern/arch/timer.h (no
 * timer: the tests call the scheduler's tick themselves).
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

static inline void timer_start_this_cpu(void) {}

#endif
