/*
 * console.h - the kernel console: the VGA screen, every byte mirrored to
 * COM1.  Usable from the first instruction of kernel_main and from any
 * context (it only disables interrupts briefly).  Only a kernel line from a
 * thread may block, briefly: when many arrive during one line of a print.
 * Every kernel line is whole on both devices, on a line of its own, and
 * never lands inside a line of a print (console.c says how).  Whole-print
 * atomicity between tasks comes from dev/tty.c's console lock.
 */
#ifndef DEV_CONSOLE_H
#define DEV_CONSOLE_H

#include <stddef.h>

void console_init(void);
/* Raw bytes, interrupts off a piece at a time (printf with interrupts off:
 * panic, the thread dump, whose callers keep them off across lines). */
void console_write(const char *buf, size_t n);
/* A print: buf[0..n) in bounded pieces with interrupts on between them;
 * kernel lines arriving meanwhile go only between its lines.  Caller holds
 * the console lock (dev/tty.c), so prints never interleave. */
void console_print(const char *buf, size_t n);
/* One kernel line (a trailing '\n' is optional) on the screen and COM1:
 * whole, starting on a fresh line.  Any context; from a thread with
 * interrupts on it may wait for a print to finish its current line. */
void console_line(const char *s, size_t n);
/* Kernel printf output: a whole line, from a context with interrupts on,
 * as console_line; anything else as console_write. */
void console_kernel_write(const char *buf, size_t n);
int console_set_color(int color);
int console_set_cursor(int row, int col);
void console_get_cursor(int *row, int *col);
/* The kernel log (vector 0x80), heartbeat: one whole line on the serial
 * port only, as console_line.  Any context. */
void console_log_line(const char *line);

#endif
