/*
 * timer.h - the x86 tick (arch/timer.h has the interface): the PIT on
 * IRQ 0 from boot, until CPU 0's ticks have calibrated the local APIC
 * timer against it; then each CPU's APIC timer in periodic mode.  The PIT
 * for good when there is no usable local APIC timer, or when told
 * (timer_share); its ticks are then every CPU's, forwarded by IPI
 * (timer.c).
 */
#ifndef ARCH_X86_TIMER_H
#define ARCH_X86_TIMER_H

#include <stdbool.h>

void timer_set_log(void (*log_line)(const char *line));
void timer_share(void);
void timer_init(unsigned hz);
void timer_start_this_cpu(void);
void timer_stop_this_cpu(void);
bool timer_settled(void);
bool timer_shared(void);
unsigned timer_ticks_taken(unsigned cpu);

/* For irq.c.  Does the tick arrive as IRQ 0 (the PIT), rather than on the
 * local APIC's timer vector?  True from timer_init until CPU 0's tick
 * switches to the APIC timer (then false for good), or for good. */
bool timer_on_irq0(void);
/* Count a tick of the running CPU (interrupts off); on CPU 0, while the
 * APIC timer is calibrated, also the calibration's step (timer.c). */
void timer_count_tick(void);

#endif
