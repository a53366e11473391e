/*
 * smp_stop.c - stopping the other CPUs (smp_stop_others, arch/smp.h) with
 * an NMI, which reaches a CPU even while it runs with interrupts off.
 *
 * One CPU stops the others: the first to claim `stopper`.  It asks each
 * other online CPU in turn (its bit in `asked`), sends it an NMI and
 * waits, bounded, for its bit in `stopped`, so that what the on_stop
 * functions print comes out one CPU after another.  A stopped CPU runs
 * on_stop once, on the stack the NMI found it on, with the %eip and %ebp
 * it was interrupted at (a backtrace starts there), sets its bit and halts
 * with interrupts off for good; it never returns from the NMI, so no
 * other NMI reaches it.  A CPU that finds another one stopping the
 * machine halts too, and is stopped in its turn.  If a CPU does not answer
 * in time, the stopper says so and goes on; should it answer later, its
 * output may mix with the next one's.
 *
 * Shared: stopper (claimed once, compare-and-swap), stop_fn (written by
 * the stopper before it sets the first `asked` bit), asked and stopped
 * (atomic bit sets, one bit per CPU).  The waits use the PIT's channel 2,
 * which nothing else uses after boot.
 */
#include "arch/x86/smp_stop.h"

#include <stdbool.h>

#include "arch/smp.h"
#include "arch/x86/cpu.h"
#include "arch/x86/lapic.h"
#include "arch/x86/percpu.h"
#include "arch/x86/pit.h"
#include "lib/assert.h"
#include "lib/printf.h"

#define NO_CPU       0xFFFFFFFFu
#define STOP_WAIT_US 1000000u /* per CPU: long enough to print a backtrace on a slow serial line */
#define STOP_POLL_US 100u

static uint32_t stopper = NO_CPU;
static volatile smp_on_stop_t stop_fn;
static volatile uint32_t asked, stopped;

static uint32_t bit(unsigned cpu) { return 1u << cpu; }

void smp_stop_park(void)
{
    for (;;) {
        irq_disable();
        cpu_halt();
    }
}

static bool has_stopped(unsigned cpu)
{
    return (__atomic_load_n(&stopped, __ATOMIC_ACQUIRE) & bit(cpu)) != 0;
}

static bool wait_stopped(unsigned cpu)
{
    for (unsigned us = 0; us < STOP_WAIT_US && !has_stopped(cpu); us += STOP_POLL_US)
        pit_delay_us(STOP_POLL_US);
    return has_stopped(cpu);
}

static void stop_one(unsigned cpu)
{
    __atomic_or_fetch(&asked, bit(cpu), __ATOMIC_SEQ_CST);
    if (!lapic_send_nmi(cpus[cpu].apic_id) || !wait_stopped(cpu))
        printf("CPU %u did not answer the stop NMI\n", cpu);
}

void smp_stop_others(smp_on_stop_t on_stop)
{
    uint32_t was = irq_save();
    uint32_t me = smp_cpu_id(), claimed = NO_CPU;
    if (!__atomic_compare_exchange_n(&stopper, &claimed, me, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        if (claimed != me)
            smp_stop_park(); /* another CPU is stopping the machine: its NMI comes */
        irq_restore(was);    /* this CPU already did (say machine_exit after a panic) */
        return;
    }
    stop_fn = on_stop;
    for (unsigned c = 0; c < smp_cpus_found(); c++)
        if (c != me && __atomic_load_n(&cpus[c].online, __ATOMIC_ACQUIRE))
            stop_one(c);
    irq_restore(was);
}

void smp_stop_nmi(const trapframe_t *tf)
{
    unsigned me = smp_cpu_id();
    if (!(__atomic_load_n(&asked, __ATOMIC_ACQUIRE) & bit(me)))
        return;
    smp_on_stop_t fn = stop_fn;
    if (fn)
        fn(tf->eip, tf->ebp);
    __atomic_or_fetch(&stopped, bit(me), __ATOMIC_RELEASE);
    smp_stop_park();
}
