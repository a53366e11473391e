/*
 * ipi.h - the x86 side of the IPIs (arch/smp.h has the interface):
 * ipi_dispatch runs the handler of IPI kind ipi on the CPU that took it,
 * from irq.c, interrupts off, before the EOI.
 */
#ifndef ARCH_X86_IPI_H
#define ARCH_X86_IPI_H

void ipi_dispatch(unsigned ipi);

#endif
