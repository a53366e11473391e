/*
 * arch/smp.h for host unit tests: stands in for kern/arch/smp.h.  One
 * CPU, whose entry holds the scheduler's generic fields; IPIs are counted,
 * never sent.
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#include <stdbool.h>
#include <stdint.h>

#define SMP_MAX_CPUS 8u

enum { IPI_RESCHED, IPI_SHOOTDOWN, IPI_COUNT };

struct thread;

struct cpu {
    uint32_t id;
    struct thread *current, *idle;
    volatile uint32_t need_resched;
    uint32_t slice_start;
    volatile uint32_t online;
    uint32_t spin_ranks;
};

static struct cpu host_cpu = {.online = 1};
static int host_ipis; /* IPIs the code under test sent */

static inline struct cpu *this_cpu(void) { return &host_cpu; }
static inline struct cpu *smp_cpu(unsigned id) { return id == 0 ? &host_cpu : 0; }
static inline unsigned smp_cpu_id(void) { return 0; }
static inline struct thread *cpu_current(void) { return host_cpu.current; }
static inline bool cpu_need_resched(void) { return host_cpu.need_resched != 0; }
static inline uint32_t cpu_pd_loaded(void) { return 0; }
static inline bool cpu_tlb_lazy(void) { return false; }
static inline void cpu_tlb_lazy_begin(void) {}
static inline uint32_t cpu_spin_ranks(void) { return host_cpu.spin_ranks; }
static inline void cpu_spin_ranks_add(uint32_t bits) { host_cpu.spin_ranks |= bits; }
static inline void cpu_spin_ranks_remove(uint32_t bits) { host_cpu.spin_ranks &= ~bits; }
static inline unsigned smp_cpus_found(void) { return 1; }
static inline unsigned smp_cpus_online(void) { return 1; }
static const bool smp_several = false;
static inline void smp_send_ipi(unsigned cpu, unsigned ipi)
{
    (void)cpu;
    (void)ipi;
    host_ipis++;
}
static inline void smp_release_others(void (*entry)(void)) { (void)entry; }

#endif
