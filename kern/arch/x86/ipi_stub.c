/*
 * ipi_stub.c - TEMPORARY stand-ins until the LAPIC timer and IPIs land
 * (branch h15-apic).  Removed at that merge.
 */
#include "arch/smp.h"
#include "arch/timer.h"

void smp_send_ipi(unsigned cpu, unsigned ipi)
{
    (void)cpu;
    (void)ipi;
}

void smp_set_ipi_handler(unsigned ipi, void (*fn)(void))
{
    (void)ipi;
    (void)fn;
}

void timer_start_this_cpu(void) {}
