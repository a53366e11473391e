/*
 * clock.c - the tick counter, driven by the PIT's IRQ 0 at CLOCK_HZ.
 * ticks is written only by the interrupt handler; readers get a 32-bit
 * value in one load, so no lock is needed.  Each tick is also charged to
 * the thread it interrupts (thread.cpu_ticks), then sleepers due are
 * woken (sleep.c) and the scheduler told (sched_tick).
 */
#include "sched/clock.h"

#include "arch/irq.h"
#include "arch/timer.h"
#include "sched/sched.h"
#include "sched/sleep.h"

static volatile uint32_t ticks;

static void clock_irq(void)
{
    ticks++;
    sched_current()->cpu_ticks++; /* CPU time, sampled at each tick (ps) */
    sleep_tick(ticks);
    sched_tick(ticks);
}

void clock_init(void)
{
    timer_init(CLOCK_HZ);
    irq_register(IRQ_TIMER, clock_irq);
}

uint32_t clock_ticks(void) { return ticks; }
