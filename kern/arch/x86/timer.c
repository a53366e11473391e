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

#define CAL_PIT_COUNTS 1193u /* one calibration round: 1193 PIT clocks, 1.0 ms */
#define CAL_ROUNDS     3
/* Fewer bus clocks than this a tick and the APIC timer is not worth
 * having (or does not count at all): the PIT instead. */
#define MIN_COUNTS     16u

static uint32_t counts_per_tick; /* 0: the PIT ticks */
static volatile uint32_t taken[SMP_MAX_CPUS];

/* Bus clocks per tick at hz.  A round can only over-count (the APIC
 * starts before the PIT, and is read after the PIT's count has run out),
 * so the least of a few rounds is the closest: a round that the host
 * (or an interrupt) delayed does not count. */
static uint32_t calibrate(unsigned hz)
{
    uint32_t least = UINT32_MAX;
    uint32_t was = irq_save();
    for (int i = 0; i < CAL_ROUNDS; i++) {
        lapic_timer_oneshot_masked(UINT32_MAX);
        pit_wait_counts(CAL_PIT_COUNTS);
        uint32_t spent = UINT32_MAX - lapic_timer_now();
        if (spent < least)
            least = spent;
    }
    lapic_timer_stop();
    irq_restore(was);
    uint64_t per_second = (uint64_t)least * PIT_FREQ / CAL_PIT_COUNTS;
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
