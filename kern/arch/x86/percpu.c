/*
 * percpu.c - the per-CPU array and the running CPU's id (see percpu.h).
 *
 * With several CPUs the id comes from the initial APIC id CPUID reports,
 * through a table filled at boot: one instruction that works in every
 * address space and needs no mapping.  With one CPU it is not asked at all.  (A per-CPU
 * segment base would be cheaper once the scheduler asks at every switch.)
 */
#include "arch/x86/percpu.h"

#include "arch/x86/lapic.h"

struct cpu cpus[SMP_MAX_CPUS];
unsigned percpu_ncpus = 1; /* registered: the boot CPU at least */
static uint8_t cpu_of_apic[256];

void percpu_register(unsigned id, uint8_t apic_id)
{
    cpus[id].id = id;
    cpus[id].apic_id = apic_id;
    cpu_of_apic[apic_id] = (uint8_t)id;
    if (id >= percpu_ncpus)
        percpu_ncpus = id + 1;
}

unsigned smp_cpus_found(void) { return percpu_ncpus; }

unsigned smp_cpus_online(void)
{
    unsigned n = 0;
    for (unsigned i = 0; i < percpu_ncpus; i++)
        n += __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE) != 0;
    return n;
}

unsigned percpu_lookup_id(void) { return cpu_of_apic[lapic_cpuid_apic_id()]; }
