/*
 * div64.h - a 64-bit value divided by a small (16-bit) divisor, in 32-bit
 * operations only.
 *
 * The kernel links no libgcc: it passes arguments in registers
 * (-mregparm=3, Makefile), and gcc and clang disagree on how they pass
 * them to libgcc's 64-bit division helpers.  So neither may be called:
 * a 64-bit `/` or `%` in the kernel fails the link.  What the kernel
 * divides (a number printed in a base, a clock count by a PIT interval or
 * a rate) has a divisor below 2^16, which long division in 16-bit digits
 * handles: each step divides a 32-bit value whose top half is a remainder.
 * Shared with user space (lib/format.c), where it is just as correct.
 */
#ifndef LIB_DIV64_H
#define LIB_DIV64_H

#include <stdint.h>

#define DIV64_MAX_DIVISOR 0xffffu

/* n / d, with n % d in *rem if rem is not NULL.  1 <= d <= DIV64_MAX_DIVISOR. */
static inline uint64_t div64_small(uint64_t n, uint32_t d, uint32_t *rem)
{
    uint32_t hi = (uint32_t)(n >> 32), lo = (uint32_t)n;
    uint32_t q_hi = hi / d, r = hi % d;
    uint32_t t = (r << 16) | (lo >> 16); /* r < d <= 0xffff: no overflow */
    uint32_t q_mid = t / d;
    r = t % d;
    t = (r << 16) | (lo & 0xffffu);
    uint32_t q_lo = t / d;
    if (rem)
        *rem = t % d;
    return ((uint64_t)q_hi << 32) | ((uint64_t)q_mid << 16) | q_lo;
}

#endif
