/*
 * printf.h - kernel console output: printf to the console (VGA + COM1).
 * Safe from any context, including with interrupts off.  Called with
 * interrupts on, each whole line it prints is a kernel line (whole, on a
 * line of its own: dev/console.h); with interrupts off the caller's own
 * output cannot be split anyway.
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <stdarg.h>

#include "lib/format.h"

/* Where printf's lines go (the console's kernel write, dev/console.c). */
void printf_set_output(void (*write)(const char *buf, size_t n));
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
#define snprintf  format_snprintf
#define vsnprintf format_vsnprintf

#endif
