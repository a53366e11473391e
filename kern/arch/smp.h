/*
 * smp.h - the CPUs as generic code may see them.  This is the interface;
 * arch/x86/ implements it (percpu.c, smpboot.c, ipi.c, smp_stop.c).  A
 * port provides the same names:
 *
 *   SMP_MAX_CPUS                 the most CPUs the kernel brings up
 *   void smp_discover(void)      find the CPUs in the firmware's tables
 *                                (boot, paging off, before paging_init)
 *   void smp_start(void)         set the interrupt controllers up, start
 *                                the other CPUs and wait for them (boot,
 *                                after paging_init, interrupts off)
 *   unsigned smp_cpus_found(void)   CPUs the tables list (1 without tables)
 *   unsigned smp_cpus_online(void)  CPUs that came up, the boot CPU included
 *   bool smp_several             more than one came up (set once by
 *                                smp_start, before any other CPU runs)
 *   unsigned smp_cpu_id(void)    the running CPU's index, 0 = the boot CPU
 *                                (inline, one load: percpu.h)
 *   struct cpu *this_cpu(void), *smp_cpu(unsigned id)   a CPU's entry; the
 *                                scheduler's fields in it are generic
 *                                (current, idle, need_resched, slice_start)
 *   struct thread *cpu_current(void)   the running CPU's current thread
 *   uint32_t cpu_spin_ranks(void), void cpu_spin_ranks_add(uint32_t bits),
 *   void cpu_spin_ranks_remove(uint32_t bits)   the running CPU's word of
 *                                spinlock ranks held (lock/spinlock.h),
 *                                each a single instruction
 *   void smp_release_others(void (*entry)(void))   every other CPU that came
 *                                up calls entry() (interrupts off, on its
 *                                boot stack; entry never returns)
 *
 * Inter-processor interrupts, one vector per kind:
 *   IPI_RESCHED, IPI_SHOOTDOWN   for the scheduler and the MMU to register
 *   IPI_CALL                     smp_call's own (no handler may be set)
 *   void smp_set_ipi_handler(unsigned ipi, void (*fn)(void))   boot time
 *   void smp_send_ipi(unsigned cpu, unsigned ipi)  any context, interrupts
 *                                may be off; does not wait for the handler,
 *                                which runs on cpu with interrupts off like
 *                                an IRQ handler, then the trap exit (a
 *                                preemption it asked for is taken there)
 *   void smp_call(unsigned cpu, void (*fn)(void))  fn runs on cpu in its
 *                                IPI_CALL handler; does not wait for it
 *                                (waits only while an earlier call to cpu
 *                                has not yet started)
 *   unsigned smp_ipis_taken(unsigned cpu, unsigned ipi)  IPIs of that kind
 *                                cpu has taken since boot
 *   void smp_stop_others(smp_on_stop_t on_stop)  stop every other online
 *                                CPU with an NMI, even one with interrupts
 *                                off: one at a time, each runs on_stop (may
 *                                be NULL) once on its own stack, given the
 *                                program counter and frame pointer the NMI
 *                                found it at, then halts for good; returns
 *                                when each has done so, or after a bounded
 *                                wait (halt, panic).  Called while another
 *                                CPU stops them all, it waits to be stopped
 * (TLB shootdowns are NMIs too, but the MMU's own: arch/x86/tlb.c.)
 *
 * docs/architecture.md, "SMP".
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#define SMP_MAX_CPUS 8u

#ifndef __ASSEMBLER__
#include <stdint.h>

enum { IPI_RESCHED, IPI_SHOOTDOWN, IPI_CALL, IPI_COUNT };
typedef void (*smp_on_stop_t)(uint32_t pc, uint32_t fp);

void smp_discover(void);
void smp_start(void);
unsigned smp_cpus_found(void);
unsigned smp_cpus_online(void);
void smp_release_others(void (*entry)(void));

void smp_set_ipi_handler(unsigned ipi, void (*fn)(void));
void smp_send_ipi(unsigned cpu, unsigned ipi);
void smp_call(unsigned cpu, void (*fn)(void));
unsigned smp_ipis_taken(unsigned cpu, unsigned ipi);
void smp_stop_others(smp_on_stop_t on_stop);

#include "arch/x86/percpu.h" /* smp_cpu_id, this_cpu, smp_cpu, struct cpu */
#endif

#endif
