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
 *                                (inline: the trace asks at every event)
 *
 * At this step only the boot CPU runs threads; the others park halted with
 * interrupts off (docs/architecture.md, "SMP").
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#define SMP_MAX_CPUS 8u

#ifndef __ASSEMBLER__
void smp_discover(void);
void smp_start(void);
unsigned smp_cpus_found(void);
unsigned smp_cpus_online(void);

#include "arch/x86/percpu.h" /* smp_cpu_id */
#endif

#endif
