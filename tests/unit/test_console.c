/*
 * test_console.c - proves the console logic that runs on the VGA screen:
 * kern/dev/screen.c (characters and colours land in the right cells,
 * wrapping, newline, carriage return, backspace across a row boundary and
 * never before (0,0), scrolling that blanks the new row in the current
 * colour, cursor and colour validation) and the PS/2 scancode translation of
 * kern/dev/keyboard.c (shift, caps lock on letters only, releases,
 * extended codes, ctrl).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../kern/dev/screen.c"

/* keyboard.c's hardware side is not under test: stub what it links to. */
static char typed[64];
static int ntyped;
void input_put(char c) { typed[ntyped++] = c; }
void irq_register(int irq, void (*fn)(void)) { (void)irq; (void)fn; }
#include "../../kern/dev/keyboard.c" /* only keyboard_translate runs */

#define R 25
#define C 80
static uint16_t cells[R * C];
static struct screen s;

static char ch_at(int r, int c) { return (char)(cells[r * C + c] & 0xFF); }
static uint8_t attr_at(int r, int c) { return (uint8_t)(cells[r * C + c] >> 8); }

static int setup(void **state)
{
    (void)state;
    screen_init(&s, cells, R, C, 0x07);
    screen_clear(&s);
    return 0;
}

static void text_colour_and_control_chars(void **state)
{
    (void)state;
    screen_write(&s, "ab\ncd", 5);
    assert_int_equal(ch_at(0, 0), 'a');
    assert_int_equal(ch_at(1, 1), 'd');
    assert_int_equal(screen_set_color(&s, 0x1E), 0);
    screen_write(&s, "\rX", 2);
    assert_int_equal(ch_at(1, 0), 'X');
    assert_int_equal(attr_at(1, 0), 0x1E);
    assert_int_equal(attr_at(1, 1), 0x07);
    assert_int_equal(screen_set_color(&s, 0x80), -E_INVAL);
    assert_int_equal(screen_set_color(&s, -1), -E_INVAL);
    assert_int_equal(s.color, 0x1E);
}

static void wrap_and_backspace(void **state)
{
    (void)state;
    for (int i = 0; i < C; i++)
        screen_putc(&s, 'x');
    int r, c;
    screen_get_cursor(&s, &r, &c);
    assert_int_equal(r, 1);
    assert_int_equal(c, 0);
    screen_putc(&s, '\b'); /* back across the row boundary */
    screen_get_cursor(&s, &r, &c);
    assert_int_equal(r, 0);
    assert_int_equal(c, C - 1);
    assert_int_equal(ch_at(0, C - 1), ' ');
    screen_set_cursor(&s, 0, 0);
    screen_putc(&s, '\b'); /* nothing before (0,0) */
    screen_get_cursor(&s, &r, &c);
    assert_int_equal(r + c, 0);
    assert_int_equal(ch_at(0, 0), 'x');
}

static void scrolling(void **state)
{
    (void)state;
    char line[16];
    for (int i = 0; i < R + 3; i++) {
        int n = snprintf(line, sizeof(line), "line %d\n", i);
        screen_write(&s, line, (size_t)n);
    }
    /* 28 lines then an empty cursor row: row 0 shows line 4. */
    assert_int_equal(ch_at(0, 5), '4');
    assert_int_equal(ch_at(R - 2, 5), '2');
    assert_int_equal(ch_at(R - 2, 6), '7');
    screen_set_color(&s, 0x20);
    screen_putc(&s, '\n');
    for (int c = 0; c < C; c++) {
        assert_int_equal(ch_at(R - 1, c), ' ');
        assert_int_equal(attr_at(R - 1, c), 0x20);
    }
}

static void cursor_bounds(void **state)
{
    (void)state;
    assert_int_equal(screen_set_cursor(&s, 24, 79), 0);
    assert_int_equal(screen_set_cursor(&s, 25, 0), -E_INVAL);
    assert_int_equal(screen_set_cursor(&s, 0, 80), -E_INVAL);
    assert_int_equal(screen_set_cursor(&s, -1, 0), -E_INVAL);
    int r, c;
    screen_get_cursor(&s, &r, &c);
    assert_int_equal(r, 24);
    assert_int_equal(c, 79);
}

static void type(const uint8_t *codes, int n)
{
    for (int i = 0; i < n; i++) {
        int c = keyboard_translate(codes[i]);
        if (c >= 0)
            typed[ntyped++] = (char)c;
    }
}

static void scancodes(void **state)
{
    (void)state;
    ntyped = 0;
    const uint8_t seq[] = {
        0x1E, 0x9E,             /* a */
        0x2A, 0x1E, 0x9E, 0xAA, /* shift-a */
        0x3A, 0xBA, 0x30, 0xB0, /* caps lock, b */
        0x02, 0x82,             /* 1: caps does not shift digits */
        0x2A, 0x30, 0xB0, 0xAA, /* shift-b under caps: b */
        0x3A, 0xBA,             /* caps off */
        0xE0, 0x48, 0xE0, 0xC8, /* up arrow: nothing */
        0x1D, 0x2E, 0xAE, 0x9D, /* ctrl-c */
        0x0E, 0x1C, 0x39,       /* backspace, enter, space */
    };
    type(seq, sizeof(seq));
    assert_int_equal(ntyped, 9);
    assert_memory_equal(typed, "aAB1b\x03\b\n ", 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(text_colour_and_control_chars, setup),
        cmocka_unit_test_setup(wrap_and_backspace, setup),
        cmocka_unit_test_setup(scrolling, setup),
        cmocka_unit_test_setup(cursor_bounds, setup),
        cmocka_unit_test(scancodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
