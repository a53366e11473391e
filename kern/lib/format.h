/*
 * format.h - the one printf engine, shared by the kernel's printf and the
 * user library's printf family.
 *
 * Conversions: d i u x X o p s c %, flags - 0 + space #, width and
 * precision (also *), length modifiers hh h l ll z t j.  An unknown
 * conversion is printed literally.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_emit_fn)(char c, void *ctx);

/* Format through emit; returns the number of characters emitted. */
int format_v(format_emit_fn emit, void *ctx, const char *fmt, va_list ap);
/* C99 vsnprintf: returns the length the full output has, always
 * NUL-terminates when size > 0. */
int format_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int format_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Format into a small buffer handed to write() whenever it fills and at the
 * end, so a device sees few, large pieces (FORMAT_CHUNK bytes at most). */
#define FORMAT_CHUNK 256
typedef void (*format_write_fn)(const char *buf, size_t n, void *ctx);
int format_write(format_write_fn write, void *ctx, const char *fmt, va_list ap);

#endif
