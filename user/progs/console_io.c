/*
 * console_io.c - the user side of the interactive console test
 * (tests/harness, "console" tests).  The harness types at it through the
 * PS/2 keyboard (QEMU sendkey) or the serial line, and judges both what
 * this program reports and the screen it leaves in VGA memory.
 *
 * Steps, each announced by a prompt the harness waits for:
 *   1 "rl1> "  readline into a 10-byte buffer, twice: a long line is split
 *              across the two calls; reported as [rl1a:<n>:<text>] [rl1b:...]
 *   2 "bs> "   readline with backspace editing (the prompt must survive
 *              extra backspaces): reported as [bs:<n>:<text>]
 *   3 "gc> "   three getchar() calls, which must not echo: [gc:<hex> <hex> <hex>]
 *   4 "two> "  two readers queued (a child first, then the parent): each
 *              reports [child:<text>] / [parent:<text>]
 * Then "[done]", and one more getchar() so the harness can read the screen
 * before the program ends.  Text is reported with '\n' shown as '~'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <usage.h>

PROGRAM_USAGE("", "the program the interactive console tests type at");

static void report(const char *tag, const char *buf, int n)
{
    char shown[128];
    int k = 0;
    for (int i = 0; i < n && k < (int)sizeof(shown) - 1; i++)
        shown[k++] = buf[i] == '\n' ? '~' : buf[i];
    shown[k] = '\0';
    printf("[%s:%d:%s]\n", tag, n, shown);
}

static void prompt(const char *p) { print((int)strlen(p), (char *)p); }

int main(void)
{
    char buf[64];
    int n;

    prompt("rl1> ");
    n = readline(10, buf);
    report("rl1a", buf, n);
    n = readline(10, buf);
    report("rl1b", buf, n);

    prompt("bs> ");
    n = readline(sizeof(buf), buf);
    report("bs", buf, n);

    prompt("gc> ");
    int c1 = getchar(), c2 = getchar(), c3 = getchar();
    printf("[gc:%02x %02x %02x]\n", c1 & 0xff, c2 & 0xff, c3 & 0xff);

    int child = fork();
    if (child == 0) {
        n = readline(sizeof(buf), buf);
        report("child", buf, n);
        exit(0);
    }
    sleep(200); /* the child is queued first */
    prompt("two> ");
    n = readline(sizeof(buf), buf);
    report("parent", buf, n);
    wait(NULL);
    printf("[done]\n");
    getchar(); /* the harness reads the screen, then lets us finish */
    return 0;
}
