/*
 * arch/cpu.h for host unit tests: stands in for kern/arch/cpu.h (it comes
 * first on the include path).  Interrupts are one flag the test can read;
 * nothing privileged runs.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>

static bool host_irq_on = true;

static inline bool irq_enabled(void) { return host_irq_on; }
static inline void irq_disable(void) { host_irq_on = false; }
static inline void irq_enable(void) { host_irq_on = true; }
static inline uint32_t irq_save(void)
{
    uint32_t was = host_irq_on;
    host_irq_on = false;
    return was;
}
static inline void irq_restore(uint32_t was)
{
    if (was)
        host_irq_on = true;
}
static inline bool irq_was_enabled(uint32_t was) { return was != 0; }
static inline void cpu_halt(void) {}
static inline void cpu_idle(void) {}
static inline uint32_t xchg(volatile uint32_t *p, uint32_t v)
{
    uint32_t old = *p;
    *p = v;
    return old;
}
static inline uint64_t rdtsc(void) { return 0; }
static inline void cpu_set_kernel_stack(uint32_t top) { (void)top; }

#endif
