/*
 * irq.c - device interrupts and the local APIC's own vectors, from the
 * trap core (trap.c) to the handlers the drivers registered (irq.h).
 *
 * Which controller delivers an ISA IRQ is decided once at boot
 * (irq_controllers_init, from smp_start, before any irq_register):
 *   IOAPIC  when there is a local APIC and an IOAPIC that has an input for
 *           every ISA IRQ: IRQ n on vector TRAP_IRQ_BASE + n, fixed to
 *           CPU 0, routed as the firmware's overrides say (ioapic.c); the
 *           8259s and LINT0 masked; end of interrupt to the local APIC.
 *   8259    otherwise: vectors TRAP_IRQ_BASE + 0..15 through LINT0 (virtual
 *           wire) or, without an APIC, straight to the CPU; EOI to the
 *           8259s, which may raise a spurious IRQ 7 or 15.
 * IRQ_TIMER is the tick wherever it comes from (timer.c): IRQ 0 from the
 * PIT, then, once CPU 0's tick has calibrated it, each CPU's local APIC
 * timer vector.  CPU 0's tick masks IRQ 0 (irq_mask) at that switch; an
 * IRQ 0 already on its way is dropped, with its EOI, so the switch
 * neither adds a tick nor loses one.  The APIC's spurious vector gets no
 * handler and no EOI (nothing was delivered).
 *
 * A parked CPU (smpboot.c) counts its ticks without running the tick's
 * handler: it runs no thread to charge, and no scheduler of its own yet.
 *
 * handlers[] and use_ioapic are written at boot, before any other CPU
 * takes an interrupt, and are read-only after; the exit hook is the
 * trace's (one pointer, written with interrupts off).  The controllers'
 * masks and routes are changed only on CPU 0 with its interrupts off
 * (irq_register, irq_mask), as pic.c and ioapic.c require: the tick may
 * mask IRQ 0 while a driver registers its IRQ.
 */
#include "arch/x86/irq.h"

#include <stdbool.h>
#include <stddef.h>

#include "arch/smp.h"
#include "arch/x86/cpu.h"
#include "arch/x86/ioapic.h"
#include "arch/x86/ipi.h"
#include "arch/x86/lapic.h"
#include "arch/x86/percpu.h"
#include "arch/x86/pic.h"
#include "arch/x86/smpboot.h"
#include "arch/x86/timer.h"
#include "arch/x86/trap.h"
#include "lib/assert.h"
#include "lib/printf.h"

static irq_handler_t handlers[IRQ_COUNT];
static bool use_ioapic;
static void (*exit_hook)(int irq); /* the trace, while a session runs; interrupts off */

void irq_controllers_init(const struct topology *t)
{
    use_ioapic = lapic_mapped() && ioapic_init(t);
    if (!use_ioapic) {
        printf("interrupts: 8259 PIC%s\n", lapic_mapped() ? ", through the local APIC" : "");
        return;
    }
    pic_mask_all();
    lapic_mask_extint();
    printf("interrupts: IOAPIC, %u inputs, from the %s\n", ioapic_inputs(), t->source);
}

void irq_set_exit_hook(void (*fn)(int irq)) { exit_hook = fn; }

void irq_register(int irq, irq_handler_t fn)
{
    assert(irq >= 0 && irq < IRQ_COUNT);
    assert(smp_cpu_id() == 0);
    handlers[irq] = fn;
    if (irq == IRQ_TIMER && !timer_on_irq0())
        return; /* the tick comes on the local APIC timer's vector */
    uint32_t was = irq_save();
    if (use_ioapic)
        ioapic_route((unsigned)irq, (uint8_t)(TRAP_IRQ_BASE + irq), cpus[0].apic_id);
    else
        pic_unmask(irq);
    irq_restore(was);
}

void irq_mask(int irq)
{
    assert(irq >= 0 && irq < IRQ_COUNT && smp_cpu_id() == 0 && !irq_enabled());
    if (use_ioapic)
        ioapic_mask((unsigned)irq);
    else
        pic_mask(irq);
}

static void run_handler(int irq)
{
    if (irq == IRQ_TIMER) {
        timer_count_tick();
        if (smp_this_cpu_parked())
            return;
    }
    if (handlers[irq])
        handlers[irq]();
}

static void run_exit_hook(int irq)
{
    if (__builtin_expect(exit_hook != NULL, 0) && !smp_this_cpu_parked())
        exit_hook(irq); /* also a safe point to drain the trace */
}

/* An ISA IRQ, from whichever controller delivers them. */
static void isa_irq(int irq)
{
    if (!use_ioapic && (irq == 7 || irq == 15) && pic_spurious(irq))
        return;
    if (irq != IRQ_TIMER || timer_on_irq0())
        run_handler(irq); /* else a PIT tick sent before the switch: not counted */
    if (use_ioapic)
        lapic_eoi();
    else
        pic_eoi(irq);
    run_exit_hook(irq);
}

void irq_dispatch(uint32_t v)
{
    if (v < TRAP_IRQ_BASE + IRQ_COUNT) {
        isa_irq((int)(v - TRAP_IRQ_BASE));
    } else if (v == TRAP_LAPIC_TIMER) {
        run_handler(IRQ_TIMER);
        lapic_eoi();
        run_exit_hook(IRQ_TIMER);
    } else if (v != TRAP_LAPIC_SPURIOUS) {
        if (v - TRAP_IPI_BASE < IPI_COUNT)
            ipi_dispatch(v - TRAP_IPI_BASE);
        lapic_eoi();
    }
}
