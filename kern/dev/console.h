/*
 * console.h - the kernel console: the VGA screen, every byte mirrored to
 * COM1.  Usable from the first instruction of kernel_main and from any
 * context (it only disables interrupts briefly).  Whole-print atomicity
 * between tasks comes from dev/tty.c's console lock.
 */
#ifndef DEV_CONSOLE_H
#define DEV_CONSOLE_H

#include <stddef.h>

void console_init(void);
void console_write(const char *buf, size_t n);
int console_set_color(int color);
int console_get_color(void);
int console_set_cursor(int row, int col);
void console_get_cursor(int *row, int *col);
/* The kernel log (vector 0x80): one whole line on the serial port only. */
void console_log_line(const char *line);

#endif
