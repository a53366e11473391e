/*
 * percpu.h - one struct cpu per processor, indexed by CPU id (0 = the boot
 * CPU), and this_cpu().
 *
 * Entries 0..n-1 are filled once at boot by smp_discover (boot CPU only,
 * before any other CPU runs) and are then read-only, except each CPU's
 * own descriptor tables and `online`, which only that CPU writes (once,
 * release) and the boot CPU reads.
 *
 * At this step only CPU 0 runs threads: the kernel stack of a trap from
 * user mode is CPU 0's, and sched's current thread and idle thread are
 * still its own (they move into struct cpu with the per-CPU scheduler).
 */
#ifndef ARCH_X86_PERCPU_H
#define ARCH_X86_PERCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/smp.h"
#include "arch/x86/seg.h"

struct thread;

struct cpu {
    struct cpu_seg seg;          /* its GDT and TSS */
    uint32_t id;                 /* index in cpus[] */
    uint8_t apic_id;             /* its local APIC's id */
    volatile uint32_t online;    /* set by the CPU itself once it is up */
    uint32_t boot_stack_top;     /* an application CPU's first stack */
    struct thread *current;      /* next step: the thread it runs */
    struct thread *idle;         /* next step: what it runs when nothing else can */
} __attribute__((aligned(256))); /* the TSS never straddles a page; no false sharing */

extern struct cpu cpus[SMP_MAX_CPUS];

/* CPUs registered (percpu.c); 1 until smp_discover finds more. */
extern unsigned percpu_ncpus;
/* The running CPU's id when there are several: its APIC id, looked up. */
unsigned percpu_lookup_id(void);

/* Inline and without a question to the CPU when there is one. */
static inline unsigned smp_cpu_id(void) { return percpu_ncpus == 1 ? 0 : percpu_lookup_id(); }

/* The running CPU's entry. */
static inline struct cpu *this_cpu(void) { return &cpus[smp_cpu_id()]; }
/* Boot, smp_discover only: CPU id `id` has APIC id apic_id. */
void percpu_register(unsigned id, uint8_t apic_id);

/* Kernel stack the CPU switches to on a trap from user mode.  Inline: it
 * is set at every context switch.  CPU 0's: the only one running threads. */
static inline void cpu_set_kernel_stack(uint32_t top) { cpus[0].seg.tss.esp0 = top; }

#endif
