/*
 * vga.c - VGA text mode: 80x25 cells at physical 0xB8000 (identity mapped
 * in the kernel) and the CRTC cursor registers.
 *
 * The text mode itself (timings, font) is the firmware's: a BIOS leaves
 * mode 3 set.  Where the cells appear in memory and what colour each of
 * the 16 colours is, though, we set ourselves (vga_text_memory,
 * vga_palette): a machine booted with no BIOS, as v86 boots a Multiboot
 * kernel, starts with the VGA's reset values, which map its memory at
 * 0xA0000 with no plane writable (every character lost) and make every
 * colour black.  On a machine whose BIOS set mode 3 these writes change
 * nothing that shows.
 */
#include "dev/vga.h"

#include <abi/console.h>

#include "arch/io.h"

#define VGA_MEM         ((uint16_t *)0xB8000)
#define CRTC_ADDR       0x3D4
#define CRTC_DATA       0x3D5
#define CURSOR_HI       0x0E
#define CURSOR_LO       0x0F
#define SEQ_ADDR        0x3C4
#define SEQ_DATA        0x3C5
#define GC_ADDR         0x3CE
#define GC_DATA         0x3CF
#define SEQ_MAP_MASK    0x02 /* planes the CPU writes */
#define SEQ_MEMORY_MODE 0x04
#define GC_MODE         0x05
#define GC_MISC         0x06  /* memory map select, odd/even chaining */
#define AC_PORT         0x3C0 /* attribute controller: index, then data */
#define AC_RESET        0x3DA /* reading it makes AC_PORT take an index next */
#define AC_MODE         0x10
#define AC_VIDEO_ON     0x20 /* in an index: the palette is set, display it */
#define DAC_WRITE       0x3C8
#define DAC_DATA        0x3C9

static struct screen vga;

/* The memory layout of text mode 3, with mode 3's register values:
 * characters in plane 0 and attributes in plane 1, written odd/even
 * through a 32 KiB window at 0xB8000. */
static void vga_text_memory(void)
{
    outb(SEQ_ADDR, SEQ_MAP_MASK);
    outb(SEQ_DATA, 0x03);
    outb(SEQ_ADDR, SEQ_MEMORY_MODE);
    outb(SEQ_DATA, 0x02);
    outb(GC_ADDR, GC_MODE);
    outb(GC_DATA, 0x10);
    outb(GC_ADDR, GC_MISC);
    outb(GC_DATA, 0x0E);
}

/* The 16 text colours (abi/console.h's numbering) as 6-bit DAC levels. */
static const uint8_t text_rgb[16][3] = {
    {0, 0, 0},    {0, 0, 42},   {0, 42, 0},   {0, 42, 42},  {42, 0, 0},   {42, 0, 42},
    {42, 21, 0},  {42, 42, 42}, {21, 21, 21}, {21, 21, 63}, {21, 63, 21}, {21, 63, 63},
    {63, 21, 21}, {63, 21, 63}, {63, 63, 21}, {63, 63, 63},
};

/* Colour i is DAC entry i, which holds text_rgb[i]; mode 3's attribute
 * mode (blinking, line graphics).  Then the display is turned back on. */
static void vga_palette(void)
{
    (void)inb(AC_RESET);
    for (uint8_t i = 0; i < 16; i++) {
        outb(AC_PORT, i);
        outb(AC_PORT, i);
    }
    outb(AC_PORT, AC_MODE);
    outb(AC_PORT, 0x0C);
    outb(AC_PORT, AC_VIDEO_ON);
    outb(DAC_WRITE, 0);
    for (int i = 0; i < 16; i++)
        for (int c = 0; c < 3; c++)
            outb(DAC_DATA, text_rgb[i][c]);
}

struct screen *vga_init(void)
{
    vga_text_memory();
    vga_palette();
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
