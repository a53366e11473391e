/*
 * timer.c - the tick (arch/timer.h).  The PIT's channel 0 ticks on IRQ 0
 * from timer_init on.  With a local APIC (mapped by smp_start), CPU 0's
 * PIT ticks meanwhile calibrate the APIC timer against the PIT, and once
 * they have, each CPU's APIC timer runs in periodic mode on
 * TRAP_LAPIC_TIMER instead and IRQ 0 is masked.  Without a local APIC (one
 * CPU), when the APIC timer does not count, or with "timer=shared"
 * (timer_share: no calibration), the PIT goes on ticking for the whole
 * machine, forwarded to the other CPUs (below).
 *
 * Calibration, in CPU 0's tick (calibrate_tick), costs the boot no wait:
 * the first program starts while it goes on.  The APIC timer runs free
 * (one-shot, masked, from UINT32_MAX, restarted at each round's first
 * tick), and so does the PIT's channel 2 (pit_stopwatch_start, 54.9 ms
 * around).  At a round's ticks 0, CAL_TICKS and 2 * CAL_TICKS a sample
 * brackets a read of channel 2 between two reads of the APIC timer, so
 * the two intervals give two measures of the APIC's rate against the
 * PIT's clock.  The ticks only say when to sample: on a busy host,
 * without icount, the emulator may merge two PIT edges or hold the
 * handler past the next one, and a tick is lost, but channel 2 counted
 * the time anyway.  An interval that wrapped channel 2 (a stall of tens of
 * ms) or the reload of a wait on channel 2 spoils a measure, so the two
 * must agree; else the round is taken again from the next tick, as often
 * as it takes.  At the tick that ends a good round the switch is made in
 * that same handler: CPU 0's APIC timer starts periodic, its first tick a
 * period later, and IRQ 0 is masked; one already on its way is dropped by
 * irq.c, so no tick is doubled or lost.  The outcome goes out as a log
 * line (timer_set_log: the serial line, whole, on a line of its own), not
 * a printf: from an interrupt handler that would land raw in the middle of
 * whatever line the screen was showing.
 *
 * Another CPU's tick is CPU 0's PIT tick, forwarded, whenever the PIT
 * ticks for the machine: while CPU 0 still calibrates (which takes as
 * many rounds as it takes: hundreds, with 8 guest CPUs on a 2-core host),
 * or for good (the APIC timer does not count, or timer=shared).  A CPU
 * that starts its timer then (timer_start_this_cpu: the scheduler's AP
 * entry, or a test's smp_call) sets forwarded[c], and CPU 0's PIT tick
 * sends it a fixed IPI on the APIC timer's own vector, which irq.c takes
 * as that CPU's tick.  So every CPU ticks at CLOCK_HZ from the moment it
 * starts its timer: its slices end, whatever the calibration does.  The
 * tick that ends a good calibration claims the flags and starts each
 * CPU's own APIC timer through smp_call (forward_or_own says how the two
 * sides agree).  A flag read just as it changes costs at most one tick
 * more, once.
 *
 * Shared state: `cal` and `pit_only` are CPU 0's alone (boot, then its
 * tick).  forwarded[c] is set by CPU c and cleared by CPU c, or claimed
 * (exchanged to 0) by CPU 0's tick at the switch, as forward_or_own says.
 * counts_per_tick is written once, by CPU 0's tick at the switch, before
 * it clears `calibrating` (a release store or, where forward_or_own needs
 * it, a sequentially consistent one; other CPUs read it after an acquire
 * load of `calibrating`); then read-only.  `calibrating` is set
 * by timer_init before IRQ 0 is let through and cleared once, by CPU 0's
 * tick.  log_line is set at boot, before timer_init.  taken[c] is
 * written only by CPU c, in its tick.
 */
#include "arch/x86/timer.h"

#include <stdint.h>

#include "arch/smp.h"
#include "arch/x86/cpu.h"
#include "arch/x86/irq.h"
#include "arch/x86/lapic.h"
#include "arch/x86/percpu.h"
#include "arch/x86/pit.h"
#include "arch/x86/trap.h"
#include "lib/assert.h"
#include "lib/div64.h"
#include "lib/format.h"
#include "lib/printf.h"

/* PIT ticks between the calibration's samples: 8 ms at 1 kHz, 9544 PIT
 * clocks, so that one PIT clock is about 1/9544 of a measure. */
