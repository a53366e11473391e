/*
 * timer.h - the periodic tick, as generic code may use it.  This is the
 * interface; arch/x86/timer.c implements it.  A port provides the same
 * names:
 *
 *   void timer_set_log(void (*log_line)(const char *line))
 *                                    boot, before timer_init: where a line
 *                                    said from an interrupt handler goes
 *                                    (it must take it with interrupts off)
 *   void timer_share(void)           boot, before timer_init: one timer,
 *                                    the boot CPU's, ticks for every CPU
 *                                    (the command line's timer=shared)
 *   void timer_init(unsigned hz)     boot CPU, once, before IRQ_TIMER is
 *                                    registered: start its tick, hz a
 *                                    second, and say on the console which
 *                                    timer it is (or, should that change
 *                                    later, on the log)
 *   void timer_start_this_cpu(void)  another CPU starts its own tick at the
 *                                    same rate; interrupts off.  Where one
 *                                    timer ticks for the whole machine,
 *                                    or until the boot CPU's tick has
 *                                    settled the rate, the boot CPU's
 *                                    ticks are forwarded to it instead
 *   void timer_stop_this_cpu(void)   the running CPU's own tick stops
 *                                    (likewise)
 *   bool timer_settled(void)         the boot CPU's tick has settled which
 *                                    timer ticks, at what rate
 *   bool timer_shared(void)          settled, and the boot CPU's timer
 *                                    ticks for every CPU
 *   unsigned timer_ticks_taken(unsigned cpu)  ticks that CPU has taken
 *
 * At every tick the handler registered for IRQ_TIMER (kern/sched/clock.c)
 * runs on the CPU that took it.
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include "arch/x86/timer.h"

#endif
