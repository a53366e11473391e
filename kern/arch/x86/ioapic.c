/*
 * ioapic.c - the I/O APIC (ioapic.h).  Two registers are visible: IOREGSEL
 * (offset 0) selects an internal register, IOWIN (offset 0x10) reads or
 * writes it.  Internal register 1 is the version, with the number of
 * redirection entries minus one in bits 16-23; entry n is the register
 * pair 0x10 + 2n (low word: vector in bits 0-7, delivery mode 8-10 (0 =
 * fixed), destination mode 11 (0 = physical), polarity 13 (1 = active
 * low), trigger 15 (1 = level), mask 16; high word: the destination APIC
 * id in bits 24-31).
 *
 * An ISA IRQ reaches input (GSI) irq unless an interrupt source override
 * (MADT type 2, or an MP table I/O interrupt entry) names another, and its
 * flags may change the bus's default (ISA: edge-triggered, active high):
 * polarity in bits 0-1 and trigger mode in bits 2-3, 0 = as the bus,
 * 1 = high / edge, 3 = low / level.
 *
 * Entries are written by CPU 0 only (irq.c: at boot, and the tick's
 * ioapic_mask once the local APIC timer takes over), with its interrupts
 * off, so that no IOREGSEL/IOWIN pair is split: no lock.
 */
#include "arch/x86/ioapic.h"

#include <stddef.h>

#include "arch/x86/paging.h"

#define IOREGSEL         0
#define IOWIN            (0x10 / 4)
#define IOAPIC_VER       1
#define IOAPIC_REDIR     0x10
#define REDIR_ACTIVE_LOW 0x2000u
#define REDIR_LEVEL      0x8000u
#define REDIR_MASKED     0x10000u
#define REDIR_DEST_SHIFT 24
#define ISA_IRQS         16u

#define OVR_POLARITY(f) ((f)&3u)
#define OVR_TRIGGER(f)  (((f) >> 2) & 3u)
#define OVR_LOW         3u /* polarity: active low */
#define OVR_LEVEL       3u /* trigger: level */

static volatile uint32_t *regs; /* NULL until mapped */
static const struct topology *topo;
static unsigned ninputs;

static uint32_t rd(uint32_t reg)
{
    regs[IOREGSEL] = reg;
    return regs[IOWIN];
}

static void wr(uint32_t reg, uint32_t v)
{
    regs[IOREGSEL] = reg;
    regs[IOWIN] = v;
}

static void set_entry(uint32_t input, uint32_t lo, uint32_t hi)
{
    wr(IOAPIC_REDIR + 2 * input, REDIR_MASKED); /* never half-written while live */
    wr(IOAPIC_REDIR + 2 * input + 1, hi);
    wr(IOAPIC_REDIR + 2 * input, lo);
}

static const struct irq_override *override_of(unsigned irq)
{
    for (unsigned i = 0; i < topo->noverrides; i++)
        if (topo->overrides[i].irq == irq)
            return &topo->overrides[i];
    return NULL;
}

static uint32_t gsi_of(unsigned irq)
{
    const struct irq_override *o = override_of(irq);
    return o ? o->gsi : irq;
}

/* The redirection entry's polarity and trigger bits for ISA IRQ irq. */
static uint32_t mode_of(unsigned irq)
{
    const struct irq_override *o = override_of(irq);
    if (!o)
        return 0; /* ISA: edge, active high */
    return (OVR_POLARITY(o->flags) == OVR_LOW ? REDIR_ACTIVE_LOW : 0) |
           (OVR_TRIGGER(o->flags) == OVR_LEVEL ? REDIR_LEVEL : 0);
}

static bool isa_irqs_fit(const struct topology *t)
{
    for (unsigned irq = 0; irq < ISA_IRQS; irq++) {
        uint32_t gsi = gsi_of(irq);
        if (gsi < t->ioapic_gsi_base || gsi - t->ioapic_gsi_base >= ninputs)
            return false;
    }
    return true;
}

bool ioapic_init(const struct topology *t)
{
    if (!t->ioapic_pa)
        return false;
    topo = t;
    regs = paging_map_mmio(MMIO_IOAPIC, t->ioapic_pa);
    ninputs = ((rd(IOAPIC_VER) >> 16) & 0xFFu) + 1;
    if (!isa_irqs_fit(t)) {
        regs = NULL;
        ninputs = 0;
        return false;
    }
    for (uint32_t i = 0; i < ninputs; i++)
        set_entry(i, REDIR_MASKED, 0);
    return true;
}

uint32_t ioapic_route(unsigned irq, uint8_t vector, uint8_t apic_id)
{
    uint32_t gsi = gsi_of(irq);
    set_entry(gsi - topo->ioapic_gsi_base, vector | mode_of(irq), (uint32_t)apic_id << REDIR_DEST_SHIFT);
    return gsi;
}

void ioapic_mask(unsigned irq)
{
    uint32_t reg = IOAPIC_REDIR + 2 * (gsi_of(irq) - topo->ioapic_gsi_base);
    wr(reg, rd(reg) | REDIR_MASKED);
}

unsigned ioapic_inputs(void) { return ninputs; }
