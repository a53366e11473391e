/*
 * ktest_smp.c - boot tests of the CPUs, judged by tests/harness/boot_tests.py,
 * which boots them with -smp N:
 *   cpus         every CPU the firmware lists came up (online), and the
 *                running CPU is the boot CPU, 0; prints "cpus: F found, O online"
 *   ipi          each kind of IPI reaches every CPU (the others, parked, and
 *                this one), twice in a row (so each was acknowledged), and
 *                runs its handler there with interrupts off: the test's
 *                own for IPI_RESCHED and IPI_SHOOTDOWN (it replaces what
 *                the boot registered: this boot runs no init), and
 *                smp_call's function on the CPU named
 *   ap_timer     another CPU whose timer is stopped (timer_stop_this_cpu,
 *                run there through smp_call) takes no tick; once it starts
 *                its timer (timer_start_this_cpu: its own, or CPU 0's
 *                ticks forwarded while CPU 0 calibrates, or for good with
 *                timer=shared) its tick count moves
 *   stop_others  smp_stop_others stops every other CPU, even one spinning
 *                with interrupts off: each runs on_stop exactly once, and
 *                the spinner spins no more
 *   panic_smp    a deliberate panic on CPU 0: one message, then a backtrace
 *                of every CPU (the harness checks the output)
 *   panic_ap     the same from another CPU, while CPU 0 waits with
 *                interrupts off (only an NMI can reach it)
 *   panic_race   CPU 0 and another CPU panic at the same moment: still one
 *                message, and one backtrace per CPU
 * Every wait is bounded in CPU 0's ticks; nothing is timed.
 */
#include "arch/cpu.h"
#include "arch/smp.h"
#include "arch/timer.h"
#include "lib/assert.h"
#include "lib/printf.h"
#include "sched/clock.h"
#include "tests/ktest.h"

#define WAIT_TICKS 2000u /* the longest any one wait may take: 2 s */

KTEST(cpus)
{
    unsigned found = smp_cpus_found(), online = smp_cpus_online();
    printf("cpus: %u found, %u online\n", found, online);
    if (smp_cpu_id() != 0)
        ktest_fail("cpus", "the boot thread runs on CPU %u, not 0", smp_cpu_id());
    if (online != found)
        ktest_fail("cpus", "%u of %u CPUs came up", online, found);
    ktest_pass("cpus");
}

/* Halt from tick to tick until *p differs from old or WAIT_TICKS pass;
 * whether it did.  Interrupts must be on. */
static bool wait_change(const volatile unsigned *p, unsigned old)
{
    uint32_t start = clock_ticks();
    while (*p == old && clock_ticks() - start < WAIT_TICKS)
        cpu_halt();
    return *p != old;
}

static void wait_ticks(uint32_t n)
{
    uint32_t start = clock_ticks();
    while (clock_ticks() - start < n)
        cpu_halt();
}

/* ---- ipi ---------------------------------------------------------------- */

static volatile unsigned called_on[SMP_MAX_CPUS]; /* 1 + the CPU it ran on */
static volatile unsigned called_irq_on[SMP_MAX_CPUS];
static volatile unsigned handled[SMP_MAX_CPUS], handled_irq_on[SMP_MAX_CPUS];

static void note_call(void)
{
    unsigned me = smp_cpu_id();
    called_on[me] = me + 1;
    called_irq_on[me] = irq_enabled();
}

static void note_ipi(void)
{
    handled[smp_cpu_id()]++;
    handled_irq_on[smp_cpu_id()] += irq_enabled();
}

/* IPI kind ipi to cpu, twice: the second arrives only if the first was
 * acknowledged (an unacknowledged vector blocks itself). */
static void ipi_twice(unsigned cpu, unsigned ipi)
{
    for (int round = 0; round < 2; round++) {
        unsigned before = smp_ipis_taken(cpu, ipi), now;
        smp_send_ipi(cpu, ipi);
        uint32_t start = clock_ticks();
        while ((now = smp_ipis_taken(cpu, ipi)) == before && clock_ticks() - start < WAIT_TICKS)
            cpu_halt();
        if (now == before) /* more is allowed: the kernel may send its own meanwhile */
            ktest_fail("ipi", "CPU %u never took IPI %u (round %d)", cpu, ipi, round);
    }
}

KTEST(ipi)
{
    unsigned n = smp_cpus_online();
    smp_set_ipi_handler(IPI_RESCHED, note_ipi);
    smp_set_ipi_handler(IPI_SHOOTDOWN, note_ipi);
    for (unsigned cpu = 0; cpu < n; cpu++) {
        for (unsigned ipi = 0; ipi < IPI_COUNT; ipi++)
            ipi_twice(cpu, ipi);
        if (handled[cpu] < 4 || handled_irq_on[cpu])
            ktest_fail("ipi", "CPU %u ran the handlers %u times, want 4 or more, %u with interrupts on", cpu,
                       handled[cpu], handled_irq_on[cpu]);
        smp_call(cpu, note_call);
        if (!wait_change(&called_on[cpu], 0))
            ktest_fail("ipi", "smp_call's function never ran on CPU %u", cpu);
        if (called_on[cpu] != cpu + 1 || called_irq_on[cpu])
            ktest_fail("ipi", "smp_call for CPU %u ran on CPU %u, interrupts %s", cpu, called_on[cpu] - 1,
                       called_irq_on[cpu] ? "on" : "off");
        printf("ipi: CPU %u took every IPI kind twice, and the call\n", cpu);
    }
    ktest_pass("ipi");
}

