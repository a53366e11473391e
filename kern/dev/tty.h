/*
 * tty.h - the console as programs see it: getchar and readline over the
 * input stream (dev/input.h), print under the console lock.
 *
 * Readers block (interruptibly) until input arrives; the input IRQ wakes
 * them.  One reader at a time: others queue in arrival order.
 */
#ifndef DEV_TTY_H
#define DEV_TTY_H

#include <stddef.h>
#include <stdint.h>

void tty_init(void);
/* Next typed byte, no echo.  -E_INTR if the task is killed meanwhile. */
int tty_getchar(void);
/* Hands the first n bytes of a line on (the system-call layer copies them
 * to the user); 0 or negative.  Called under the readers lock. */
typedef int (*tty_deliver_fn)(void *ctx, const char *buf, uint32_t n);
/* Block for a whole line; hand at most size (> 0) bytes of it to deliver.
 * If deliver succeeds the rest stays queued for the next reader; if it
 * fails the whole line does.  Bytes handed, or negative. */
int tty_readline(uint32_t size, tty_deliver_fn deliver, void *ctx);
/* Write buf[0..n) to the console atomically with respect to other prints. */
void tty_print(const char *buf, size_t n);

#endif
