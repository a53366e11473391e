/*
 * percpu.h - one struct cpu per processor, indexed by CPU id (0 = the boot
 * CPU), and this_cpu().
 *
 * The running CPU finds its own entry through %gs: every CPU's GDT has a
 * segment SEL_KPERCPU whose base is its struct cpu, %gs holds it whenever
 * the kernel runs (gdt_init loads it; every trap from user mode loads it
 * again, trap_entry.S), so this_cpu() and cpu_current() are one load each.
 * A thread that moves to another CPU finds that CPU's entry: %gs is a
 * register of the CPU, never saved with a thread's kernel context.
 *
 * Who writes what:
 *   seg, id, apic_id, boot_stack_top: the boot CPU, at boot (smp_discover,
 *       before any other CPU runs); read-only after.
 *   online: the CPU itself, once (release); read by the boot CPU.
 *   spin_ranks: lock/spinlock.h, the CPU itself, interrupts off.
 *   pd_loaded: the CPU itself (paging.c), just before it loads %cr3; read
 *       by any CPU (tlb.c).
 *   tlb_lazy: the CPU itself, at a switch (tlb.c); read by any CPU.
 *   tlb_stale: set by any CPU, cleared by the CPU itself (tlb.c).
 *   current, idle, need_resched, slice_start: the scheduler's
 *       (kern/sched/sched.c); current, idle and slice_start only by the CPU
 *       itself with interrupts off; need_resched also by another CPU under
 *       the scheduler's lock, followed by IPI_RESCHED.
 *   fpu_owner, fpu_current, fpu_ts: arch/x86/fpu.c, the CPU itself,
 *       interrupts off.
 * Interrupts must be off for as long as a caller uses this_cpu(): a thread
 * preempted in between may resume on another CPU.
 */
#ifndef ARCH_X86_PERCPU_H
#define ARCH_X86_PERCPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/smp.h"
#include "arch/x86/seg.h"

struct thread;
struct fpu_state;

struct cpu {
    struct cpu *self;               /* this entry: what %gs:0 reads */
    uint32_t id;                    /* index in cpus[] */
    struct thread *current;         /* the thread it runs */
    uint32_t spin_ranks;            /* bit r: it holds the spinlock of rank r (lock/spinlock.h) */
    volatile uint32_t pd_loaded;    /* the page directory in its %cr3 (paging.c, tlb.c) */
    volatile uint32_t tlb_lazy;     /* 1: it runs a thread that touches no user memory (tlb.c) */
    volatile uint32_t tlb_stale;    /* 1: a shootdown passed it by while lazy (tlb.c) */
    volatile uint32_t need_resched; /* switch at the next chance (a tick, a wake-up) */
    uint8_t apic_id;                /* its local APIC's id */
    volatile uint32_t online;       /* set by the CPU itself once it is up */
    struct thread *idle;            /* what it runs when nothing else can */
    uint32_t slice_start;           /* the tick its current thread got it */
    struct fpu_state *fpu_owner;    /* whose values are in its FPU (or NULL) */
    struct fpu_state *fpu_current;  /* the running user thread's (NULL: kernel thread) */
    uint32_t fpu_ts;                /* its CR0.TS as last written (0 or 1) */
    uint32_t boot_stack_top;        /* an application CPU's first stack */
    struct cpu_seg seg;             /* its GDT and TSS */
} __attribute__((aligned(256)));    /* the TSS never straddles a page; no false sharing */

extern struct cpu cpus[SMP_MAX_CPUS];

/* CPUs registered (percpu.c); 1 until smp_discover finds more. */
extern unsigned percpu_ncpus;
/* More than one CPU came up (smp_start): cross-CPU work is needed. */
extern bool smp_several;

/* Reads one word of the running CPU's struct cpu. */
#define PERCPU_READ(field)                                                                                   \
    ({                                                                                                       \
        uint32_t v_; /* not the field's type: a volatile field would make it a volatile local */             \
        _Static_assert(sizeof(cpus[0].field) == 4, "one 32-bit load");                                       \
        __asm__ volatile("movl %%gs:%c1, %0" : "=r"(v_) : "i"(offsetof(struct cpu, field)));                 \
        (__typeof__(cpus[0].field))v_;                                                                       \
    })

/* Writes or edits one word of it: one instruction, so no interrupt on
 * this CPU can come between the read and the write. */
#define PERCPU_WRITE(field, val)                                                                             \
    __asm__ volatile("movl %0, %%gs:%c1" : : "ri"(val), "i"(offsetof(struct cpu, field)) : "memory")
#define PERCPU_OR(field, bits)                                                                               \
    __asm__ volatile("orl %0, %%gs:%c1" : : "ri"(bits), "i"(offsetof(struct cpu, field)) : "memory", "cc")
#define PERCPU_AND(field, bits)                                                                              \
    __asm__ volatile("andl %0, %%gs:%c1" : : "ri"(bits), "i"(offsetof(struct cpu, field)) : "memory", "cc")

/* The running CPU's entry. */
static inline struct cpu *this_cpu(void) { return PERCPU_READ(self); }
/* CPU id's entry. */
static inline struct cpu *smp_cpu(unsigned id) { return &cpus[id]; }
/* The running CPU's index, 0 = the boot CPU. */
static inline unsigned smp_cpu_id(void) { return PERCPU_READ(id); }
/* The thread the running CPU runs.  Safe with interrupts on: a thread's
 * current is itself, wherever it runs. */
static inline struct thread *cpu_current(void) { return PERCPU_READ(current); }
/* Has the running CPU been asked to switch threads? */
static inline bool cpu_need_resched(void) { return PERCPU_READ(need_resched) != 0; }
/* The page directory the running CPU has loaded (paging.c). */
static inline uint32_t cpu_pd_loaded(void) { return PERCPU_READ(pd_loaded); }
/* Does the running CPU run on a borrowed directory (tlb.c)? */
static inline bool cpu_tlb_lazy(void) { return PERCPU_READ(tlb_lazy) != 0; }
static inline void cpu_tlb_lazy_begin(void) { PERCPU_WRITE(tlb_lazy, 1); }
/* The spinlocks the running CPU holds, one bit per rank (interrupts off). */
static inline uint32_t cpu_spin_ranks(void) { return PERCPU_READ(spin_ranks); }
static inline void cpu_spin_ranks_add(uint32_t bits) { PERCPU_OR(spin_ranks, bits); }
static inline void cpu_spin_ranks_remove(uint32_t bits) { PERCPU_AND(spin_ranks, ~bits); }

/* Load c's descriptor tables on the running CPU, which becomes c: %gs
 * reaches c from here on.  First thing on every CPU. */
void percpu_load(struct cpu *c);
/* Boot, smp_discover only: CPU id `id` has APIC id apic_id. */
void percpu_register(unsigned id, uint8_t apic_id);

/* Kernel stack the CPU switches to on a trap from user mode.  Inline: it
 * is set at every context switch.  Interrupts off. */
static inline void cpu_set_kernel_stack(uint32_t top) { PERCPU_WRITE(seg.tss.esp0, top); }

#endif
