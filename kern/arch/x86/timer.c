/*
 * timer.c - the tick (arch/timer.h).  With a local APIC (mapped by
 * smp_start), each CPU's APIC timer runs in periodic mode on
 * TRAP_LAPIC_TIMER.  Its period in bus clocks is measured once, on the
 * boot CPU, against the PIT's channel 2 as a stopwatch (calibrate), and
 * every CPU uses it: their APICs count the same bus clock.  Without a local APIC, or one whose
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
#include "lib/div64.h"
#include "lib/printf.h"

/* PIT clocks between the calibration's samples: 1.0 ms. */
#define CAL_PIT_COUNTS 1193u
/* Tries at each sample; the one with the narrowest bracket is kept. */
#define CAL_TRIES      8
/* Two intervals must agree within 1/CAL_AGREE; else calibrate again, at
 * most CAL_ROUNDS times. */
#define CAL_AGREE      1024u
#define CAL_ROUNDS     4
/* Fewer bus clocks than this a tick and the APIC timer is not worth
 * having (or does not count at all): the PIT instead. */
#define MIN_COUNTS     16u

static uint32_t counts_per_tick; /* 0: the PIT ticks */
static volatile uint32_t taken[SMP_MAX_CPUS];

/* The APIC timer's count at the instant the PIT's was read. */
struct sample {
    uint32_t apic, width; /* width: the APIC's reads on either side, apart */
    uint16_t pit;
};

/* A read of the PIT between two reads of the APIC timer: the APIC's
 * count at the PIT's read is the middle of the two, within half their
 * distance.  Port and APIC accesses cost the emulator time, and on a busy
 * host it may stall in one for milliseconds, so the narrowest of a few
 * tries is kept: a stall widens only the try it falls in. */
static struct sample sample(void)
{
    struct sample best = {0, UINT32_MAX, 0};
    for (int i = 0; i < CAL_TRIES; i++) {
        uint32_t before = lapic_timer_now();
        uint16_t pit = pit_stopwatch_read();
        uint32_t after = lapic_timer_now(); /* it counts down */
        if (before - after < best.width)
            best = (struct sample){after + (before - after) / 2, before - after, pit};
    }
    return best;
}

/* The next sample CAL_PIT_COUNTS PIT clocks after `from`. */
static struct sample sample_after(const struct sample *from)
{
    while ((uint16_t)(from->pit - pit_stopwatch_read()) < CAL_PIT_COUNTS)
        ;
    return sample();
}

/* APIC bus clocks from `from` to `to`, scaled to CAL_PIT_COUNTS PIT
 * clocks (the wait overshoots a little); 0 if the PIT wrapped unseen. */
static uint32_t scaled(const struct sample *from, const struct sample *to)
{
    uint16_t pit = (uint16_t)(from->pit - to->pit);
    if (pit < CAL_PIT_COUNTS)
        return 0;
    return (uint32_t)div64_small((uint64_t)(from->apic - to->apic) * CAL_PIT_COUNTS, pit, NULL);
}

static bool agree(uint32_t x, uint32_t y) { return (x > y ? x - y : y - x) <= x / CAL_AGREE; }

/* APIC bus clocks in 2 * CAL_PIT_COUNTS PIT clocks, 0 if the APIC timer
 * does not count: both counters run free, three samples a PIT interval
 * apart give two measures of their ratio.  Under icount the brackets are
 * a few instructions wide and the two agree at once.  On a busy host they
 * may not: a stall between two PIT reads longer than the PIT's 54.9 ms
 * wrap would go unseen by the PIT alone, so a round whose intervals
 * disagree is taken again. */
static uint32_t measure(void)
{
    uint32_t apic = 0;
    for (int round = 0; round < CAL_ROUNDS; round++) {
        lapic_timer_oneshot_masked(UINT32_MAX);
        pit_stopwatch_start();
        struct sample a = sample(), b = sample_after(&a), c = sample_after(&b);
        uint32_t first = scaled(&a, &b), second = scaled(&b, &c);
        apic = first + second;
        if (agree(first, second))
            break;
    }
    lapic_timer_stop();
    return apic;
}

/* Bus clocks per tick at hz (0: the APIC timer does not count). */
static uint32_t calibrate(unsigned hz)
{
    uint32_t was = irq_save();
    uint32_t apic = measure();
    irq_restore(was);
    uint64_t per_second = div64_small((uint64_t)apic * PIT_FREQ, 2 * CAL_PIT_COUNTS, NULL);
    return (uint32_t)div64_small(per_second + hz / 2, hz, NULL);
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

void timer_stop_this_cpu(void)
{
    if (counts_per_tick)
        lapic_timer_stop();
}

bool timer_on_irq0(void) { return counts_per_tick == 0; }

void timer_count_tick(void) { taken[smp_cpu_id()]++; }

unsigned timer_ticks_taken(unsigned cpu)
{
    assert(cpu < SMP_MAX_CPUS);
    return taken[cpu];
}
