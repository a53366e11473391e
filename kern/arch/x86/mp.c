/*
 * mp.c - the Intel MultiProcessor Specification table (the fallback when
 * there is no ACPI MADT), and the scanning and checksum helpers both
 * parsers share.  Runs once at boot with paging off; no locks.
 *
 * The floating pointer ("_MP_", 16 bytes) holds at offset 4 the physical
 * address of the configuration table ("PCMP"): a 44-byte header (base
 * length at 4, entry count at 34, local APIC address at 36) followed by
 * entries whose first byte is their type: processor (0, 20 bytes: APIC id
 * at 1, flags at 3 with bit 0 enabled and bit 1 boot processor); the
 * others are 8 bytes: bus (1: id at 1, type at 2, six characters, "ISA   "
 * for ISA), IOAPIC (2: id at 1, flags at 3, address at 4), I/O interrupt
 * (3: kind at 1 (0 = a vectored interrupt), flags at 2 (as the MADT's
 * override flags), source bus at 4 and its IRQ at 5, destination IOAPIC
 * id at 6 (0xFF: all) and its input at 7); local interrupt entries (4) are
 * unused here.  The entries come sorted by type, so the buses and the
 * IOAPIC are known when the I/O interrupts come; an ISA bus's I/O
 * interrupt to our IOAPIC is recorded as an override (struct
 * irq_override: irq, input, flags).
 */
#include "arch/x86/mp.h"

#include <stddef.h>

#include "lib/string.h"

#define BDA_EBDA_SEG    0x40E /* the EBDA's real-mode segment */
#define BDA_BASE_KIB    0x413 /* KiB of base memory */
#define BIOS_ROM_END    0x100000u
#define MP_ROM_START    0xF0000u
#define MP_ENTRY_CPU    0
#define MP_ENTRY_BUS    1
#define MP_ENTRY_IOAPIC 2
#define MP_ENTRY_IOINT  3
#define MP_INT_VECTORED 0
#define MP_ALL_IOAPICS  0xFF
#define MP_CPU_ENABLED  0x01
#define MP_CPU_BOOT     0x02
#define MP_IOAPIC_EN    0x01
#define MP_HEADER_LEN   44u

static uint8_t rd8(const uint8_t *p, uint32_t off) { return p[off]; }

/* A word of the BIOS data area, at physical off (paging is off).  The
 * empty asm hides the constant address from the compiler, which would
 * otherwise take a read of page 0 for a bug. */
static uint16_t bda_word(uint32_t off)
{
    uintptr_t a = off;
    __asm__("" : "+r"(a));
    return *(const volatile uint16_t *)a;
}

bool table_checksum_ok(const void *p, uint32_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;
    for (uint32_t i = 0; i < len; i++)
        sum = (uint8_t)(sum + b[i]);
    return sum == 0;
}

const void *table_scan(uint32_t start, uint32_t len, const char *sig, uint32_t sig_len, uint32_t sum_len)
{
    if (start == 0)
        return NULL; /* no such area */
    for (uint32_t a = start & ~15u; a + sum_len <= start + len; a += 16) {
        const void *p = (const void *)a;
        if (memcmp(p, sig, sig_len) == 0 && table_checksum_ok(p, sum_len))
            return p;
    }
    return NULL;
}

const void *table_scan_bios(const char *sig, uint32_t sig_len, uint32_t sum_len, uint32_t rom_start)
{
    uint32_t ebda = (uint32_t)bda_word(BDA_EBDA_SEG) << 4;
    uint32_t base_end = (uint32_t)bda_word(BDA_BASE_KIB) << 10;
    const void *p = table_scan(ebda, 1024, sig, sig_len, sum_len);
    if (!p && base_end >= 1024)
        p = table_scan(base_end - 1024, 1024, sig, sig_len, sum_len);
    if (!p)
        p = table_scan(rom_start, BIOS_ROM_END - rom_start, sig, sig_len, sum_len);
    return p;
}

void topology_add_cpu(struct topology *t, uint8_t apic_id, bool boot_cpu)
{
    if (t->ncpus == SMP_MAX_CPUS) {
        t->nskipped++;
        return;
    }
    unsigned i = t->ncpus++;
    if (boot_cpu && i > 0) { /* the boot CPU is entry 0 */
        t->apic_id[i] = t->apic_id[0];
        i = 0;
    }
    t->apic_id[i] = apic_id;
}

/* The parse's memory of which bus ids are ISA buses (a bit per id). */
struct mp_buses {
    uint32_t isa[256 / 32];
};

static bool is_isa(const struct mp_buses *b, uint8_t bus) { return (b->isa[bus / 32] >> (bus % 32)) & 1u; }

static void mp_ioint(struct topology *t, const struct mp_buses *b, const uint8_t *e)
{
    bool ours = rd8(e, 6) == t->ioapic_id || rd8(e, 6) == MP_ALL_IOAPICS;
    if (rd8(e, 1) != MP_INT_VECTORED || !is_isa(b, rd8(e, 4)) || !ours || !t->ioapic_pa)
        return;
    if (t->noverrides < TOPOLOGY_MAX_OVERRIDES)
        t->overrides[t->noverrides++] = (struct irq_override){rd8(e, 5), rd8(e, 7), table_rd16(e, 2)};
}

static void mp_entry(struct topology *t, struct mp_buses *b, const uint8_t *e)
{
    switch (e[0]) {
    case MP_ENTRY_CPU:
        if (rd8(e, 3) & MP_CPU_ENABLED)
            topology_add_cpu(t, rd8(e, 1), (rd8(e, 3) & MP_CPU_BOOT) != 0);
        break;
    case MP_ENTRY_BUS:
        if (memcmp(e + 2, "ISA   ", 6) == 0)
            b->isa[rd8(e, 1) / 32] |= 1u << (rd8(e, 1) % 32);
        break;
    case MP_ENTRY_IOAPIC:
        if ((rd8(e, 3) & MP_IOAPIC_EN) && !t->ioapic_pa) {
            t->ioapic_id = rd8(e, 1);
            t->ioapic_pa = table_rd32(e, 4);
        }
        break;
    case MP_ENTRY_IOINT: mp_ioint(t, b, e); break;
    default: break;
    }
}

bool mp_table_find(struct topology *t)
{
    const uint8_t *fp = table_scan_bios("_MP_", 4, 16, MP_ROM_START);
    if (!fp || table_rd32(fp, 4) == 0)
        return false; /* none, or a "default configuration" we do not support */
    const uint8_t *cfg = (const uint8_t *)table_rd32(fp, 4);
    uint32_t len = table_rd16(cfg, 4);
    if (memcmp(cfg, "PCMP", 4) != 0 || len < MP_HEADER_LEN || !table_checksum_ok(cfg, len))
        return false;
    t->source = "MP table";
    t->lapic_pa = table_rd32(cfg, 36);
    const uint8_t *e = cfg + MP_HEADER_LEN;
    struct mp_buses buses = {{0}};
    for (unsigned n = table_rd16(cfg, 34); n > 0 && e < cfg + len; n--) {
        mp_entry(t, &buses, e);
        e += e[0] == MP_ENTRY_CPU ? 20 : 8;
    }
    return t->ncpus > 0;
}
