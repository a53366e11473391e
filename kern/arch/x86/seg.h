/*
 * seg.h - segment selectors (SPEC §1) and descriptor-table setup.
 * The GDT order is fixed by the ABI: TSS 0x08, kernel code 0x10, kernel data
 * 0x18, user code 0x23, user data 0x2B; all code/data segments are flat.
 */
#ifndef ARCH_X86_SEG_H
#define ARCH_X86_SEG_H

#define SEL_TSS   0x08
#define SEL_KCODE 0x10
#define SEL_KDATA 0x18
#define SEL_UCODE 0x23
#define SEL_UDATA 0x2B

#ifndef __ASSEMBLER__
#include <stdint.h>

void gdt_init(void);
void idt_init(void);

/* The task-state segment (gdt.c). */
struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));
extern struct tss tss;

/* Kernel stack the CPU switches to on a trap from user mode.  Inline: it
 * is set at every context switch. */
static inline void tss_set_esp0(uint32_t esp0) { tss.esp0 = esp0; }
/* The same, by its generic name (kern/arch/cpu.h). */
static inline void cpu_set_kernel_stack(uint32_t top) { tss_set_esp0(top); }
#endif

#endif
