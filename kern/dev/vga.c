/*
 * vga.c - VGA text mode: 80x25 cells at physical 0xB8000 (identity mapped
 * in the kernel) and the CRTC cursor registers.
 */
#include "dev/vga.h"

#include <abi/console.h>

#include "arch/io.h"

#define VGA_MEM   ((uint16_t *)0xB8000)
#define CRTC_ADDR 0x3D4
#define CRTC_DATA 0x3D5
#define CURSOR_HI 0x0E
#define CURSOR_LO 0x0F

static struct screen vga;

struct screen *vga_init(void)
{
    screen_init(&vga, VGA_MEM, CONSOLE_HEIGHT, CONSOLE_WIDTH, CONSOLE_DEFAULT_COLOR);
    screen_clear(&vga);
    vga_sync_cursor(&vga);
    return &vga;
}

void vga_sync_cursor(const struct screen *s)
{
    uint16_t pos = (uint16_t)(s->row * s->cols + s->col);
    outb(CRTC_ADDR, CURSOR_HI);
    outb(CRTC_DATA, (uint8_t)(pos >> 8));
    outb(CRTC_ADDR, CURSOR_LO);
    outb(CRTC_DATA, (uint8_t)pos);
}
