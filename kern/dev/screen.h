/*
 * screen.h - the logic of an 80x25 text screen, without hardware: a cell
 * array in VGA format (character | colour << 8), a cursor and a colour.
 * The VGA driver wraps it around 0xB8000; unit tests wrap it around an
 * ordinary array.  Not thread-safe: the console serializes.
 */
#ifndef DEV_SCREEN_H
#define DEV_SCREEN_H

#include <stdint.h>
#include <stddef.h>

struct screen {
    uint16_t *cells;
    int rows, cols;
    int row, col;  /* the cursor */
    uint8_t color;
};

void screen_init(struct screen *s, uint16_t *cells, int rows, int cols, uint8_t color);
void screen_clear(struct screen *s);
/* '\n' next line, '\r' column 0, '\b' erase the previous cell (across a row
 * boundary, never before (0,0)); anything else is drawn and the cursor
 * advances; going past the last row scrolls up one row. */
void screen_putc(struct screen *s, char c);
void screen_write(struct screen *s, const char *buf, size_t n);
int screen_set_cursor(struct screen *s, int row, int col);
void screen_get_cursor(const struct screen *s, int *row, int *col);
/* Valid colours: 0x00..0x7F (foreground 0x0-0xF | background 0x00-0x70). */
int screen_set_color(struct screen *s, int color);
void screen_draw_char(struct screen *s, int row, int col, char ch, uint8_t color);

#endif
