/*
 * acpi.h - the ACPI tables the kernel reads: the MADT (CPUs, IOAPIC,
 * interrupt source overrides).  The function is declared in mp.h, next to
 * the topology it fills.
 */
#ifndef ARCH_X86_ACPI_H
#define ARCH_X86_ACPI_H

#include "arch/x86/mp.h"

#endif
