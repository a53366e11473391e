/*
 * gdt.c - the global descriptor table and the task-state segment.
 * Flat 4 GiB code/data segments for ring 0 and ring 3 at the selectors fixed
 * by SPEC §1, the kernel's per-CPU segment (%gs, percpu.h), one GDT and TSS per CPU (struct cpu_seg, in
 * struct cpu).  The TSS exists only to give the CPU the kernel stack (esp0/ss0) for traps from user mode; it
 * is updated at every context switch.
 *
 * There is no LDT, and LDTR is loaded with the null selector to say so.
 * Left at its reset value it would describe 64 KiB at linear address 0 as
 * an LDT: ring 3 could then name kernel bytes as descriptors with TI=1
 * selectors (lar/lsl read them, junk DPL-3 segments and call gates load).
 * With a null LDTR every TI=1 selector is invalid: lar/lsl/verr/verw fail
 * and loading one into a segment register faults.
 */
#include <stdint.h>

#include "arch/x86/seg.h"

/* Build a descriptor from base, limit (20 bits), access byte and flags nibble. */
static uint64_t descriptor(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    uint64_t d = limit & 0xFFFFu;
    d |= (uint64_t)(base & 0xFFFFFFu) << 16;
    d |= (uint64_t)access << 40;
    d |= (uint64_t)((limit >> 16) & 0xFu) << 48;
    d |= (uint64_t)(flags & 0xFu) << 52;
    d |= (uint64_t)(base >> 24) << 56;
    return d;
}

void gdt_init(struct cpu_seg *s, const void *percpu, uint32_t size)
{
    struct tss *tss = &s->tss;
    uint64_t *gdt = s->gdt;
    tss->ss0 = SEL_KDATA;
    tss->iomap_base = sizeof(*tss); /* no I/O permission bitmap: ring 3 gets no ports */

    gdt[0] = 0;
    gdt[SEL_TSS >> 3] = descriptor((uint32_t)tss, sizeof(*tss) - 1, 0x89, 0x0);
    gdt[SEL_KCODE >> 3] = descriptor(0, 0xFFFFF, 0x9A, 0xC);
    gdt[SEL_KDATA >> 3] = descriptor(0, 0xFFFFF, 0x92, 0xC);
    gdt[SEL_UCODE >> 3] = descriptor(0, 0xFFFFF, 0xFA, 0xC);
    gdt[SEL_UDATA >> 3] = descriptor(0, 0xFFFFF, 0xF2, 0xC);
    gdt[SEL_KPERCPU >> 3] = descriptor((uint32_t)percpu, size - 1, 0x92, 0x4); /* byte-granular */

    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) gdtr = {sizeof(s->gdt) - 1, (uint32_t)gdt};

    __asm__ volatile("lgdt %0\n\t"
                     "ljmp %1, $1f\n"
                     "1:\n\t"
                     "movw %w2, %%ax\n\t"
                     "movw %%ax, %%ds\n\t"
                     "movw %%ax, %%es\n\t"
                     "movw %%ax, %%fs\n\t"
                     "movw %%ax, %%ss\n\t"
                     "movw %w4, %%ax\n\t"
                     "movw %%ax, %%gs\n\t"
                     "movw %w3, %%ax\n\t"
                     "ltr %%ax\n\t"
                     "xorl %%eax, %%eax\n\t"
                     "lldt %%ax"
                     :
                     : "m"(gdtr), "i"(SEL_KCODE), "r"((uint32_t)SEL_KDATA), "r"((uint32_t)SEL_TSS),
                       "r"((uint32_t)SEL_KPERCPU)
                     : "eax", "memory");
}
