/*
 * screen.c - see screen.h.  Invariant: 0 <= row < rows, 0 <= col < cols.
 */
#include "dev/screen.h"

#include <abi/errors.h>

static uint16_t cell(char ch, uint8_t color) { return (uint16_t)((uint8_t)ch | (uint16_t)color << 8); }

void screen_init(struct screen *s, uint16_t *cells, int rows, int cols, uint8_t color)
{
    s->cells = cells;
    s->rows = rows;
    s->cols = cols;
    s->row = s->col = 0;
    s->color = color;
}

void screen_clear(struct screen *s)
{
    for (int i = 0; i < s->rows * s->cols; i++)
        s->cells[i] = cell(' ', s->color);
    s->row = s->col = 0;
}

void screen_draw_char(struct screen *s, int row, int col, char ch, uint8_t color)
{
    s->cells[row * s->cols + col] = cell(ch, color);
}

static void scroll(struct screen *s)
{
    int n = (s->rows - 1) * s->cols;
    for (int i = 0; i < n; i++)
        s->cells[i] = s->cells[i + s->cols];
    for (int i = n; i < n + s->cols; i++)
        s->cells[i] = cell(' ', s->color);
}

static void newline(struct screen *s)
{
    s->col = 0;
    if (++s->row == s->rows) {
        scroll(s);
        s->row = s->rows - 1;
    }
}

static void backspace(struct screen *s)
{
    if (s->col > 0) {
        s->col--;
    } else if (s->row > 0) {
        s->row--;
        s->col = s->cols - 1;
    } else {
        return;
    }
    screen_draw_char(s, s->row, s->col, ' ', s->color);
}

void screen_putc(struct screen *s, char c)
{
    switch (c) {
    case '\n': newline(s); return;
    case '\r': s->col = 0; return;
    case '\b': backspace(s); return;
    default:
        screen_draw_char(s, s->row, s->col, c, s->color);
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
    if (color < 0 || color > 0x7F)
        return -E_INVAL;
    s->color = (uint8_t)color;
    return 0;
}
