/*
 * lapic.h - the local APIC: each CPU's own interrupt controller, at the
 * same physical address on every CPU (each sees its own registers there).
 * The kernel uses it to pass the 8259's interrupts through (virtual wire
 * mode, on the boot CPU, while there is no IOAPIC), to start the other
 * CPUs (INIT and STARTUP IPIs), to send IPIs and NMIs (ipi.c, smp_stop.c),
 * as each CPU's tick (timer.c), and to acknowledge every interrupt it
 * delivered (EOI).  Every function but the first three needs lapic_map.
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
/* Boot CPU, after paging_init: map the registers at physical pa (the
 * tables' address; 0: the one the APIC base MSR names).  No-op without an
 * APIC; then lapic_mapped() stays false and nothing below may be used. */
void lapic_map(uint32_t pa);
bool lapic_mapped(void);
/* An application CPU, paging on: software-enable its APIC, timer and
 * LINT0/1 masked (the 8259 is wired to the boot CPU only). */
void lapic_enable_ap(void);
/* Boot CPU, once the IOAPIC carries the ISA interrupts: LINT0 masked, so
 * that nothing of the 8259 (not even its spurious IRQ 7) comes in. */
void lapic_mask_extint(void);
/* The running CPU's end of interrupt, for a vector its APIC delivered. */
void lapic_eoi(void);
/* Send INIT, then two STARTUP IPIs at the page of vector_pa, with the waits
 * the MP specification asks for.  false if an IPI was never accepted. */
bool lapic_start_cpu(uint8_t apic_id, uint32_t vector_pa);
/* A fixed interrupt on vector, or an NMI, to the CPU with apic_id (itself
 * included).  Any context; returns once the APIC has accepted the command
 * (bounded; false if it did not), without waiting for the handler. */
bool lapic_send_fixed(uint8_t apic_id, uint8_t vector);
bool lapic_send_nmi(uint8_t apic_id);

/* The running CPU's timer, counting the bus clock (divide by 1):
 *   oneshot_masked  count down from count once, no interrupt (calibration)
 *   now             the current count
 *   periodic        interrupt on vector every count bus clocks
 *   stop            masked and stopped */
void lapic_timer_oneshot_masked(uint32_t count);
uint32_t lapic_timer_now(void);
void lapic_timer_periodic(uint8_t vector, uint32_t count);
void lapic_timer_stop(void);

#endif
