/*
 * test_screen.c - proves the text console logic (kern/dev/screen.c) that
 * runs on the VGA screen: init adopts the cells without clearing; clear
 * blanks in the current colour and homes the cursor; characters land in the
 * right cell with the current colour; '\n', '\r' and wrapping at the last
 * column move the cursor as specified; backspace erases the previous cell,
 * across a row boundary, and does nothing at (0,0); going below the last
 * row -- by newline or by writing the last cell -- scrolls everything up
 * one row and blanks the new row in the current colour; the cursor and the
 * colour accept exactly their valid ranges and are unchanged otherwise;
 * draw_char draws anywhere on screen without moving the cursor and refuses
 * outside it; and a long stream of random bytes never writes outside the
 * cell array (guard cells) while matching a simple reference model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../kern/dev/screen.c"

#define R     25
#define C     80
#define GUARD 0xDEAD
#define GRAY  0x07

/* Guard cells on both sides catch any write outside the screen. */
static uint16_t mem[R * C + 2 * C];
static uint16_t *const cells = mem + C;
static struct screen s;

static char ch_at(int r, int c) { return (char)(cells[r * C + c] & 0xFF); }
static uint8_t attr_at(int r, int c) { return (uint8_t)(cells[r * C + c] >> 8); }

static void assert_guards_intact(void)
{
    for (int i = 0; i < C; i++) {
        assert_int_equal(mem[i], GUARD);
        assert_int_equal(mem[C + R * C + i], GUARD);
    }
}

static void assert_cursor(int row, int col)
{
    int r, c;
    screen_get_cursor(&s, &r, &c);
    assert_int_equal(r, row);
    assert_int_equal(c, col);
}

static void assert_row_blank(int row, uint8_t color)
{
    for (int c = 0; c < C; c++) {
        assert_int_equal(ch_at(row, c), ' ');
        assert_int_equal(attr_at(row, c), color);
    }
}

static void put_str(const char *str) { screen_write(&s, str, strlen(str)); }

static int setup(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(mem) / sizeof(mem[0]); i++)
        mem[i] = GUARD;
    screen_init(&s, cells, R, C, GRAY);
    screen_clear(&s);
    return 0;
}

static void init_keeps_cells_and_clear_blanks(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(mem) / sizeof(mem[0]); i++)
        mem[i] = GUARD;
    cells[5] = 'Q' | 0x1F00;
    screen_init(&s, cells, R, C, 0x2A);
    assert_cursor(0, 0);
    assert_int_equal(cells[5], 'Q' | 0x1F00); /* init does not clear */
    screen_set_cursor(&s, 7, 7);
    screen_clear(&s);
    assert_cursor(0, 0);
    for (int r = 0; r < R; r++)
        assert_row_blank(r, 0x2A); /* in the current colour */
    assert_guards_intact();
}

static void text_colour_newline_and_return(void **state)
{
    (void)state;
    put_str("ab\ncd");
    assert_int_equal(ch_at(0, 0), 'a');
    assert_int_equal(ch_at(0, 1), 'b');
    assert_int_equal(ch_at(1, 0), 'c');
    assert_int_equal(ch_at(1, 1), 'd');
    assert_int_equal(attr_at(1, 1), GRAY);
    assert_cursor(1, 2);
    assert_int_equal(screen_set_color(&s, 0x1E), 0);
    put_str("\rX");
    assert_int_equal(ch_at(1, 0), 'X');
    assert_int_equal(attr_at(1, 0), 0x1E);
    assert_int_equal(ch_at(1, 1), 'd'); /* '\r' erased nothing */
    assert_int_equal(attr_at(1, 1), GRAY);
    assert_cursor(1, 1);
    screen_write(&s, "z\0y", 3); /* a NUL is just another byte */
    assert_int_equal(ch_at(1, 2), '\0');
    assert_int_equal(ch_at(1, 3), 'y');
    screen_putc(&s, (char)0xDB); /* bytes >= 0x80 are glyphs too */
    assert_int_equal(cells[1 * C + 4] & 0xFF, 0xDB);
    assert_int_equal(attr_at(1, 4), 0x1E);
    assert_guards_intact();
}

static void wrap_at_the_last_column(void **state)
{
    (void)state;
    for (int i = 0; i < C; i++)
        screen_putc(&s, (char)('A' + i % 26));
    assert_cursor(1, 0); /* wrapped */
    assert_int_equal(ch_at(0, C - 1), 'A' + (C - 1) % 26);
    screen_putc(&s, '!');
    assert_int_equal(ch_at(1, 0), '!');
    screen_set_cursor(&s, 3, C - 1);
    put_str("xy");
    assert_int_equal(ch_at(3, C - 1), 'x');
    assert_int_equal(ch_at(4, 0), 'y');
    assert_cursor(4, 1);
    assert_guards_intact();
}

