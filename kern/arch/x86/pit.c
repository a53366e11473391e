/*
 * pit.c - the 8254 programmable interval timer.  Channel 0 is the tick on
 * IRQ 0 (rate generator mode): from boot until the local APIC timer takes
 * over, or for good when there is none (timer.c), and its count is read,
 * latched, by CPU 0's tick while the APIC timer is calibrated against it.
 * Channel 2, gated through port 0x61 with the speaker off, is a one-shot
 * for busy waits (boot, and smp_stop_others), on one CPU at a time.
 *
 * No lock: each channel has its own latch and byte flip-flops in the
 * 8254, and a command word on port 0x43 names the one channel it is for,
 * so a channel-2 wait on one CPU and a channel-0 read on another do not
 * disturb each other.  Channel 0 is programmed (pit_init) and read only by
 * CPU 0, channel 2 only with interrupts off.
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

uint16_t pit_tick_count(void)
{
    outb(PIT_CMD, 0x00); /* latch channel 0's count: it is read at this instant */
    uint8_t lo = inb(PIT_CH0);
    return (uint16_t)(lo | inb(PIT_CH0) << 8);
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

/* At least us (at most PIT_CHUNK_US) microseconds: rounded up. */
static void delay_chunk(unsigned us) { wait_counts(us * (PIT_FREQ / 1000u) / 1000u + 1u); }

void pit_delay_us(unsigned us)
{
    for (; us > PIT_CHUNK_US; us -= PIT_CHUNK_US)
        delay_chunk(PIT_CHUNK_US);
    delay_chunk(us);
}
