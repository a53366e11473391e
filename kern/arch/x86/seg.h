/*
 * seg.h - segment selectors (SPEC §1) and descriptor-table setup.
 * The GDT order is fixed by the ABI: TSS 0x08, kernel code 0x10, kernel data
 * 0x18, user code 0x23, user data 0x2B; all code/data segments are flat.
 * The kernel stack a trap from user mode starts on (cpu_set_kernel_stack)
 * is in percpu.h, with the CPU whose TSS it writes.
 */
#ifndef ARCH_X86_SEG_H
#define ARCH_X86_SEG_H

#define SEL_TSS     0x08
#define SEL_KCODE   0x10
#define SEL_KDATA   0x18
#define SEL_UCODE   0x23
#define SEL_UDATA   0x2B
#define SEL_KPERCPU 0x30

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The task-state segment. */
struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

#define GDT_ENTRIES 7

/* One CPU's descriptor tables: the same flat segments on every CPU, and a
 * TSS of its own (the busy bit and esp0 are per CPU).  In struct cpu
 * (percpu.h); the TSS exists to give the CPU its kernel stack for traps
 * from user mode. */
struct cpu_seg {
    uint64_t gdt[GDT_ENTRIES];
    struct tss tss;
};

/* Fill s and load it on the running CPU: lgdt, segment registers (%gs:
 * SEL_KPERCPU, over [percpu, percpu + size)), ltr, a null LDT (gdt.c). */
void gdt_init(struct cpu_seg *s, const void *percpu, uint32_t size);
/* Build the IDT and load it (boot CPU), or load the one built (others). */
void idt_init(void);
void idt_load(void);
#endif

#endif
