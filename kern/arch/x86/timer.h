/*
 * timer.h - the x86 tick (arch/timer.h has the interface): each CPU's
 * local APIC timer in periodic mode, calibrated once against the PIT; the
 * PIT on IRQ 0 when there is no usable local APIC.
 */
#ifndef ARCH_X86_TIMER_H
#define ARCH_X86_TIMER_H

#include <stdbool.h>

void timer_init(unsigned hz);
void timer_start_this_cpu(void);
void timer_stop_this_cpu(void);
unsigned timer_ticks_taken(unsigned cpu);

/* For irq.c.  Does the tick arrive as IRQ 0 (the PIT), rather than on the
 * local APIC's timer vector?  Fixed by timer_init. */
bool timer_on_irq0(void);
/* Count a tick of the running CPU (interrupts off). */
void timer_count_tick(void);

#endif
