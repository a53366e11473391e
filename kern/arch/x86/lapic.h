/*
 * lapic.h - the local APIC: each CPU's own interrupt controller, at the
 * same physical address on every CPU (each sees its own registers there).
 * The kernel uses it to pass the 8259's interrupts through (virtual wire
 * mode, on the boot CPU) and to start the other CPUs (INIT and STARTUP
 * IPIs).  The timer and the IOAPIC route are the next step of issue 15.
 */
#ifndef ARCH_X86_LAPIC_H
#define ARCH_X86_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* Does this CPU have a local APIC (CPUID)? */
bool lapic_present(void);
/* The running CPU's APIC id as CPUID reports it (0 without an APIC). */
uint8_t lapic_cpuid_apic_id(void);
/* Boot CPU, paging off: software-enable the APIC in virtual wire mode,
 * LINT0 = ExtINT (the 8259's INTR), LINT1 = NMI.  No-op without an APIC. */
void lapic_virtual_wire(void);
/* After paging_init: map the registers at physical pa (the tables' address). */
void lapic_map(uint32_t pa);
/* An application CPU, paging on: software-enable its APIC, LINT0/1 masked
 * (the 8259 is wired to the boot CPU only). */
void lapic_enable_ap(void);
/* Send INIT, then two STARTUP IPIs at the page of vector_pa, with the waits
 * the MP specification asks for.  false if an IPI was never accepted. */
bool lapic_start_cpu(uint8_t apic_id, uint32_t vector_pa);
/* Send an NMI to the CPU with this APIC id (it is taken even with
 * interrupts off); false if the APIC did not accept it. */
bool lapic_send_nmi(uint8_t apic_id);

#endif
