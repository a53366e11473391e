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
/* Block for a whole line; copy at most size bytes of it to the user
 * buffer ubuf (the rest stays queued).  Bytes copied, or negative. */
int tty_readline(uint32_t ubuf, int size);
/* Write buf[0..n) to the console atomically with respect to other prints. */
void tty_print(const char *buf, size_t n);

#endif
