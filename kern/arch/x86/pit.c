/*
 * pit.c - the 8254 programmable interval timer.  Channel 0 is the tick on
 * IRQ 0 (rate generator mode): from boot until the local APIC timer takes
 * over, or for good when there is none (timer.c).  Channel 2, gated
 * through port 0x61 with the speaker off, counts down in mode 0: as a
 * one-shot for busy waits (the APs' start-up, smp_stop_others), and as the
 * free-running stopwatch CPU 0's ticks calibrate the APIC timer with.
 *
 * No lock.  Channel 0 is programmed only by CPU 0, at boot.  Channel 2's
 * users come one after another: the APs' start-up waits are over before
 * timer_init starts the stopwatch, and a later wait (a halt or a panic
 * stopping the other CPUs, or a kernel test of that) only reloads the
 * count: mode 0 goes on counting down and wraps, so the stopwatch runs on
 * from another phase, and a calibration round across the reload fails its
 * agreement check (timer.c) and is taken again.
 */
#include "arch/x86/pit.h"

#include "arch/x86/io.h"

#define PIT_CH0      0x40
#define PIT_CH2      0x42
#define PIT_CMD      0x43
#define PORT_B       0x61 /* bit 0: channel 2 gate, bit 1: speaker, bit 5: channel 2 output */
/* Longest wait one count can time (65535 / PIT_FREQ s is 54.9 ms). */
#define PIT_CHUNK_US 50000u

uint32_t pit_init(unsigned hz)
{
    uint32_t divisor = (PIT_FREQ + hz / 2) / hz;
    outb(PIT_CMD, 0x34); /* channel 0, lo/hi byte, mode 2, binary */
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, (divisor >> 8) & 0xFF);
    return divisor;
}

/* Channel 2 counts down from count (mode 0: its output rises at zero). */
static void load_channel2(uint32_t count)
{
    outb(PORT_B, (uint8_t)((inb(PORT_B) & ~0x02u) | 0x01u));
    outb(PIT_CMD, 0xB0); /* channel 2, lo/hi byte, mode 0, binary */
    outb(PIT_CH2, count & 0xFF);
    outb(PIT_CH2, (count >> 8) & 0xFF);
}

static void wait_counts(uint32_t count)
{
    load_channel2(count);
    while (!(inb(PORT_B) & 0x20))
        ;
}

void pit_stopwatch_start(void)
{
    load_channel2(0xFFFF);
    while (pit_stopwatch_read() == 0xFFFF)
        ; /* the count is loaded at the first input clock after the write */
}

uint16_t pit_stopwatch_read(void)
{
    outb(PIT_CMD, 0x80); /* latch channel 2's count: it is read at this instant */
    uint8_t lo = inb(PIT_CH2);
    return (uint16_t)(lo | inb(PIT_CH2) << 8);
}

/* At least us (at most PIT_CHUNK_US) microseconds: rounded up. */
static void delay_chunk(unsigned us) { wait_counts(us * (PIT_FREQ / 1000u) / 1000u + 1u); }

void pit_delay_us(unsigned us)
{
    for (; us > PIT_CHUNK_US; us -= PIT_CHUNK_US)
        delay_chunk(PIT_CHUNK_US);
    delay_chunk(us);
}