/* ---- ap_timer ----------------------------------------------------------- */

/* Halt until cpu takes a tick after `stopped`, or WAIT_TICKS pass. */
static void wait_first_tick(unsigned cpu, unsigned stopped)
{
    uint32_t start = clock_ticks();
    while (timer_ticks_taken(cpu) == stopped && clock_ticks() - start < WAIT_TICKS)
        cpu_halt();
}

KTEST(ap_timer)
{
    unsigned n = smp_cpus_online();
    for (unsigned cpu = 1; cpu < n; cpu++) {
        smp_call(cpu, timer_stop_this_cpu); /* already stopped while it is parked */
        wait_ticks(5);
        unsigned stopped = timer_ticks_taken(cpu);
        wait_ticks(20);
        if (timer_ticks_taken(cpu) != stopped)
            ktest_fail("ap_timer", "CPU %u took %u ticks with its timer stopped", cpu,
                       timer_ticks_taken(cpu) - stopped);
        unsigned mine = timer_ticks_taken(0);
        smp_call(cpu, timer_start_this_cpu);
        wait_first_tick(cpu, stopped);
        wait_ticks(50);
        unsigned got = timer_ticks_taken(cpu) - stopped;
        printf("ap_timer: CPU %u took %u ticks while CPU 0 took %u%s\n", cpu, got,
               timer_ticks_taken(0) - mine, timer_shared() ? ", forwarded" : "");
        if (got == 0)
            ktest_fail("ap_timer", "CPU %u took no tick after timer_start_this_cpu", cpu);
    }
    ktest_pass("ap_timer");
}

/* ---- stop_others -------------------------------------------------------- */

static volatile unsigned stop_calls[SMP_MAX_CPUS];
static volatile unsigned spins;

static void count_stop(uint32_t pc, uint32_t fp)
{
    (void)pc, (void)fp;
    stop_calls[smp_cpu_id()]++;
}

/* Runs in CPU 1's IPI handler, interrupts off, until the NMI stops it. */
static void spin_forever(void)
{
    for (;;)
        __atomic_fetch_add(&spins, 1, __ATOMIC_RELAXED);
}

KTEST(stop_others)
{
    unsigned n = smp_cpus_online();
    if (n > 1) {
        smp_call(1, spin_forever);
        if (!wait_change(&spins, 0))
            ktest_fail("stop_others", "CPU 1 never started spinning");
    }
    smp_stop_others(count_stop);
    unsigned after = spins;
    wait_ticks(20);
    if (spins != after)
        ktest_fail("stop_others", "CPU 1 still spins after smp_stop_others (%u -> %u)", after, spins);
    if (stop_calls[0] != 0)
        ktest_fail("stop_others", "the stopping CPU ran on_stop");
    for (unsigned cpu = 1; cpu < n; cpu++)
        if (stop_calls[cpu] != 1)
            ktest_fail("stop_others", "CPU %u ran on_stop %u times, want 1", cpu, stop_calls[cpu]);
    printf("stop_others: %u other CPUs stopped\n", n - 1);
    ktest_pass("stop_others");
}

/* ---- panics ------------------------------------------------------------- */

static volatile unsigned race_ready, race_go;

static void __attribute__((noinline)) panic_on_this_cpu(void)
{
    panic("deliberate, on CPU %u", smp_cpu_id());
}

KTEST(panic_smp) { panic_on_this_cpu(); }

static volatile unsigned cpu0_spins;

/* CPU 0 spins with interrupts off: only the panicking CPU's NMI reaches it. */
static void __attribute__((noinline, noreturn)) spin_irq_off(void)
{
    irq_disable();
    cpu0_spins = 1;
    for (;;)
        ;
}

/* CPU 1 panics only once CPU 0 spins: else CPU 0 may still be sending
 * the call's IPI, and its backtrace would not be the one the test asks. */
static void panic_once_cpu0_spins(void)
{
    while (!cpu0_spins)
        ;
    panic_on_this_cpu();
}

KTEST(panic_ap)
{
    if (smp_cpus_online() < 2)
        ktest_fail("panic_ap", "needs 2 CPUs");
    smp_call(1, panic_once_cpu0_spins);
    spin_irq_off();
}

static void race(void)
{
    race_ready = 1;
    while (!race_go)
        ;
    panic_on_this_cpu();
}

KTEST(panic_race)
{
    if (smp_cpus_online() < 2)
        ktest_fail("panic_race", "needs 2 CPUs");
    smp_call(1, race);
    if (!wait_change(&race_ready, 0))
        ktest_fail("panic_race", "CPU 1 never got ready");
    irq_disable();
    race_go = 1;
    panic_on_this_cpu();
}
