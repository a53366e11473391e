/*
 * keyboard.h - PS/2 keyboard on IRQ 1: scancode set 1 to ASCII.
 */
#ifndef DEV_KEYBOARD_H
#define DEV_KEYBOARD_H

#include <stdint.h>

void keyboard_init(void);
/* Translate one scancode, tracking shift/caps/ctrl state.  Returns the
 * character it produces, or -1.  (Exposed for the unit tests.) */
int keyboard_translate(uint8_t scancode);

#endif
