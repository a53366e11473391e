/* pebbles_ext.h - this kernel's extensions (vectors 0x80-0x8F); not part of
 * the Pebbles interface, so portable programs do not use them. */
#ifndef _PEBBLES_EXT_H
#define _PEBBLES_EXT_H

#include <abi/kstats.h>

/* Write one line to the kernel log (serial port). */
int klog(const char *line);
/* Kernel resource counters, for leak tests. */
int kstats(struct kstats *out);

#endif
