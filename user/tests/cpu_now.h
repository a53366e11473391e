/*
 * cpu_now.h - which CPU runs the calling thread, for tests and benchmarks
 * that report whether two threads ran apart.  A glance: the thread may be
 * moved to another CPU the moment after.
 */
#ifndef TESTS_CPU_NOW_H
#define TESTS_CPU_NOW_H

/* The APIC id of the running CPU: cpuid is allowed in user mode, and
 * leaf 1 gives the initial APIC id in %ebx bits 31..24. */
static inline unsigned int cpu_now(void)
{
    unsigned int a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return b >> 24;
}

#endif
