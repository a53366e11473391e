/*
 * acpi.c - the ACPI MADT ("APIC" table), found through the RSDP and the
 * RSDT.  Runs once at boot with paging off; no locks.
 *
 * RSDP ("RSD PTR ", 20 bytes checksummed; in the EBDA's first KiB or
 * 0xE0000-0xFFFFF): the RSDT's physical address at 16.  Every table starts with a 36-byte header: signature
 * (0), length (4).  The RSDT's body is 32-bit table addresses.  The MADT's body: local APIC address (36),
 * flags (40), then entries of type (0) and length (1): 0 local APIC: APIC id at 3, flags at 4 (bit 0 enabled)
 *   1 IOAPIC: id at 2, address at 4, first GSI at 8
 *   2 interrupt source override: ISA IRQ at 3, GSI at 4, flags at 8
 *   5 local APIC address override: 64-bit address at 4
 * The boot CPU is the one running this code: its APIC id comes first.
 */
#include "arch/x86/acpi.h"

#include "arch/x86/lapic.h"
#include "lib/string.h"

#define SDT_HEADER_LEN   36u
#define MADT_ENTRIES     44u
#define MADT_LAPIC       0
#define MADT_IOAPIC      1
#define MADT_OVERRIDE    2
#define MADT_LAPIC_ADDR  5
#define MADT_LAPIC_EN    0x1u
#define RSDP_CHECKED_LEN 20u
#define RSDP_ROM_START   0xE0000u

static const uint8_t *sdt_valid(uint32_t pa, const char *sig)
{
    const uint8_t *h = (const uint8_t *)pa;
    if (!h || memcmp(h, sig, 4) != 0)
        return NULL;
    uint32_t len = table_rd32(h, 4);
    return len >= SDT_HEADER_LEN && table_checksum_ok(h, len) ? h : NULL;
}

static const uint8_t *find_madt(void)
{
    const uint8_t *rsdp = table_scan_bios("RSD PTR ", 8, RSDP_CHECKED_LEN, RSDP_ROM_START);
    const uint8_t *rsdt = rsdp ? sdt_valid(table_rd32(rsdp, 16), "RSDT") : NULL;
    if (!rsdt)
        return NULL;
    uint32_t n = (table_rd32(rsdt, 4) - SDT_HEADER_LEN) / 4;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *t = sdt_valid(table_rd32(rsdt, SDT_HEADER_LEN + 4 * i), "APIC");
        if (t)
            return t;
    }
    return NULL;
}

static void madt_entry(struct topology *t, const uint8_t *e, uint8_t boot_apic_id)
{
    switch (e[0]) {
    case MADT_LAPIC:
        if (table_rd32(e, 4) & MADT_LAPIC_EN)
            topology_add_cpu(t, e[3], e[3] == boot_apic_id);
        break;
    case MADT_IOAPIC: /* the first, unless a later one serves GSI 0 (the ISA IRQs) */
        if (!t->ioapic_pa || (t->ioapic_gsi_base != 0 && table_rd32(e, 8) == 0)) {
            t->ioapic_id = e[2];
            t->ioapic_pa = table_rd32(e, 4);
            t->ioapic_gsi_base = table_rd32(e, 8);
        }
        break;
    case MADT_OVERRIDE:
        if (t->noverrides < TOPOLOGY_MAX_OVERRIDES)
            t->overrides[t->noverrides++] = (struct irq_override){e[3], table_rd32(e, 4), table_rd16(e, 8)};
        break;
    case MADT_LAPIC_ADDR:
        t->lapic_pa = table_rd32(e, 4); /* a 32-bit kernel: the low half */
        break;
    default: break;
    }
}

bool acpi_madt_find(struct topology *t)
{
    const uint8_t *madt = find_madt();
    if (!madt)
        return false;
    t->source = "ACPI MADT";
    t->lapic_pa = table_rd32(madt, 36);
    uint8_t boot = lapic_cpuid_apic_id();
    const uint8_t *end = madt + table_rd32(madt, 4);
    for (const uint8_t *e = madt + MADT_ENTRIES; e + 2 <= end && e[1] >= 2; e += e[1])
        madt_entry(t, e, boot);
    return t->ncpus > 0;
}
