/* echo.c - print the arguments, separated by single spaces, and a newline. */
#include <stdio.h>
#include <usage.h>

PROGRAM_USAGE("[WORD...]", "print the words, separated by spaces");

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        printf("%s%s", argv[i], i + 1 < argc ? " " : "");
    printf("\n");
    return 0;
}
