/*
 * screen.c - see screen.h.  Invariant: 0 <= row < rows, 0 <= col < cols;
 * every write to cells goes through put_cell() or scroll(), which stay
 * inside rows * cols.
 */
#include "dev/screen.h"

#include <abi/errors.h>

#include "lib/assert.h"

#define BLANK ' '

static uint16_t cell(char ch, uint8_t color) { return (uint16_t)((uint8_t)ch | (uint16_t)color << 8); }

static void put_cell(struct screen *s, int row, int col, char ch, uint8_t color)
{
    s->cells[row * s->cols + col] = cell(ch, color);
}

void screen_init(struct screen *s, uint16_t *cells, int rows, int cols, uint8_t color)
{
    assert(rows > 0 && cols > 0);
    s->cells = cells;
    s->rows = rows;
    s->cols = cols;
    s->row = s->col = 0;
    s->color = color;
}

void screen_clear(struct screen *s)
{
    for (int i = 0; i < s->rows * s->cols; i++)
        s->cells[i] = cell(BLANK, s->color);
    s->row = s->col = 0;
}

int screen_draw_char(struct screen *s, int row, int col, char ch, uint8_t color)
{
    if (row < 0 || row >= s->rows || col < 0 || col >= s->cols)
        return -E_INVAL;
    put_cell(s, row, col, ch, color);
    return 0;
}

/* Everything up one row; the last row blank in the current colour. */
static void scroll(struct screen *s)
{
    int keep = (s->rows - 1) * s->cols;
    for (int i = 0; i < keep; i++)
        s->cells[i] = s->cells[i + s->cols];
    for (int i = keep; i < keep + s->cols; i++)
        s->cells[i] = cell(BLANK, s->color);
}

static void newline(struct screen *s)
{
    s->col = 0;
    if (s->row + 1 < s->rows) {
        s->row++;
        return;
    }
    scroll(s);
}

static void backspace(struct screen *s)
{
    if (s->col > 0) {
        s->col--;
    } else if (s->row > 0) {
        s->row--;
        s->col = s->cols - 1;
    } else {
        return; /* at (0,0): nothing before it */
    }
    put_cell(s, s->row, s->col, BLANK, s->color);
}

void screen_putc(struct screen *s, char c)
{
    switch (c) {
    case '\n': newline(s); return;
    case '\r': s->col = 0; return;
    case '\b': backspace(s); return;
    default:
        put_cell(s, s->row, s->col, c, s->color);
        if (++s->col == s->cols)
            newline(s);
    }
}

void screen_write(struct screen *s, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        screen_putc(s, buf[i]);
}

int screen_set_cursor(struct screen *s, int row, int col)
{
    if (row < 0 || row >= s->rows || col < 0 || col >= s->cols)
        return -E_INVAL;
    s->row = row;
    s->col = col;
    return 0;
}

void screen_get_cursor(const struct screen *s, int *row, int *col)
{
    *row = s->row;
    *col = s->col;
}

int screen_set_color(struct screen *s, int color)
{
    if (color < 0x00 || color > 0x7F)
        return -E_INVAL;
    s->color = (uint8_t)color;
    return 0;
}
