/*
 * test_keyboard.c - proves the PS/2 scancode translation of
 * kern/dev/keyboard.c: shift, caps lock on letters only, key releases,
 * extended (0xE0) codes swallowed but for right ctrl and the keypad's Enter
 * and '/', ctrl-letter control characters, and the special keys
 * (backspace, enter, space).  The screen logic has its own
 * test (test_screen.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* keyboard.c's hardware side is not under test: stub what it links to. */
static char typed[64];
static int ntyped;
void input_put(char c) { typed[ntyped++] = c; }
void irq_register(int irq, void (*fn)(void))
{
    (void)irq;
    (void)fn;
}
#include "../../kern/dev/keyboard.c" /* only keyboard_translate runs */

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
        0xE0, 0x1C, 0xE0, 0x9C, /* keypad enter */
        0x2A, 0xE0, 0x35,       /* shift, keypad '/': '/' all the same */
        0xE0, 0xB5, 0xAA,       /* its release, shift up */
        0xE0, 0x1D, 0x2E, 0xAE, /* right ctrl-c */
        0xE0, 0x9D,             /* right ctrl up */
        0xE0, 0x50, 0xE0, 0xD0, /* down arrow: nothing */
    };
    type(seq, sizeof(seq));
    assert_int_equal(ntyped, 12);
    assert_memory_equal(typed, "aAB1b\x03\b\n \n/\x03", 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scancodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
