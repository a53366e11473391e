/*
 * pit.c - the 8254 programmable interval timer, channel 0, as the periodic
 * tick source (rate generator mode).
 */
#include "arch/x86/pit.h"

#include <stdint.h>

#include "arch/x86/io.h"

#define PIT_FREQ 1193182u
#define PIT_CH0  0x40
#define PIT_CMD  0x43

void pit_init(unsigned hz)
{
    uint32_t divisor = (PIT_FREQ + hz / 2) / hz;
    outb(PIT_CMD, 0x34); /* channel 0, lo/hi byte, mode 2, binary */
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, (divisor >> 8) & 0xFF);
}
