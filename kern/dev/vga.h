/*
 * vga.h - the VGA text screen at 0xB8000 and its hardware cursor.
 */
#ifndef DEV_VGA_H
#define DEV_VGA_H

#include "dev/screen.h"

/* The screen, wrapped around VGA memory, cleared. */
struct screen *vga_init(void);
/* Move the blinking hardware cursor to the screen's cursor. */
void vga_sync_cursor(const struct screen *s);

#endif
