/* assert.h - assert() and panic(): report on the console and the kernel
 * log, then end the task with status -2 (like a fault would). */
#ifndef _ASSERT_H
#define _ASSERT_H

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void __assert_fail_pebbles(const char *expr, const char *file, int line) __attribute__((noreturn));

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail_pebbles(#e, __FILE__, __LINE__))
#endif

#endif