static void backspace_across_rows(void **state)
{
    (void)state;
    put_str("hello");
    screen_putc(&s, '\b');
    assert_cursor(0, 4);
    assert_int_equal(ch_at(0, 4), ' ');
    assert_int_equal(ch_at(0, 3), 'l');
    for (int i = 0; i < C; i++)
        screen_putc(&s, 'x'); /* 4 + 80: row 1, column 4 */
    assert_cursor(1, 4);
    screen_set_cursor(&s, 1, 0);
    screen_set_color(&s, 0x4F);
    screen_putc(&s, '\b'); /* from column 0 to the end of the row above */
    assert_cursor(0, C - 1);
    assert_int_equal(ch_at(0, C - 1), ' ');
    assert_int_equal(attr_at(0, C - 1), 0x4F); /* blanked in the current colour */
    assert_int_equal(ch_at(0, C - 2), 'x');
    screen_set_cursor(&s, 0, 0);
    screen_putc(&s, '\b'); /* nothing before (0,0) */
    assert_cursor(0, 0);
    assert_int_equal(ch_at(0, 0), 'h');
    assert_guards_intact();
}

static void scrolling_by_newline(void **state)
{
    (void)state;
    char line[16];
    for (int i = 0; i < R + 3; i++) {
        int n = snprintf(line, sizeof(line), "line %d\n", i);
        screen_write(&s, line, (size_t)n);
    }
    /* 28 lines, then the cursor on an empty last row: row 0 shows line 4. */
    assert_cursor(R - 1, 0);
    assert_int_equal(ch_at(0, 5), '4');
    assert_int_equal(ch_at(R - 2, 5), '2');
    assert_int_equal(ch_at(R - 2, 6), '7');
    assert_row_blank(R - 1, GRAY);
    screen_set_color(&s, 0x20);
    screen_putc(&s, '\n');
    assert_row_blank(R - 1, 0x20); /* the new row takes the current colour */
    assert_int_equal(ch_at(R - 3, 6), '7');
    assert_int_equal(attr_at(R - 3, 6), GRAY); /* old rows keep theirs */
    assert_cursor(R - 1, 0);
    assert_guards_intact();
}

static void scrolling_by_writing_the_last_cell(void **state)
{
    (void)state;
    screen_set_cursor(&s, 0, 0);
    put_str("top");
    screen_set_cursor(&s, R - 1, C - 2);
    put_str("ab"); /* 'b' fills the very last cell */
    assert_cursor(R - 1, 0);
    assert_int_equal(ch_at(R - 2, C - 2), 'a');
    assert_int_equal(ch_at(R - 2, C - 1), 'b');
    assert_row_blank(R - 1, GRAY);
    assert_int_equal(ch_at(0, 0), ' '); /* "top" scrolled off */
    assert_guards_intact();
}

static void cursor_bounds(void **state)
{
    (void)state;
    assert_int_equal(screen_set_cursor(&s, 24, 79), 0);
    assert_cursor(24, 79);
    assert_int_equal(screen_set_cursor(&s, 0, 0), 0);
    assert_int_equal(screen_set_cursor(&s, 12, 40), 0);
    const int bad[][2] = {{25, 0}, {0, 80}, {-1, 0}, {0, -1}, {25, 80}, {1000, 5}, {-2147483647 - 1, 0}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(screen_set_cursor(&s, bad[i][0], bad[i][1]), -E_INVAL);
        assert_cursor(12, 40); /* unchanged */
    }
}

static void colour_range(void **state)
{
    (void)state;
    for (int color = 0x00; color <= 0x7F; color++) {
        assert_int_equal(screen_set_color(&s, color), 0);
        assert_int_equal(s.color, color);
    }
    const int bad[] = {0x80, 0xFF, 0x100, -1, 0x8F, 0x7FFFFFFF};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(screen_set_color(&s, bad[i]), -E_INVAL);
        assert_int_equal(s.color, 0x7F); /* unchanged */
    }
}

static void draw_char_does_not_move_the_cursor(void **state)
{
    (void)state;
    screen_set_cursor(&s, 2, 3);
    assert_int_equal(screen_draw_char(&s, 10, 20, '*', 0x1C), 0);
    assert_int_equal(screen_draw_char(&s, R - 1, C - 1, '#', 0x07), 0);
    assert_int_equal(ch_at(10, 20), '*');
    assert_int_equal(attr_at(10, 20), 0x1C);
    assert_int_equal(ch_at(R - 1, C - 1), '#');
    assert_cursor(2, 3);
    assert_int_equal(screen_draw_char(&s, R, 0, '!', 0x07), -E_INVAL);
    assert_int_equal(screen_draw_char(&s, 0, C, '!', 0x07), -E_INVAL);
    assert_int_equal(screen_draw_char(&s, -1, 0, '!', 0x07), -E_INVAL);
    assert_int_equal(screen_draw_char(&s, 0, -1, '!', 0x07), -E_INVAL);
    assert_guards_intact();
}

