/*
 * debugcon.h - QEMU's debug console: a write-only byte port (0xE9) that
 * QEMU sends wherever -debugcon points (tests/harness/qemu_cmd.py,
 * debugcon_args).  Without -debugcon the bytes go nowhere.  No state, no
 * lock: callers that share it between CPUs serialize themselves.
 */
#ifndef DEV_DEBUGCON_H
#define DEV_DEBUGCON_H

#include <stdint.h>

/* Write len bytes to the port.  Any context. */
void debugcon_write(const void *buf, uint32_t len);

#endif
