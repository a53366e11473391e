/*
 * machine.c - stopping the machine.  Under QEMU the isa-debug-exit device
 * (port 0xf4) ends the emulator with status (code << 1) | 1; on real
 * hardware, or without the device, we halt with interrupts off.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/io.h"
#include "dev/serial.h"

#define DEBUG_EXIT_PORT 0xf4

void machine_exit(int code)
{
    irq_disable();
    serial_drain(); /* the last line must not be lost with the machine */
    outl(DEBUG_EXIT_PORT, (uint32_t)code);
    for (;;)
        cpu_halt();
}
