/*
 * serial.h - COM1 (0x3F8, 115200 8N1): a mirror of the console, the kernel
 * log, and a second keyboard (bytes received feed the input stream).
 */
#ifndef DEV_SERIAL_H
#define DEV_SERIAL_H

#include <stddef.h>

void serial_init(void);
/* Start receive interrupts (IRQ 4) once the IDT and PIC are up. */
void serial_enable_input(void);
/* s[0..n) as they are, interrupts off throughout. */
void serial_write(const char *s, size_t n);
/* s[0..n) as one whole line (a '\n' is added); a fresh line is started
 * first if the output is mid-line.  Interrupts are off throughout, so
 * nothing splits it. */
void serial_write_line(const char *s, size_t n);
/* Wait until every byte written has left the UART (before the machine
 * stops: QEMU may still hold some while its output socket is full). */
void serial_drain(void);
/* Typed on the serial line, key calls hook (from the IRQ, interrupts off)
 * instead of being input.  For debugging aids of upper layers (the thread
 * dump, the heartbeat); at most 4 keys. */
void serial_debug_key(char key, void (*hook)(void));

#endif
