/* simics.h - lprintf: one printf-style line to the kernel log (vector 0x80,
 * SPEC §2), at most 256 characters.  MAGIC_BREAK is a no-op here. */
#ifndef _SIMICS_H
#define _SIMICS_H

void lprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define MAGIC_BREAK ((void)0)

#endif
