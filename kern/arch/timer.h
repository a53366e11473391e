/*
 * timer.h - the periodic timer: timer_init(hz) makes IRQ_TIMER arrive hz
 * times a second (kern/sched/clock.c registers the handler).  Implemented
 * by arch/x86/pit.h (the 8254).
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include "arch/x86/pit.h"

#endif
