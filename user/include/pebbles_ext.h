/* pebbles_ext.h - this kernel's extensions (vectors 0x80-0x8F); not part of
 * the Pebbles interface, so portable programs do not use them. */
#ifndef _PEBBLES_EXT_H
#define _PEBBLES_EXT_H

#include <abi/kstats.h>

/* Write one line to the kernel log (serial port). */
int klog(const char *line);
/* Kernel resource counters, for leak tests. */
int kstats(struct kstats *out);
/* Allocation-failure injection: n > 0 makes the n-th kernel allocation
 * (heap block, frame or frame reservation) that this task causes from now
 * on fail, once; n == 0 disarms.  exec disarms.  Returns 1 if the last
 * arming (by any task: a child's too) fired, 0 if not, negative for n < 0;
 * arming clears that flag, disarming does not. */
int failinject(int n);

#endif
