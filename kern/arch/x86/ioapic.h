/*
 * ioapic.h - the I/O APIC that carries the ISA interrupts (the one whose
 * inputs start at GSI 0), as the firmware's tables describe it (mp.h).
 */
#ifndef ARCH_X86_IOAPIC_H
#define ARCH_X86_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/mp.h"

/* Boot, after paging_init: map the IOAPIC t names and mask all its
 * inputs.  false (and nothing mapped) if t names none, or if some ISA IRQ
 * would reach an input it does not have: then the 8259 stays. */
bool ioapic_init(const struct topology *t);
/* Boot: deliver ISA IRQ irq as vector to the CPU with APIC id apic_id
 * (fixed, physical destination), on its input and with the polarity and
 * trigger mode the overrides give (ISA's edge, active high otherwise),
 * and unmask it.  Returns the input (GSI) it used. */
uint32_t ioapic_route(unsigned irq, uint8_t vector, uint8_t apic_id);
/* CPU 0, interrupts off: ISA IRQ irq's input masked (ioapic_route'd
 * before).  One already on its way to the
 * CPU still arrives. */
void ioapic_mask(unsigned irq);
/* Inputs the IOAPIC has (0 before ioapic_init). */
unsigned ioapic_inputs(void);

#endif
