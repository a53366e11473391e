/*
 * clock.c - the tick counter, driven by the periodic timer (arch/timer.h)
 * at CLOCK_HZ: every CPU's own tick runs clock_irq on that CPU.  Only
 * CPU 0's advances clock_tick_count and wakes the sleepers due (sleep.c),
 * so that get_ticks counts one clock however many CPUs tick; every CPU's
 * charges the thread it interrupts (thread.cpu_ticks) and tells the
 * scheduler (sched_tick).  clock_tick_count is written only by CPU 0's
 * handler; readers get a 32-bit value in one load, so no lock is needed.
 */
#include "sched/clock.h"

#include "arch/irq.h"
#include "arch/smp.h"
#include "arch/timer.h"
#include "sched/sched.h"
#include "sched/sleep.h"

volatile uint32_t clock_tick_count;

static void clock_irq(void)
{
    if (smp_cpu_id() == 0) {
        clock_tick_count++;
        sleep_tick(clock_tick_count);
    }
    sched_current()->cpu_ticks++; /* CPU time, sampled at each tick (ps) */
    sched_tick(clock_tick_count);
}

void clock_init(void)
{
    timer_init(CLOCK_HZ);
    irq_register(IRQ_TIMER, clock_irq);
}
