/*
 * smp.h - the CPUs as generic code may see them.  This is the interface;
 * arch/x86/ implements it (percpu.c, smpboot.c).  A port provides the same
 * names:
 *
 *   SMP_MAX_CPUS                 the most CPUs the kernel brings up
 *   void smp_discover(void)      find the CPUs in the firmware's tables
 *                                (boot, paging off, before paging_init)
 *   void smp_start(void)         start the other CPUs and wait for them
 *                                (boot, after paging_init, interrupts off)
 *   unsigned smp_cpus_found(void)   CPUs the tables list (1 without tables)
 *   unsigned smp_cpus_online(void)  CPUs that came up, the boot CPU included
 *   unsigned smp_cpu_id(void)    the running CPU's index, 0 = the boot CPU
 *                                (inline, one load: percpu.h)
 *   struct cpu *this_cpu(void), *smp_cpu(unsigned id)   a CPU's entry; the
 *                                scheduler's fields in it are generic
 *                                (current, idle, need_resched, slice_start)
 *   struct thread *cpu_current(void)   the running CPU's current thread
 *   void smp_release_others(void (*entry)(void))   every other CPU that came
 *                                up calls entry() (interrupts off, on its
 *                                boot stack; entry never returns)
 *   IPIs: void smp_send_ipi(unsigned cpu, unsigned ipi) (interrupts may be
 *                                off; does not wait), and
 *                                smp_set_ipi_handler(ipi, fn) at boot.
 *                                IPI_RESCHED's handler may be empty: the
 *                                trap's exit preempts if need_resched.
 *
 * docs/architecture.md, "SMP".
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#define SMP_MAX_CPUS 8u

#ifndef __ASSEMBLER__
enum { IPI_RESCHED, IPI_SHOOTDOWN, IPI_COUNT };

void smp_discover(void);
void smp_start(void);
unsigned smp_cpus_found(void);
unsigned smp_cpus_online(void);
void smp_release_others(void (*entry)(void));
void smp_send_ipi(unsigned cpu, unsigned ipi);
void smp_set_ipi_handler(unsigned ipi, void (*fn)(void));

#include "arch/x86/percpu.h" /* smp_cpu_id, this_cpu, smp_cpu, struct cpu */
#endif

#endif
