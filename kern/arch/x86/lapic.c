/*
 * lapic.c - the local APIC (see lapic.h).  Registers are 32 bits, 16 bytes
 * apart.  Before paging they are reached at their physical address; after
 * paging_init through one uncached kernel page (paging_map_mmio), which is
 * in every address space.  Each CPU sees its own APIC at that address, so
 * nothing here is shared between CPUs and nothing needs a lock; a CPU
 * must only not be interrupted between the two halves of an interrupt
 * command (the IPI senders turn interrupts off around them).
 */
#include "arch/x86/lapic.h"

#include <stddef.h>

#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
#include "arch/x86/pit.h"
#include "arch/x86/trap.h"

#define LAPIC_TPR          0x80 /* task priority: 0 lets every vector in */
#define LAPIC_EOI          0xB0
#define LAPIC_SVR          0xF0 /* spurious-interrupt vector register */
#define LAPIC_ESR          0x280
#define LAPIC_ICR_LO       0x300
#define LAPIC_ICR_HI       0x310
#define LAPIC_LVT_TIMER    0x320
#define LAPIC_LVT_LINT0    0x350
#define LAPIC_LVT_LINT1    0x360
#define LAPIC_TIMER_INIT   0x380 /* initial count: writing it starts the count */
#define LAPIC_TIMER_NOW    0x390 /* current count */
#define LAPIC_TIMER_DIVIDE 0x3E0
#define LAPIC_SVR_ENABLE   0x100 /* software enable; spurious vector in bits 0-7 */
#define LAPIC_LVT_EXTINT   0x700 /* delivery mode: the 8259 supplies the vector */
#define LAPIC_LVT_NMI      0x400
#define LAPIC_LVT_LEVEL    0x8000
#define LAPIC_LVT_MASKED   0x10000
#define LAPIC_LVT_PERIODIC 0x20000 /* timer: reload the initial count at zero */
#define LAPIC_DIVIDE_BY_1  0xB     /* divide configuration: the bus clock itself */

#define ICR_FIXED      0x000
#define ICR_NMI        0x400
#define ICR_INIT       0x500
#define ICR_STARTUP    0x600
#define ICR_PENDING    0x1000 /* delivery status: not yet accepted */
#define ICR_ASSERT     0x4000
#define ICR_LEVEL      0x8000
#define ICR_DEST_SHIFT 24
#define ICR_POLLS      100000u

/* Waits of the MP specification's start-up algorithm, in microseconds. */
#define INIT_WAIT_US    10000u
#define STARTUP_WAIT_US 200u

static volatile uint32_t *regs; /* NULL until mapped */

static uint32_t rd(uint32_t reg) { return regs[reg / 4]; }
static void wr(uint32_t reg, uint32_t v) { regs[reg / 4] = v; }

bool lapic_present(void)
{
    uint32_t f = cpuid1_edx();
    return (f & CPUID_EDX_APIC) && (f & CPUID_EDX_MSR);
}

uint8_t lapic_cpuid_apic_id(void)
{
    if (!lapic_present())
        return 0;
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
    return (uint8_t)(b >> 24); /* initial APIC id */
}

void lapic_virtual_wire(void)
{
    if (!lapic_present())
        return;
    uint64_t base = rdmsr(MSR_APIC_BASE);
    wrmsr(MSR_APIC_BASE, base | MSR_APIC_BASE_GLOBAL_ENABLE);
    regs = (volatile uint32_t *)(uintptr_t)(base & 0xFFFFF000u);
    wr(LAPIC_SVR, LAPIC_SVR_ENABLE | TRAP_LAPIC_SPURIOUS);
    wr(LAPIC_LVT_LINT0, LAPIC_LVT_EXTINT | LAPIC_LVT_LEVEL);
    wr(LAPIC_LVT_LINT1, LAPIC_LVT_NMI | LAPIC_LVT_LEVEL);
    regs = NULL; /* that address is not mapped once paging is on */
}

void lapic_map(uint32_t pa)
{
    if (!lapic_present())
        return;
    if (pa == 0) /* no table named it: where the MSR says it is */
        pa = (uint32_t)rdmsr(MSR_APIC_BASE) & 0xFFFFF000u;
    regs = paging_map_mmio(MMIO_LAPIC, pa);
    wr(LAPIC_TPR, 0);
}

bool lapic_mapped(void) { return regs != NULL; }

void lapic_enable_ap(void)
{
    wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | MSR_APIC_BASE_GLOBAL_ENABLE);
    wr(LAPIC_SVR, LAPIC_SVR_ENABLE | TRAP_LAPIC_SPURIOUS);
    wr(LAPIC_TPR, 0);
    wr(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
    wr(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);
    wr(LAPIC_LVT_LINT1, LAPIC_LVT_MASKED);
}

void lapic_mask_extint(void) { wr(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED); }

void lapic_eoi(void) { wr(LAPIC_EOI, 0); }

static bool icr_idle(void)
{
    for (uint32_t i = 0; i < ICR_POLLS; i++)
        if (!(rd(LAPIC_ICR_LO) & ICR_PENDING))
            return true;
    return false;
}

/* Send cmd to apic_id and wait, bounded, until the APIC has accepted it.
 * Interrupts off between the two writes: an interrupt handler that sent
 * an IPI of its own in between would change the destination. */
static bool ipi(uint8_t apic_id, uint32_t cmd)
{
    uint32_t was = irq_save();
    bool idle = icr_idle(); /* an earlier command of this CPU still pending */
    wr(LAPIC_ESR, 0);
    wr(LAPIC_ICR_HI, (uint32_t)apic_id << ICR_DEST_SHIFT);
    wr(LAPIC_ICR_LO, cmd);
    bool sent = icr_idle();
    irq_restore(was);
    return idle && sent;
}

bool lapic_send_fixed(uint8_t apic_id, uint8_t vector) { return regs && ipi(apic_id, ICR_FIXED | vector); }

bool lapic_send_nmi(uint8_t apic_id) { return regs && ipi(apic_id, ICR_NMI); }

bool lapic_start_cpu(uint8_t apic_id, uint32_t vector_pa)
{
    if (!regs)
        return false;
    if (!ipi(apic_id, ICR_INIT | ICR_LEVEL | ICR_ASSERT) || !ipi(apic_id, ICR_INIT | ICR_LEVEL))
        return false;
    pit_delay_us(INIT_WAIT_US);
    for (int i = 0; i < 2; i++) {
        if (!ipi(apic_id, ICR_STARTUP | (vector_pa >> 12)))
            return false;
        pit_delay_us(STARTUP_WAIT_US);
    }
    return true;
}

void lapic_timer_oneshot_masked(uint32_t count)
{
    wr(LAPIC_TIMER_DIVIDE, LAPIC_DIVIDE_BY_1);
    wr(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
    wr(LAPIC_TIMER_INIT, count);
}

uint32_t lapic_timer_now(void) { return rd(LAPIC_TIMER_NOW); }

void lapic_timer_periodic(uint8_t vector, uint32_t count)
{
    wr(LAPIC_TIMER_DIVIDE, LAPIC_DIVIDE_BY_1);
    wr(LAPIC_LVT_TIMER, LAPIC_LVT_PERIODIC | vector);
    wr(LAPIC_TIMER_INIT, count);
}

void lapic_timer_stop(void)
{
    wr(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
    wr(LAPIC_TIMER_INIT, 0);
}
