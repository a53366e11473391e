/* pit.h - program the 8254 timer to interrupt (IRQ 0) hz times a second. */
#ifndef ARCH_X86_PIT_H
#define ARCH_X86_PIT_H
void pit_init(unsigned hz);
/* Busy-wait at least us microseconds on channel 2 (boot, interrupts off;
 * channel 0 keeps ticking). */
void pit_delay_us(unsigned us);
/* The periodic timer by its generic name (kern/arch/timer.h). */
static inline void timer_init(unsigned hz) { pit_init(hz); }
/* Another CPU starts its own timer (TEMPORARY no-op until the LAPIC timer). */
void timer_start_this_cpu(void);
#endif
