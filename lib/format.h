/*
 * format.h - the one printf engine, shared by the kernel's printf and the
 * user library's printf family (compiled into both unchanged).
 *
 * Conversions: d i u x X o p s c %.  Flags: - 0 + space #.  Width and
 * precision, also as *.  Length modifiers: hh h l ll z t j (ll works on the
 * 32-bit kernel: the kernel links libgcc for 64-bit division).
 *   %p      prints like 0x%08x on a 32-bit machine (0x, then lowercase hex
 *           padded to the width of a pointer).
 *   %s      of NULL prints "(null)".
 *   unknown conversions (including %n and floating point, which are not
 *           supported) are printed literally, flags and all: "%5q" -> "%5q".
 *           Their argument, if any, is not consumed.
 * Width and precision are capped at FORMAT_MAX_FIELD.  The engine keeps no
 * state between calls: it is reentrant and needs no lock; emit is called
 * once per output character, in order.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

#define FORMAT_MAX_FIELD 4096

typedef void (*format_emit_fn)(char c, void *ctx);

/* Format through emit; returns the number of characters emitted. */
int format_v(format_emit_fn emit, void *ctx, const char *fmt, va_list ap);

/* C99 vsnprintf: writes at most size-1 characters and a NUL (when size > 0;
 * buf may be NULL when size is 0) and returns the length the whole output
 * has, so a result >= size means it was truncated. */
int format_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int format_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Format into a small buffer handed to write() whenever it fills and at the
 * end, so a device sees few, large pieces (FORMAT_CHUNK bytes at most).
 * Returns the number of characters formatted.  Uses FORMAT_CHUNK bytes of
 * stack. */
#define FORMAT_CHUNK 256
typedef void (*format_write_fn)(const char *buf, size_t n, void *ctx);
int format_write(format_write_fn write, void *ctx, const char *fmt, va_list ap);

#endif