#define CAL_TICKS  8u
/* Tries at each sample; the one with the narrowest bracket is kept. */
#define CAL_TRIES  8
/* The two measures must agree within 1/CAL_AGREE; else the round is
 * taken again. */
#define CAL_AGREE  1024u
/* Fewer bus clocks than this a tick and the APIC timer is not worth
 * having (or does not count at all): the PIT instead. */
#define MIN_COUNTS 16u

/* The APIC timer's count at the instant the PIT's was read. */
struct sample {
    uint32_t apic, width; /* width: the APIC's reads on either side, apart */
    uint16_t pit;
};

/* CPU 0's calibration in progress (only while `calibrating`). */
static struct {
    unsigned hz;
    uint32_t divisor;        /* PIT clocks a tick */
    unsigned tick;           /* ticks into this round */
    unsigned rounds;         /* rounds taken, this one included */
    struct sample sample[3]; /* at ticks 0, CAL_TICKS and 2 * CAL_TICKS */
} cal;

static volatile bool calibrating;
static volatile uint32_t forwarded[SMP_MAX_CPUS]; /* CPU c takes CPU 0's PIT ticks */
static bool pit_only;                             /* timer=shared: no calibration */
static void (*log_line)(const char *line);        /* set once, before timer_init */
static uint32_t counts_per_tick;                  /* 0: the PIT ticks */
static volatile uint32_t taken[SMP_MAX_CPUS];

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

/* APIC bus clocks from `from` to `to`, taken CAL_TICKS ticks apart,
 * scaled to CAL_TICKS * divisor PIT clocks; 0 if channel 2 counted less
 * than half that (it wrapped: the two were over 54.9 ms apart). */
static uint32_t scaled(const struct sample *from, const struct sample *to)
{
    uint32_t nominal = CAL_TICKS * cal.divisor;
    uint16_t pit = (uint16_t)(from->pit - to->pit);
    if (pit < nominal / 2)
        return 0;
    return (uint32_t)div64_small((uint64_t)(from->apic - to->apic) * nominal, pit, NULL);
}

static bool agree(uint32_t x, uint32_t y) { return (x > y ? x - y : y - x) <= x / CAL_AGREE; }

/* Bus clocks per tick at cal.hz, from the bus clocks `apic` counted in
 * 2 * CAL_TICKS * divisor PIT clocks. */
static uint32_t per_tick(uint32_t apic)
{
    uint64_t per_second = div64_small((uint64_t)apic * PIT_FREQ, 2 * CAL_TICKS * cal.divisor, NULL);
    return (uint32_t)div64_small(per_second + cal.hz / 2, cal.hz, NULL);
}

/* Another CPU, interrupts off: true if its ticks are to be CPU 0's,
 * forwarded (the PIT ticks for the machine), false if it starts its own
 * APIC timer.  While CPU 0 calibrates, the race with the switch: CPU 0
 * sets counts_per_tick, clears `calibrating`, then claims the flags; this
 * CPU sets its flag, then looks at `calibrating` again (both sequentially
 * consistent, so at least one of the two sees the other's store).  Whoever
 * claims the flag starts the timer; a flag left set after a calibration
 * that kept the PIT stays set, for good. */
static bool forward_or_own(unsigned me)
{
    if (!__atomic_load_n(&calibrating, __ATOMIC_SEQ_CST) && counts_per_tick)
        return false;
    __atomic_store_n(&forwarded[me], 1u, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&calibrating, __ATOMIC_SEQ_CST) || !counts_per_tick)
        return true;
    return !__atomic_exchange_n(&forwarded[me], 0u, __ATOMIC_SEQ_CST);
}

/* CPU 0's PIT tick: the same tick for every CPU whose ticks are its. */
static void forward_tick(void)
{
    for (unsigned c = 1; c < SMP_MAX_CPUS; c++)
        if (__atomic_load_n(&forwarded[c], __ATOMIC_RELAXED))
            lapic_send_fixed(cpus[c].apic_id, TRAP_LAPIC_TIMER);
}

/* CPU 0's tick, calibration over: each CPU whose ticks it forwarded
 * starts its own timer, on that CPU. */
