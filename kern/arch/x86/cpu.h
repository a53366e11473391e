/*
 * cpu.h - control registers, EFLAGS and interrupt-flag helpers.
 *
 * Interrupt discipline (docs/locking.md): code that must not be preempted
 * brackets itself with irq_save()/irq_restore(); never block in between,
 * and never take a mutex in between (take the mutex first).
 */
#ifndef ARCH_X86_CPU_H
#define ARCH_X86_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define EFLAGS_CF   0x00000001u
#define EFLAGS_RSV1 0x00000002u /* always 1 */
#define EFLAGS_PF   0x00000004u
#define EFLAGS_AF   0x00000010u
#define EFLAGS_ZF   0x00000040u
#define EFLAGS_SF   0x00000080u
#define EFLAGS_TF   0x00000100u
#define EFLAGS_IF   0x00000200u
#define EFLAGS_DF   0x00000400u
#define EFLAGS_OF   0x00000800u
#define EFLAGS_IOPL 0x00003000u
#define EFLAGS_NT   0x00004000u
#define EFLAGS_RF   0x00010000u
#define EFLAGS_VM   0x00020000u
#define EFLAGS_AC   0x00040000u
#define EFLAGS_VIF  0x00080000u
#define EFLAGS_VIP  0x00100000u
#define EFLAGS_ID   0x00200000u

#define CR0_PE 0x00000001u
#define CR0_MP 0x00000002u
#define CR0_EM 0x00000004u
#define CR0_TS 0x00000008u
#define CR0_NE 0x00000020u
#define CR0_WP 0x00010000u
#define CR0_PG 0x80000000u

#define CR4_PSE        0x00000010u
#define CR4_PGE        0x00000080u
#define CR4_OSFXSR     0x00000200u
#define CR4_OSXMMEXCPT 0x00000400u

static inline uint32_t read_eflags(void)
{
    uint32_t f;
    __asm__ volatile("pushfl; popl %0" : "=r"(f));
    return f;
}
static inline bool irq_enabled(void) { return (read_eflags() & EFLAGS_IF) != 0; }
static inline void irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
/* Disable interrupts; return the previous state for irq_restore(). */
static inline uint32_t irq_save(void)
{
    uint32_t f = read_eflags();
    irq_disable();
    return f & EFLAGS_IF;
}
static inline void irq_restore(uint32_t was)
{
    if (was & EFLAGS_IF)
        irq_enable();
}
/* Were interrupts on in the state irq_save returned? */
static inline bool irq_was_enabled(uint32_t was) { return (was & EFLAGS_IF) != 0; }

#define DEFINE_CR(n)                                                                                         \
    static inline uint32_t read_cr##n(void)                                                                  \
    {                                                                                                        \
        uint32_t v;                                                                                          \
        __asm__ volatile("movl %%cr" #n ", %0" : "=r"(v));                                                   \
        return v;                                                                                            \
    }                                                                                                        \
    static inline void write_cr##n(uint32_t v) { __asm__ volatile("movl %0, %%cr" #n ::"r"(v) : "memory"); }
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}
/* CPUID leaf 1, %edx: the feature flags (CPUID_EDX_*). */
static inline uint32_t cpuid1_edx(void)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
    return d;
}
#define CPUID_EDX_MSR               0x00000020u
#define CPUID_EDX_APIC              0x00000200u
#define MSR_APIC_BASE               0x1Bu
#define MSR_APIC_BASE_GLOBAL_ENABLE 0x800u

static inline void cpu_halt(void) { __asm__ volatile("hlt"); }
/* Interrupts on and wait for one, in one step: an interrupt that comes
 * after sti still ends the hlt (sti takes effect after the next
 * instruction), so a wake-up is never slept through. */
static inline void cpu_idle(void) { __asm__ volatile("sti; hlt" ::: "memory"); }
static inline uint32_t read_ebp(void)
{
    uint32_t v;
    __asm__ volatile("movl %%ebp, %0" : "=r"(v));
    return v;
}
static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Atomically exchange *p with v; the building block of the kernel mutex. */
static inline uint32_t xchg(volatile uint32_t *p, uint32_t v)
{
    __asm__ volatile("xchgl %0, %1" : "+r"(v), "+m"(*p) : : "memory");
    return v;
}

/* End the machine: under QEMU through the isa-debug-exit device (port 0xf4),
 * whose exit status is (code << 1) | 1.  0 = halt(), 1 = panic. */
void machine_exit(int code) __attribute__((noreturn));
/* Descriptor tables, interrupt controller, FPU (cpu.c; boot, once). */
void cpu_init(void);
/* Give panic what it needs of the machine (first thing at boot). */
void machine_init(void);
/* hook runs (interrupts off) as machine_exit begins: a driver's last word. */
void machine_set_shutdown_hook(void (*hook)(void));

#endif
