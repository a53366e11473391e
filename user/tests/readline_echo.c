/*
 * readline_echo.c - readline echoes every typed byte exactly once, also
 * when a line is taken by several readline calls (the tail that did not
 * fit one call is handed to the next without being echoed again).
 *
 * Run plainly (as every test in user/tests is), it checks the calls that
 * fail before blocking: bad sizes and buffers, one ending a byte past the
 * top of memory.  Run as `readline_echo interactive` it is the user side
 * of the boot test readline_echo_screen (tests/harness/boot_tests.py),
 * which types at it and compares the whole VGA screen with what should be
 * there.  Each step prints a prompt the harness waits for:
 *   "t1> "  "abcdefghij" read by readline(4) three times
 *   "t2> "  "xy" and "zw" typed at once, read by readline(1), then twice
 *           readline(64): the second line is echoed when it is taken
 *   "t3> "  "top" read into a buffer ending exactly at 0xFFFFFFFF
 * each result reported as [<n>:<text>] with '\n' shown as '~'; then
 * "[done]" and a getchar() so the harness can read the screen first.
 */
#include <string.h>

#include "test.h"

#define TOP_BUF ((char *)0xFFFFFFF8) /* 8 bytes ending at the last address */

static void report(const char *buf, int n)
{
    char shown[80];
    int k = 0;
    for (int i = 0; i < n && k < (int)sizeof(shown) - 1; i++)
        shown[k++] = buf[i] == '\n' ? '~' : buf[i];
    shown[k] = '\0';
    printf("[%d:%s]\n", n, shown);
}

static void prompt(const char *p) { print((int)strlen(p), (char *)p); }

static void interactive(void)
{
    char buf[64];
    prompt("t1> ");
    for (int i = 0; i < 3; i++) {
        int n = readline(4, buf);
        report(buf, n);
    }
    prompt("t2> ");
    int n = readline(1, buf);
    report(buf, n);
    for (int i = 0; i < 2; i++) {
        n = readline(sizeof(buf), buf);
        report(buf, n);
    }
    /* The top of the stack (argv strings) is ours to overwrite now. */
    prompt("t3> ");
    n = readline(8, TOP_BUF);
    report(TOP_BUF, n);
    printf("[done]\n");
    getchar();
}

int main(int argc, char **argv)
{
    int interact = argc > 1 && strcmp(argv[1], "interactive") == 0;
    TEST_START("readline_echo");
    char buf[16];
    CHECK(readline(-1, buf) < 0, "negative size");
    CHECK(readline(sizeof(buf), KERNEL_ADDR) < 0, "kernel buffer");
    CHECK(readline(sizeof(buf), TEXT_ADDR) < 0, "read-only buffer");
    CHECK(readline(4, (char *)0xFFFFFFFD) < 0, "buffer ending one byte past the top");
    CHECK(readline(0, buf) == 0, "size 0 returns at once");
    if (interact)
        interactive();
    TEST_PASS();
}
