/*
 * ipi.c - inter-processor interrupts (arch/smp.h): each kind has its own
 * vector, TRAP_IPI_BASE + kind, sent as a fixed interrupt through the
 * sender's local APIC and acknowledged by the receiver's (irq.c).
 *
 * Shared state and who touches it:
 *   handlers[]     written at boot (smp_set_ipi_handler), before another
 *                  CPU takes interrupts; read-only after
 *   taken[c][k]    written only by CPU c (its handler), read by anyone
 *   call_slot[c]   smp_call's function for CPU c: filled by a caller with
 *                  an atomic compare-and-swap from NULL, emptied by CPU c
 *                  with an atomic exchange; no lock
 */
#include "arch/x86/ipi.h"

#include <stddef.h>

#include "arch/smp.h"
#include "arch/x86/lapic.h"
#include "arch/x86/percpu.h"
#include "arch/x86/trap.h"
#include "lib/assert.h"

_Static_assert(TRAP_IPI_BASE + IPI_COUNT <= TRAP_LAPIC_SPURIOUS,
               "every IPI kind has a vector below the spurious one");

static void run_call(void);

static void (*handlers[IPI_COUNT])(void) = {[IPI_CALL] = run_call};
static volatile uint32_t taken[SMP_MAX_CPUS][IPI_COUNT];
static void (*volatile call_slot[SMP_MAX_CPUS])(void);

void smp_set_ipi_handler(unsigned ipi, void (*fn)(void))
{
    assert(ipi < IPI_COUNT && ipi != IPI_CALL);
    handlers[ipi] = fn;
}

void smp_send_ipi(unsigned cpu, unsigned ipi)
{
    assert(cpu < smp_cpus_found() && ipi < IPI_COUNT);
    if (!__atomic_load_n(&cpus[cpu].online, __ATOMIC_ACQUIRE))
        return; /* nobody there to take it */
    lapic_send_fixed(cpus[cpu].apic_id, (uint8_t)(TRAP_IPI_BASE + ipi));
}

void smp_call(unsigned cpu, void (*fn)(void))
{
    assert(cpu < smp_cpus_found() && fn);
    void (*none)(void) = NULL;
    while (
        !__atomic_compare_exchange_n(&call_slot[cpu], &none, fn, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
        none = NULL;
        __asm__ volatile("pause"); /* an earlier call to cpu has not started yet */
    }
    smp_send_ipi(cpu, IPI_CALL);
}

static void run_call(void)
{
    void (*fn)(void) = __atomic_exchange_n(&call_slot[smp_cpu_id()], NULL, __ATOMIC_ACQUIRE);
    if (fn)
        fn();
}

unsigned smp_ipis_taken(unsigned cpu, unsigned ipi)
{
    assert(cpu < SMP_MAX_CPUS && ipi < IPI_COUNT);
    return taken[cpu][ipi];
}

void ipi_dispatch(unsigned ipi)
{
    taken[smp_cpu_id()][ipi]++;
    if (handlers[ipi])
        handlers[ipi]();
}
