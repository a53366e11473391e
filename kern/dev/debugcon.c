/*
 * debugcon.c - QEMU's debug console (see debugcon.h).  One rep outsb moves
 * a whole buffer: the guest executes one instruction per byte, and no
 * status port is polled (the device is always ready).
 */
#include "dev/debugcon.h"

#define DEBUGCON_PORT 0xE9

void debugcon_write(const void *buf, uint32_t len)
{
    __asm__ volatile("rep outsb" : "+S"(buf), "+c"(len) : "d"(DEBUGCON_PORT) : "memory");
}
