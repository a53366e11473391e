/*
 * percpu.c - the per-CPU array (see percpu.h).
 */
#include "arch/x86/percpu.h"

struct cpu cpus[SMP_MAX_CPUS];
unsigned percpu_ncpus = 1; /* registered: the boot CPU at least */
bool smp_several;          /* set once by smp_start, before other CPUs run threads */

void percpu_register(unsigned id, uint8_t apic_id)
{
    cpus[id].id = id;
    cpus[id].apic_id = apic_id;
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

void percpu_load(struct cpu *c)
{
    c->self = c;
    gdt_init(&c->seg, c, sizeof(*c));
}