static void start_others_own(void)
{
    for (unsigned c = 1; c < SMP_MAX_CPUS; c++)
        if (__atomic_exchange_n(&forwarded[c], 0u, __ATOMIC_SEQ_CST))
            smp_call(c, timer_start_this_cpu);
}

/* CPU 0's tick, interrupts off: calibration is over, with counts bus
 * clocks per tick (below MIN_COUNTS: the PIT stays). */
static void calibration_over(uint32_t counts)
{
    char line[80];
    if (counts < MIN_COUNTS) {
        lapic_timer_stop();
        __atomic_store_n(&calibrating, false, __ATOMIC_RELEASE);
        format_snprintf(line, sizeof(line), "timer: PIT, %u Hz (the local APIC timer does not count)",
                        cal.hz);
    } else {
        counts_per_tick = counts; /* from here irq.c drops IRQ 0 */
        __atomic_store_n(&calibrating, false, __ATOMIC_SEQ_CST);
        timer_start_this_cpu();
        irq_mask(IRQ_TIMER);
        start_others_own();
        format_snprintf(line, sizeof(line), "timer: local APIC, %u Hz (%u bus counts per tick, round %u)",
                        cal.hz, counts, cal.rounds);
    }
    if (log_line)
        log_line(line);
}

/* The tick that ends a round: its two measures agree, or another round
 * starts at the next tick. */
static void round_over(void)
{
    uint32_t first = scaled(&cal.sample[0], &cal.sample[1]);
    uint32_t second = scaled(&cal.sample[1], &cal.sample[2]);
    cal.tick = 0;
    cal.rounds++;
    if (first && second && agree(first, second))
        calibration_over(per_tick(first + second));
    else if (cal.sample[0].apic == cal.sample[2].apic)
        calibration_over(0); /* the APIC timer does not count */
}

/* CPU 0's tick while calibrating, interrupts off.  The APIC timer is
 * started free-running afresh with each round, so it cannot run out
 * (2^32 bus clocks, 4.3 s at QEMU's 1 GHz) however many rounds there are. */
static void calibrate_tick(void)
{
    if (cal.tick == 0)
        lapic_timer_oneshot_masked(UINT32_MAX);
    if (cal.tick % CAL_TICKS == 0)
        cal.sample[cal.tick / CAL_TICKS] = sample();
    if (cal.tick++ == 2 * CAL_TICKS)
        round_over();
}

void timer_set_log(void (*log)(const char *line)) { log_line = log; }

void timer_share(void) { pit_only = true; }

void timer_init(unsigned hz)
{
    uint32_t divisor = pit_init(hz);
    if (!lapic_mapped()) {
        printf("timer: PIT, %u Hz\n", hz);
        return;
    }
    if (pit_only) {
        printf("timer: PIT, %u Hz, for every CPU (timer=shared)\n", hz);
        return;
    }
    cal.hz = hz;
    cal.divisor = divisor;
    pit_stopwatch_start();
    calibrating = true; /* before irq_register lets IRQ 0 through */
    printf("timer: PIT, %u Hz, while its ticks calibrate the local APIC timer\n", hz);
}

void timer_start_this_cpu(void)
{
    unsigned me = smp_cpu_id();
    assert(!irq_enabled());
    if (me != 0 && forward_or_own(me))
        return;
    if (counts_per_tick)
        lapic_timer_periodic(TRAP_LAPIC_TIMER, counts_per_tick);
}

void timer_stop_this_cpu(void)
{
    __atomic_store_n(&forwarded[smp_cpu_id()], 0u, __ATOMIC_SEQ_CST); /* CPU 0's ticks, too */
    if (counts_per_tick)
        lapic_timer_stop();
}

bool timer_settled(void) { return !__atomic_load_n(&calibrating, __ATOMIC_ACQUIRE); }

bool timer_on_irq0(void) { return counts_per_tick == 0; }

bool timer_shared(void) { return timer_settled() && timer_on_irq0(); }

void timer_count_tick(void)
{
    unsigned me = smp_cpu_id();
    taken[me]++;
    if (me != 0 || counts_per_tick)
        return;
    forward_tick(); /* the PIT ticks for the machine */
    if (calibrating)
        calibrate_tick();
}

unsigned timer_ticks_taken(unsigned cpu)
{
    assert(cpu < SMP_MAX_CPUS);
    return taken[cpu];
}
