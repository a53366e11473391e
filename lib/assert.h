/*
 * assert.h - two tiers of checks (STYLE.md), for lib/ and the kernel; each
 * side has its own panic_at (kern/lib/panic.c, user/lib/simics.c):
 *   assert(e)  an invariant; compiled out with -DNDEBUG.
 *   panic(...) the impossible; always on.  Prints file:line, function, the
 *              message, registers and a symbolized backtrace, then stops the
 *              machine.  Guards against recursive panics.
 * Host unit tests (HOST_UNIT_TEST) use the C library's assert instead.
 */
#ifndef LIB_ASSERT_H
#define LIB_ASSERT_H

#ifdef HOST_UNIT_TEST
#include <assert.h>
#else

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

#define panic(...) panic_at(__FILE__, __LINE__, __func__, __VA_ARGS__)

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : panic_at(__FILE__, __LINE__, __func__, "assertion failed: %s", #e))
#endif

#endif /* HOST_UNIT_TEST */
#endif
