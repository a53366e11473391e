/*
 * mp.h - what the firmware tells us about the CPUs and interrupt
 * controllers (struct topology), from the ACPI MADT (acpi.c) or, failing
 * that, the Intel MultiProcessor table (mp.c).  Both are read once at boot
 * with paging off (the tables may lie anywhere in physical memory); after
 * that the topology is read-only.
 */
#ifndef ARCH_X86_MP_H
#define ARCH_X86_MP_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/smp.h"

#define TOPOLOGY_MAX_OVERRIDES 16u

/* An ISA IRQ that reaches the IOAPIC on another input, or with another
 * polarity or trigger mode than ISA's (MADT type 2; MP table type 3). */
struct irq_override {
    uint8_t irq;
    uint32_t gsi;
    uint16_t flags; /* polarity (bits 0-1), trigger mode (bits 2-3) */
};

struct topology {
    const char *source; /* "ACPI MADT", "MP table" */
    uint32_t lapic_pa;  /* every CPU's local APIC, at the same address */
    unsigned ncpus;     /* enabled CPUs listed, at most SMP_MAX_CPUS */
    unsigned nskipped;  /* enabled CPUs beyond SMP_MAX_CPUS */
    uint8_t apic_id[SMP_MAX_CPUS];
    uint32_t ioapic_pa; /* the IOAPIC of the ISA IRQs (the first, or the one at GSI 0); 0 if none */
    uint8_t ioapic_id;
    uint32_t ioapic_gsi_base;
    unsigned noverrides;
    struct irq_override overrides[TOPOLOGY_MAX_OVERRIDES];
};

/* Fill t from the MP table; false if there is none (mp.c). */
bool mp_table_find(struct topology *t);
/* Fill t from the ACPI MADT; false if there is none (acpi.c). */
bool acpi_madt_find(struct topology *t);

/* Shared by both parsers.  Table fields are little-endian and unaligned. */
static inline uint16_t table_rd16(const uint8_t *p, uint32_t off)
{
    return (uint16_t)(p[off] | p[off + 1] << 8);
}
static inline uint32_t table_rd32(const uint8_t *p, uint32_t off)
{
    return table_rd16(p, off) | (uint32_t)table_rd16(p, off + 2) << 16;
}
/* (mp.c) */
/* Do len bytes at p sum to 0 (mod 256)? */
bool table_checksum_ok(const void *p, uint32_t len);
/* The first 16-byte-aligned structure in [start, start+len) that begins
 * with the len_sig bytes of sig and whose first sum_len bytes sum to 0;
 * NULL if none. */
const void *table_scan(uint32_t start, uint32_t len, const char *sig, uint32_t sig_len, uint32_t sum_len);
/* Where the firmware hides its pointer structures: the first KiB of the
 * EBDA, the last KiB of base memory, then the BIOS ROM from rom_start
 * (ACPI: 0xE0000, MP: 0xF0000) to 1 MiB. */
const void *table_scan_bios(const char *sig, uint32_t sig_len, uint32_t sum_len, uint32_t rom_start);
/* Record an enabled CPU (boot CPU first when known). */
void topology_add_cpu(struct topology *t, uint8_t apic_id, bool boot_cpu);

#endif
