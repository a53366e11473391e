/*
 * colors.c - a colour demo: every foreground colour on every background
 * (set_term_color, SPEC §3), then a rainbow.  The screen keeps its colours
 * afterwards; the text colour goes back to the default.
 */
#include <abi/console.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <usage.h>

PROGRAM_USAGE("", "show the 16 text colours on the 8 backgrounds");

#define NFG 16
#define NBG 8

/* clang-format off */
static const char *const fg_names[NFG] = {
    "black", "blue", "green", "cyan", "red", "magenta", "brown", "lgray",
    "dgray", "bblue", "bgreen", "bcyan", "pink", "bmagenta", "yellow", "white",
};
/* clang-format on */

static void put(int color, const char *s)
{
    set_term_color(color);
    print((int)strlen(s), (char *)s);
}

int main(void)
{
    /* One row per foreground: its name, then a sample on each background. */
    for (int fg = 0; fg < NFG; fg++) {
        char name[12];
        snprintf(name, sizeof(name), "%-9s", fg_names[fg]);
        put(CONSOLE_DEFAULT_COLOR, name);
        for (int bg = 0; bg < NBG; bg++)
            put(fg | bg << 4, " Pebbles");
        put(CONSOLE_DEFAULT_COLOR, "\n");
    }
    static const char rainbow[] = "Colours on the Pebbles console!";
    for (int i = 0; rainbow[i]; i++) {
        char c[2] = {rainbow[i], 0};
        put(FGND_BBLUE + i % 7, c); /* the seven bright colours */
    }
    put(CONSOLE_DEFAULT_COLOR, "\n");
    return 0;
}
