/*
 * ktest_boot.c - boot tests of the foundation, judged by
 * tests/harness/boot_tests.py:
 *   timer     the tick really runs at 1 kHz: ticks counted between CMOS RTC
 *             second edges agree within 0.1%
 *   timer_stalls  the same, after the boot CPU stalled with interrupts off
 *             again and again while its ticks settled the timer's rate
 *   keyboard  bytes typed through the QEMU monitor (PS/2) or the serial line
 *             come out of the input stream exactly: printed as KBD 0xNN
 *   vga       known text in several colours and enough lines to scroll; the
 *             harness reads VGA memory back
 *   panic     a deliberate kernel fault: must panic with a symbolized
 *             backtrace (the harness expects the failure)
 */
#include "arch/cpu.h"
#include "arch/timer.h"
#include "dev/console.h"
#include "dev/input.h"
#include "dev/rtc.h"
#include "lib/assert.h"
#include "lib/printf.h"
#include "sched/clock.h"
#include "sched/sched.h"
#include "tests/ktest.h"

/* Sleep from tick to tick (hlt) until the RTC seconds change; the tick
 * count when the change is seen.  Every edge is seen at the first tick
 * after it, so two edges' counts differ by exactly the ticks between them,
 * give or take one. */
static uint32_t wait_rtc_edge(void)
{
    int s = rtc_seconds();
    while (rtc_seconds() == s)
        cpu_halt();
    return clock_ticks();
}

/* Three back-to-back windows of two RTC seconds each; each must hold
 * CLOCK_HZ ticks per second within 0.1% and one tick (the PIT divisor
 * rounds 1 kHz to 1000.15 Hz).  The harness runs this on QEMU's virtual
 * clock (boot_tests.py: timer_1khz), where the PIT and the RTC advance
 * with the guest's instructions alone: a busy host cannot drop a tick, so
 * any miss is the kernel's (a wrong divisor, or interrupts lost while
 * masked).  Nothing is printed until the windows are over. */
static void timer_windows(const char *name)
{
    enum { WINDOWS = 3, SECONDS = 2 };
    const uint32_t want = CLOCK_HZ * SECONDS, slack = want / 1000 + 1;
    uint32_t edge[WINDOWS + 1];
    edge[0] = wait_rtc_edge();
    for (int w = 0; w < WINDOWS; w++) {
        for (int i = 1; i < SECONDS; i++)
            wait_rtc_edge();
        edge[w + 1] = wait_rtc_edge();
    }
    int bad = 0;
    for (int w = 0; w < WINDOWS; w++) {
        uint32_t got = edge[w + 1] - edge[w];
        printf("timer: window %d: %u ticks in %d RTC seconds\n", w, got, SECONDS);
        if (got < want - slack || got > want + slack)
            bad++;
    }
    if (bad)
        ktest_fail(name, "%d of %d windows outside %u +- %u ticks", bad, WINDOWS, want, slack);
    ktest_pass(name);
}

KTEST(timer) { timer_windows("timer"); }

/* Spins with interrupts off for STALL_SPINS loop turns (some 3 ms of
 * guest time): the PIT's edges meanwhile merge into one interrupt, so
 * ticks are lost, as on a busy host when the emulator cannot run. */
#define STALL_SPINS 1000000u
#define MAX_STALLS  5000u

/* While the boot CPU's ticks settle the timer (timer_settled), stall
 * after every tick; then the rate must still be right. */
KTEST(timer_stalls)
{
    unsigned stalls = 0;
    while (!timer_settled()) {
        if (++stalls > MAX_STALLS)
            ktest_fail("timer_stalls", "the timer did not settle in %u stalls", MAX_STALLS);
        irq_disable();
        for (volatile uint32_t i = 0; i < STALL_SPINS; i++)
            ;
        irq_enable();
        cpu_halt(); /* until the next tick */
    }
    if (stalls == 0)
        ktest_fail("timer_stalls", "the timer had settled before the first stall");
    printf("timer_stalls: settled after %u stalls\n", stalls);
    timer_windows("timer_stalls");
}

KTEST(keyboard)
{
    printf("KBD READY\n");
    for (;;) {
        int c = input_try_getc();
        if (c < 0) {
            cpu_halt(); /* until the next interrupt */
            continue;
        }
        printf("KBD 0x%02x\n", c);
        if (c == '.')
            ktest_pass("keyboard");
    }
}

KTEST(vga)
{
    printf("VGA plain line\n");
    for (int i = 0; i < 30; i++)
        printf("VGA scroll line %02d\n", i);
    console_set_color(0x1E); /* yellow on blue */
    printf("VGA yellow on blue\n");
    console_set_color(0x07);
    printf("VGA DONE\n");
    printf("KTEST vga READY\n");
    for (;;)
        cpu_halt(); /* the harness reads the screen, then ends the run */
}

// cppcheck-suppress [nullPointer, ctunullpointer] ; the point of the test
static int __attribute__((noinline)) faulting_depth2(volatile int *p) { return *p; }
static int __attribute__((noinline)) faulting_depth1(volatile int *p) { return faulting_depth2(p) + 1; }

KTEST(panic)
{
    printf("panic test: touching NULL in the kernel\n");
    faulting_depth1((volatile int *)0);
    ktest_fail("panic", "NULL dereference did not fault");
}

/* The input buffer overflows gracefully: while nobody reads, the harness
 * sends more bytes than it holds; the first 1024 must come out intact and
 * in order, the rest be dropped and counted. */
KTEST(kbdflood)
{
    printf("FLOOD READY\n");
    sched_sleep_ticks(3000);
    uint32_t n = 0, bad = 0;
    int c;
    while ((c = input_try_getc()) >= 0) {
        if (c != "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36])
            bad++;
        n++;
    }
    printf("FLOOD got %u bytes, %u out of place, %u dropped\n", n, bad, input_dropped());
    if (n != 1024 || bad || input_dropped() != 2000 - 1024)
        ktest_fail("kbdflood", "buffer overflow mishandled");
    ktest_pass("kbdflood");
}

/* A negative control for the heartbeat: answered while the kernel runs
 * normally, silent once it spins with interrupts off. */
KTEST(wedge)
{
    printf("WEDGE READY\n");
    sched_sleep_ticks(1500); /* the harness asks for a heartbeat meanwhile */
    printf("WEDGING\n");
    irq_disable();
    for (;;)
        ;
}