static void small_geometry(void **state)
{
    (void)state;
    static uint16_t tiny[3 * 4 + 2];
    tiny[0] = tiny[13] = GUARD;
    struct screen t;
    screen_init(&t, tiny + 1, 3, 4, GRAY);
    screen_clear(&t);
    screen_write(&t, "abcdefghijklmn", 14); /* 3.5 rows on a 3x4 screen */
    /* After "abcd efgh ijkl" the last cell scrolled; "mn" is on the new row. */
    const char *want = "efghijklmn  ";
    for (int i = 0; i < 12; i++)
        assert_int_equal(tiny[1 + i] & 0xFF, (uint8_t)want[i]);
    assert_int_equal(t.row, 2);
    assert_int_equal(t.col, 2);
    assert_int_equal(tiny[0], GUARD);
    assert_int_equal(tiny[13], GUARD);
}

/* A straightforward model: the screen as a grid of chars. */
static char model[R][C];
static uint8_t model_attr[R][C];
static int mrow, mcol;

static void model_newline(uint8_t color)
{
    mcol = 0;
    if (++mrow < R)
        return;
    mrow = R - 1;
    memmove(model[0], model[1], sizeof(model[0]) * (R - 1));
    memmove(model_attr[0], model_attr[1], sizeof(model_attr[0]) * (R - 1));
    memset(model[R - 1], ' ', C);
    memset(model_attr[R - 1], color, C);
}

static void model_putc(char c, uint8_t color)
{
    if (c == '\n') {
        model_newline(color);
    } else if (c == '\r') {
        mcol = 0;
    } else if (c == '\b') {
        if (mrow == 0 && mcol == 0)
            return;
        if (mcol == 0) {
            mrow--;
            mcol = C;
        }
        mcol--;
        model[mrow][mcol] = ' ';
        model_attr[mrow][mcol] = color;
    } else {
        model[mrow][mcol] = c;
        model_attr[mrow][mcol] = color;
        if (++mcol == C)
            model_newline(color);
    }
}

static void random_stream_matches_model(void **state)
{
    (void)state;
    memset(model, ' ', sizeof(model));
    memset(model_attr, GRAY, sizeof(model_attr));
    mrow = mcol = 0;
    srand(2024);
    for (int step = 0; step < 100000; step++) {
        int k = rand() % 100;
        if (k < 8) {
            screen_putc(&s, '\n');
            model_putc('\n', s.color);
        } else if (k < 10) {
            screen_putc(&s, '\r');
            model_putc('\r', s.color);
        } else if (k < 20) {
            screen_putc(&s, '\b');
            model_putc('\b', s.color);
        } else if (k < 21) {
            int r = rand() % R, c = rand() % C;
            assert_int_equal(screen_set_cursor(&s, r, c), 0);
            mrow = r;
            mcol = c;
        } else if (k < 22) {
            assert_int_equal(screen_set_color(&s, rand() % 0x80), 0);
        } else {
            char c = (char)(' ' + rand() % 95);
            screen_putc(&s, c);
            model_putc(c, s.color);
        }
        assert_cursor(mrow, mcol);
        if (step % 1000 == 0 || step > 99000) {
            for (int r = 0; r < R; r++)
                for (int c = 0; c < C; c++) {
                    assert_int_equal(ch_at(r, c), model[r][c]);
                    assert_int_equal(attr_at(r, c), model_attr[r][c]);
                }
        }
    }
    assert_guards_intact();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(init_keeps_cells_and_clear_blanks, setup),
        cmocka_unit_test_setup(text_colour_newline_and_return, setup),
        cmocka_unit_test_setup(wrap_at_the_last_column, setup),
        cmocka_unit_test_setup(backspace_across_rows, setup),
        cmocka_unit_test_setup(scrolling_by_newline, setup),
        cmocka_unit_test_setup(scrolling_by_writing_the_last_cell, setup),
        cmocka_unit_test_setup(cursor_bounds, setup),
        cmocka_unit_test_setup(colour_range, setup),
        cmocka_unit_test_setup(draw_char_does_not_move_the_cursor, setup),
        cmocka_unit_test(small_geometry),
        cmocka_unit_test_setup(random_stream_matches_model, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
