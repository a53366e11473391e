/*
 * print_test.c - proves the console output calls (SPEC §3 "Console"):
 * print of a valid buffer succeeds and moves the cursor (newline, backspace,
 * scrolling at the last row); a bad buffer, a negative size or a size beyond
 * the documented bound (here > 1 MiB) is negative; set_term_color accepts
 * foreground|background bytes and refuses anything else; set_cursor_pos
 * accepts rows 0-24 / columns 0-79 only and a refused call leaves the cursor
 * alone; get_cursor_pos returns what was set, and with one bad pointer fails
 * without writing the other.
 */
#include "test.h"

#define REGION ((char *)0x40000000)

static void cursor_is(int row, int col, const char *what)
{
    int r = -1, c = -1;
    CHECK(get_cursor_pos(&r, &c) == 0, "get_cursor_pos");
    if (r != row || c != col)
        TEST_FAIL("print_test: %s: cursor at (%d,%d), expected (%d,%d)", what, r, c, row, col);
}

static void cursor_checks(void)
{
    CHECK(set_cursor_pos(0, 0) == 0, "set_cursor_pos(0,0)");
    cursor_is(0, 0, "after set (0,0)");
    CHECK(set_cursor_pos(24, 79) == 0, "set_cursor_pos(24,79)");
    cursor_is(24, 79, "after set (24,79)");
    CHECK(set_cursor_pos(10, 20) == 0, "set_cursor_pos(10,20)");
    cursor_is(10, 20, "after set (10,20)");

    CHECK(set_cursor_pos(25, 0) < 0, "row 25 refused");
    CHECK(set_cursor_pos(0, 80) < 0, "column 80 refused");
    CHECK(set_cursor_pos(-1, 0) < 0, "row -1 refused");
    CHECK(set_cursor_pos(0, -1) < 0, "column -1 refused");
    CHECK(set_cursor_pos(1000000, 1000000) < 0, "huge position refused");
    cursor_is(10, 20, "refused set_cursor_pos leaves the cursor");

    /* print moves the cursor. */
    CHECK(print(3, "abc") >= 0, "print");
    cursor_is(10, 23, "print of 3 characters");
    CHECK(print(1, "\n") >= 0, "print newline");
    cursor_is(11, 0, "newline");
    CHECK(print(3, "xy\b") >= 0, "print with backspace");
    cursor_is(11, 1, "backspace moves back");
    CHECK(set_cursor_pos(24, 0) == 0, "set_cursor_pos(24,0)");
    CHECK(print(2, "z\n") >= 0, "print newline on the last row");
    cursor_is(24, 0, "newline on the last row scrolls");

    /* get_cursor_pos with one bad pointer writes nothing. */
    int row = -7, col = -7;
    CHECK(get_cursor_pos(&row, (int *)KERNEL_ADDR) < 0, "bad col pointer");
    CHECK(row == -7, "row not written when col pointer is bad");
    CHECK(get_cursor_pos((int *)KERNEL_ADDR, &col) < 0, "bad row pointer");
    CHECK(col == -7, "col not written when row pointer is bad");
    CHECK(get_cursor_pos(&row, (int *)TEXT_ADDR) < 0, "read-only col pointer");
    CHECK(row == -7, "row not written when col pointer is read-only");
    CHECK(get_cursor_pos(NULL, &col) < 0, "NULL row pointer");
    CHECK(col == -7, "col not written when row pointer is NULL");
}

static void color_checks(void)
{
    CHECK(set_term_color(FGND_WHITE | BGND_BLUE) == 0, "white on blue");
    CHECK(set_term_color(FGND_BLACK | BGND_BLACK) == 0, "black on black");
    CHECK(set_term_color(FGND_YLLW | BGND_LGRAY) == 0, "yellow on light gray");
    CHECK(set_term_color(0x100) < 0, "0x100 refused");
    CHECK(set_term_color(0x80) < 0, "background 0x80 refused");
    CHECK(set_term_color(-1) < 0, "-1 refused");
    CHECK(set_term_color(0x7FFFFFFF) < 0, "huge colour refused");
    CHECK(set_term_color(FGND_LGRAY | BGND_BLACK) == 0, "back to the default");
}

int main(void)
{
    TEST_START("print_test");

    char msg[] = "print_test: hello from print\n";
    CHECK(print(sizeof(msg) - 1, msg) >= 0, "print of a valid buffer");
    CHECK(print(0, msg) >= 0, "print of 0 bytes");

    CHECK(print(10, NULL) < 0, "NULL buffer");
    CHECK(print(10, (char *)KERNEL_ADDR) < 0, "kernel buffer");
    CHECK(print(10, (char *)UNMAPPED_ADDR) < 0, "unmapped buffer");
    CHECK(print(16, (char *)0xFFFFFFF8) < 0, "buffer wrapping past 4 GiB");
    CHECK(print(-1, msg) < 0, "negative size");
    CHECK(print(-2147483647 - 1, msg) < 0, "INT_MIN size");

    /* A size beyond the bound, with a buffer that is valid all along. */
    int big = 2 * 1024 * 1024;
    CHECK(new_pages(REGION, big) == 0, "new_pages 2 MiB");
    for (int i = 0; i < big; i += PAGE_SIZE)
        REGION[i] = ' ';
    CHECK(print(big, REGION) < 0, "size > 1 MiB refused");
    CHECK(print(CONSOLE_PRINT_MAX + 1, REGION) < 0, "size just past the bound refused");
    REGION[8191] = '\n';
    CHECK(print(8192, REGION) == 0, "an 8 KiB print works");
    /* A buffer running off the end of the region. */
    CHECK(print(64, REGION + big - 32) < 0, "buffer running off a region");
    CHECK(remove_pages(REGION) == 0, "remove_pages");

    /* The kernel log cuts a long line; it does not refuse it. */
    static char long_line[1001];
    for (int i = 0; i < 1000; i++)
        long_line[i] = (char)('a' + i % 26);
    CHECK(klog(long_line) >= 0, "a 1000-character kernel log line is cut, not refused");

    color_checks();
    cursor_checks();
    print(1, "\n");
    TEST_PASS();
}
