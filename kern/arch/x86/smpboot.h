/*
 * smpboot.h - starting the application processors: where the real-mode
 * trampoline (trampoline.S) is copied, and the block of arguments the boot
 * CPU leaves in it for the CPU being started.  Shared with the assembler.
 */
#ifndef ARCH_X86_SMPBOOT_H
#define ARCH_X86_SMPBOOT_H

/* Below 1 MiB, page-aligned (a STARTUP IPI names a page), clear of the BIOS
 * data area, the Multiboot loader's structures and the EBDA. */
#define TRAMPOLINE_PA 0x7000

/* struct trampoline_args, by offset, for trampoline.S. */
#define TRA_CR0   0
#define TRA_CR3   4
#define TRA_CR4   8
#define TRA_ESP   12
#define TRA_ENTRY 16
#define TRA_ARG   20

#ifndef __ASSEMBLER__
#include <stdint.h>

/* What the starting CPU loads, in trampoline.S's order: %cr4, %cr3, then
 * %cr0 (paging on), %esp, and it calls entry(arg). */
struct trampoline_args {
    uint32_t cr0, cr3, cr4, esp, entry, arg;
};

/* The trampoline's code and data as linked (copied to TRAMPOLINE_PA). */
extern const char trampoline_start[], trampoline_args_block[], trampoline_end[];

#include <stdbool.h>

#include "arch/x86/percpu.h"

/* The CPUs parked in ap_park, a bit each: set once by each parked CPU
 * itself (atomic or), never cleared. */
extern volatile uint32_t smp_parked_mask;
/* Is the running CPU parked (it runs no thread, so a trap's way out does
 * no scheduler work)?  With no CPU parked, one load. */
static inline bool smp_this_cpu_parked(void)
{
    return smp_parked_mask != 0 && ((smp_parked_mask >> smp_cpu_id()) & 1u);
}
#endif

#endif
