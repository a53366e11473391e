/*
 * console.c - see console.h.  The screen state is changed with interrupts
 * off, in chunks, so an interrupt handler's printf can never see it half
 * updated while interrupt latency stays bounded.
 */
#include "dev/console.h"

#include "arch/x86/cpu.h"
#include "dev/serial.h"
#include "dev/vga.h"

#define CHUNK 64

static struct screen *scr;

void console_init(void)
{
    serial_init();
    scr = vga_init();
}

void console_write(const char *buf, size_t n)
{
    while (n > 0) {
        size_t k = n < CHUNK ? n : CHUNK;
        uint32_t was = irq_save();
        for (size_t i = 0; i < k; i++) {
            screen_putc(scr, buf[i]);
            serial_putc(buf[i]);
        }
        vga_sync_cursor(scr);
        irq_restore(was);
        buf += k;
        n -= k;
    }
}

int console_set_color(int color)
{
    uint32_t was = irq_save();
    int r = screen_set_color(scr, color);
    irq_restore(was);
    return r;
}

int console_get_color(void) { return scr->color; }

int console_set_cursor(int row, int col)
{
    uint32_t was = irq_save();
    int r = screen_set_cursor(scr, row, col);
    if (r == 0)
        vga_sync_cursor(scr);
    irq_restore(was);
    return r;
}

void console_get_cursor(int *row, int *col)
{
    uint32_t was = irq_save();
    screen_get_cursor(scr, row, col);
    irq_restore(was);
}

void console_log_line(const char *line) { serial_write_line(line); }
