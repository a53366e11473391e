/*
 * printf.h - kernel console output: printf to the console (VGA + COM1).
 * Safe from any context, including with interrupts off; not atomic with
 * respect to other printers (use the console lock for that).
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <stdarg.h>

#include "lib/format.h"

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
#define snprintf format_snprintf
#define vsnprintf format_vsnprintf

#endif
