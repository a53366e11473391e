/* hello.c - a smoke program: prints a greeting and its arguments. */
#include <stdio.h>
#include <usage.h>

PROGRAM_USAGE("[ARGS...]", "prints a greeting and its arguments");

int main(int argc, char **argv)
{
    printf("Hello, world!\n");
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    return 0;
}
