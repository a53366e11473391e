/*
 * idt.c - the interrupt descriptor table.
 * Vectors 0-31 (exceptions), 32-47 (the ISA IRQs) and 48-63 (the local
 * APIC's timer, IPIs and spurious vector, trap.h) get interrupt gates
 * (interrupts off on entry); the system-call vectors of
 * include/abi/syscall_table.h get DPL-3 interrupt gates so ring 3 may use
 * `int`.  Breakpoint (3) and overflow (4) are DPL 3 too, so that `int3` and
 * `into` in a user program raise those exceptions rather than a protection
 * fault.  IRET_FLOOR_INT (DPL 3) leads to a lone iret, for make bench.
 * Any other vector from user mode is a protection fault.
 */
#include <abi/syscall_int.h>
#include <stdint.h>

#include "arch/x86/seg.h"
#include "arch/x86/trap.h"

struct gate {
    uint16_t off_lo, sel;
    uint8_t zero, type;
    uint16_t off_hi;
} __attribute__((packed));

static struct gate idt[256];

extern const uint32_t trap_stubs[TRAP_NSTUBS];
extern const uint32_t syscall_stubs[], syscall_stubs_end[];
extern const char iret_floor_stub[];

static void set_gate(int vec, uint32_t handler, int dpl)
{
    idt[vec].off_lo = handler & 0xFFFF;
    idt[vec].off_hi = handler >> 16;
    idt[vec].sel = SEL_KCODE;
    idt[vec].zero = 0;
    idt[vec].type = (uint8_t)(0x8E | (dpl << 5)); /* present, 32-bit interrupt gate */
}

void idt_init(void)
{
    for (int v = 0; v < TRAP_NSTUBS; v++)
        set_gate(v, trap_stubs[v], (v == 3 || v == 4) ? 3 : 0);
    // cppcheck-suppress comparePointers ; both ends of one linker-built table
    for (const uint32_t *p = syscall_stubs; p < syscall_stubs_end; p += 2)
        set_gate((int)p[0], p[1], 3);
    set_gate(IRET_FLOOR_INT, (uint32_t)iret_floor_stub, 3);
    idt_load();
}

/* Every CPU shares the one table. */
void idt_load(void)
{
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) idtr = {sizeof(idt) - 1, (uint32_t)idt};
    __asm__ volatile("lidt %0" : : "m"(idtr));
}
