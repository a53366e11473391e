/*
 * pic.c - 8259A PIC driver: remap to vectors 32-47, mask, EOI.
 * Boot-time setup runs with interrupts off; pic_unmask and pic_mask run on
 * CPU 0 with interrupts off (irq.c), so their read-modify-writes of a
 * mask register do not interleave.
 *
 * The 8259s are our only interrupt controller, but their INTR line reaches
 * the CPU through the local APIC's LINT0, which must be unmasked and set
 * to ExtINT ("virtual wire" mode).  SeaBIOS leaves it so; qboot leaves
 * LINT0 masked as at reset, and then no timer or keyboard interrupt ever
 * arrives.  (Switching the local APIC off would do on hardware, where INTR
 * then bypasses it, but not under QEMU, which still honours LINT0's mask.)
 * So pic_init sets up virtual wire mode itself, the way SeaBIOS does
 * (lapic_virtual_wire).  It runs before paging is on, so the APIC's
 * registers are reached at their physical address.
 *
 * Once the IOAPIC is found to carry the ISA IRQs (irq.c), the 8259s are
 * masked whole (pic_mask_all) and stay so.
 */
#include "arch/x86/pic.h"

#include <stdint.h>

#include "arch/x86/io.h"
#include "arch/x86/lapic.h"

#define PIC1_CMD     0x20
#define PIC1_DATA    0x21
#define PIC2_CMD     0xA0
#define PIC2_DATA    0xA1
#define PIC_EOI      0x20
#define PIC_READ_ISR 0x0B

void pic_init(void)
{
    lapic_virtual_wire();
    outb(PIC1_CMD, 0x11); /* ICW1: init, ICW4 follows */
    io_wait();
    outb(PIC2_CMD, 0x11);
    io_wait();
    outb(PIC1_DATA, 32); /* ICW2: vector offsets */
    io_wait();
    outb(PIC2_DATA, 40);
    io_wait();
    outb(PIC1_DATA, 4); /* ICW3: slave on IRQ2 */
    io_wait();
    outb(PIC2_DATA, 2);
    io_wait();
    outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
    io_wait();
    outb(PIC2_DATA, 0x01);
    io_wait();
    outb(PIC1_DATA, 0xFF & ~(1 << 2)); /* everything masked but the cascade */
    outb(PIC2_DATA, 0xFF);
}

void pic_mask_all(void)
{
    outb(PIC1_DATA, 0xFF);
    outb(PIC2_DATA, 0xFF);
}

void pic_unmask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) & ~(1 << (irq & 7)));
}

void pic_mask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) | (1 << (irq & 7)));
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}

static uint8_t in_service(uint16_t cmd_port)
{
    outb(cmd_port, PIC_READ_ISR);
    return inb(cmd_port);
}

bool pic_spurious(int irq)
{
    if (irq == 7)
        return !(in_service(PIC1_CMD) & 0x80);
    if (irq == 15 && !(in_service(PIC2_CMD) & 0x80)) {
        outb(PIC1_CMD, PIC_EOI); /* the master did see the cascade */
        return true;
    }
    return false;
}
