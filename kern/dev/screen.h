/*
 * screen.h - the logic of a text console (80x25 on VGA) without the
 * hardware: a cell array in VGA format (character | colour << 8), a cursor
 * and a current colour.  The VGA driver wraps it around 0xB8000 and moves
 * the hardware cursor; unit tests wrap it around an ordinary array.
 *
 * Invariant: 0 <= row < rows and 0 <= col < cols at all times; nothing is
 * ever written outside the cell array.  Colours: 0x00..0x7F, foreground
 * 0x0-0xF | background 0x00-0x70 (no blink bit).
 * Not thread-safe: the console serializes (interrupts off around each
 * piece of output).
 */
#ifndef DEV_SCREEN_H
#define DEV_SCREEN_H

#include <stddef.h>
#include <stdint.h>

struct screen {
    uint16_t *cells; /* rows * cols, row-major */
    int rows, cols;
    int row, col;  /* the cursor */
    uint8_t color; /* for text written from now on */
};

/* Adopt cells as they are (no clearing); cursor at (0,0). */
void screen_init(struct screen *s, uint16_t *cells, int rows, int cols, uint8_t color);
/* Blank every cell in the current colour; cursor to (0,0). */
void screen_clear(struct screen *s);
/* '\n': column 0 of the next row.  '\r': column 0.  '\b': back one cell and
 * blank it (from column 0 to the last column of the row above; nothing at
 * (0,0)).  Any other byte is drawn in the current colour and the cursor
 * advances, wrapping to the next row.  Moving below the last row scrolls
 * everything up one row and blanks the last row in the current colour. */
void screen_putc(struct screen *s, char c);
void screen_write(struct screen *s, const char *buf, size_t n);
/* 0, or -E_INVAL (cursor unchanged) unless 0 <= row < rows, 0 <= col < cols. */
int screen_set_cursor(struct screen *s, int row, int col);
void screen_get_cursor(const struct screen *s, int *row, int *col);
/* 0, or -E_INVAL (colour unchanged) unless 0x00 <= color <= 0x7F. */
int screen_set_color(struct screen *s, int color);
/* Put ch in colour color at (row, col); the cursor does not move.
 * 0, or -E_INVAL (nothing drawn) outside the screen. */
int screen_draw_char(struct screen *s, int row, int col, char ch, uint8_t color);

#endif
