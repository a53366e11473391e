/*
 * clear.c - clear the screen: scroll everything off with newlines (which
 * also works on the serial console) and put the cursor top left.
 */
#include <abi/console.h>
#include <syscall.h>
#include <usage.h>

PROGRAM_USAGE("", "clear the screen");

int main(void)
{
    char lines[CONSOLE_HEIGHT];
    for (int i = 0; i < CONSOLE_HEIGHT; i++)
        lines[i] = '\n';
    print(sizeof(lines), lines);
    set_cursor_pos(0, 0);
    return 0;
}
