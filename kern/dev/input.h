/*
 * input.h - the one input stream: the PS/2 keyboard and the serial line
 * both put bytes here (from their IRQ handlers); readers (dev/tty.c) take
 * them.  A 1024-byte ring buffer guarded by disabling interrupts; when it
 * is full new bytes are dropped and counted, never corrupting it.
 */
#ifndef DEV_INPUT_H
#define DEV_INPUT_H

#include <stdbool.h>
#include <stdint.h>

/* Register the keyboard and serial IRQs. */
void input_init(void);
/* IRQ side: add one byte and run the notify hook. */
void input_put(char c);
/* Next byte or -1.  Any context. */
int input_try_getc(void);
/* fn runs (interrupts off) after each byte arrives. */
void input_set_notify(void (*fn)(void));
/* Ctrl-C, from either device.  fn runs (interrupts off) when it arrives;
 * if fn returns true it has taken the key, which is not queued. */
#define INPUT_INTERRUPT_KEY 0x03
void input_set_interrupt(bool (*fn)(void));
uint32_t input_dropped(void);

#endif
