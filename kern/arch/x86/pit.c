/*
 * pit.c - the 8254 programmable interval timer, channel 0, as the periodic
 * tick source (rate generator mode) when there is no local APIC timer;
 * channel 2, gated through port 0x61 with the speaker off, as a one-shot
 * for boot-time waits and as the stopwatch the APIC timer is calibrated
 * with (timer.c).  Boot only, one CPU at a time: no lock.
 */
#include "arch/x86/pit.h"

#include "arch/x86/io.h"

#define PIT_CH0      0x40
#define PIT_CH2      0x42
#define PIT_CMD      0x43
#define PORT_B       0x61 /* bit 0: channel 2 gate, bit 1: speaker, bit 5: channel 2 output */
/* Longest wait one count can time (65535 / PIT_FREQ s is 54.9 ms). */
#define PIT_CHUNK_US 50000u

void pit_init(unsigned hz)
{
    uint32_t divisor = (PIT_FREQ + hz / 2) / hz;
    outb(PIT_CMD, 0x34); /* channel 0, lo/hi byte, mode 2, binary */
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, (divisor >> 8) & 0xFF);
}

/* Mode 0 raises the output when the count reaches zero. */
static void wait_counts(uint32_t count)
{
    outb(PORT_B, (uint8_t)((inb(PORT_B) & ~0x02u) | 0x01u));
    outb(PIT_CMD, 0xB0); /* channel 2, lo/hi byte, mode 0, binary */
    outb(PIT_CH2, count & 0xFF);
    outb(PIT_CH2, (count >> 8) & 0xFF);
    while (!(inb(PORT_B) & 0x20))
        ;
}

void pit_stopwatch_start(void)
{
    outb(PORT_B, (uint8_t)((inb(PORT_B) & ~0x02u) | 0x01u));
    outb(PIT_CMD, 0xB0); /* channel 2, lo/hi byte, mode 0, binary */
    outb(PIT_CH2, 0xFF);
    outb(PIT_CH2, 0xFF);
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
