/*
 * timer.c - the tick (arch/timer.h).  With a local APIC (mapped by
 * smp_start), each CPU's APIC timer runs in periodic mode on
 * TRAP_LAPIC_TIMER.  Its period in bus clocks is measured once, on the
 * boot CPU, against the PIT's channel 2, and every CPU uses it: their
 * APICs count the same bus clock.  Without a local APIC, or one whose
 * timer does not count, the PIT's channel 0 ticks on IRQ 0 for the whole
 * machine, and timer_start_this_cpu has nothing to do.
 *
 * counts_per_tick is written once, by timer_init, before any tick; then
 * read-only.  taken[c] is written only by CPU c, in its tick.
 */
#include "arch/x86/timer.h"

#include <stdint.h>

#include "arch/smp.h"
#include "arch/x86/cpu.h"
#include "arch/x86/lapic.h"
#include "arch/x86/pit.h"
#include "arch/x86/trap.h"
#include "lib/assert.h"
#include "lib/printf.h"

/* One calibration measures a short and a long wait, in PIT clocks. */
#define CAL_SHORT  119u  /* 0.1 ms */
#define CAL_LONG   1193u /* 1.0 ms */
/* Calibrate until two in a row agree within 1/CAL_AGREE, at most
 * CAL_TRIES times. */
#define CAL_AGREE  512u
#define CAL_TRIES  8
/* Fewer bus clocks than this a tick and the APIC timer is not worth
 * having (or does not count at all): the PIT instead. */
#define MIN_COUNTS 16u

static uint32_t counts_per_tick; /* 0: the PIT ticks */
static volatile uint32_t taken[SMP_MAX_CPUS];

/* Bus clocks the APIC timer counts while the PIT counts pit_counts, plus
 * the time it takes to start the PIT and to see it finish. */
static uint32_t spent(uint32_t pit_counts)
{
    lapic_timer_oneshot_masked(UINT32_MAX);
    pit_wait_counts(pit_counts);
    return UINT32_MAX - lapic_timer_now();
}

/* Bus clocks per CAL_LONG - CAL_SHORT PIT clocks: the difference takes out
 * what both waits spend around the PIT (about a microsecond of port
 * accesses under QEMU without icount: 0.1% of a 1 ms wait). */
static uint32_t measure(void)
{
    uint32_t shorter = spent(CAL_SHORT), longer = spent(CAL_LONG);
    return longer > shorter ? longer - shorter : 0;
}

static bool agree(uint32_t a, uint32_t b) { return (a > b ? a - b : b - a) <= a / CAL_AGREE; }

/* Bus clocks per tick at hz, 0 if the APIC timer does not count.  Under
 * icount two measurements agree at once; on a busy host the emulator may
 * stall between two port accesses, and a measurement that does not agree
 * with the one before is taken again. */
static uint32_t calibrate(unsigned hz)
{
    uint32_t was = irq_save();
    uint32_t prev = measure(), cur = prev;
    for (int i = 1; i < CAL_TRIES; i++, prev = cur)
        if (agree(prev, cur = measure()))
            break;
    lapic_timer_stop();
    irq_restore(was);
    uint64_t per_second = (uint64_t)cur * PIT_FREQ / (CAL_LONG - CAL_SHORT);
    return (uint32_t)((per_second + hz / 2) / hz);
}

void timer_init(unsigned hz)
{
    uint32_t counts = lapic_mapped() ? calibrate(hz) : 0;
    if (counts < MIN_COUNTS) {
        pit_init(hz);
        printf("timer: PIT, %u Hz\n", hz);
        return;
    }
    counts_per_tick = counts;
    timer_start_this_cpu();
    printf("timer: local APIC, %u Hz (%u bus counts per tick)\n", hz, counts);
}

void timer_start_this_cpu(void)
{
    if (counts_per_tick)
        lapic_timer_periodic(TRAP_LAPIC_TIMER, counts_per_tick);
}

bool timer_on_irq0(void) { return counts_per_tick == 0; }

void timer_count_tick(void) { taken[smp_cpu_id()]++; }

unsigned timer_ticks_taken(unsigned cpu)
{
    assert(cpu < SMP_MAX_CPUS);
    return taken[cpu];
}
