/*
 * exec_helper_args.c - helper program exec'd by other tests; proves from the
 * inside that exec built the new image and its arguments right (SPEC §1:
 * argv strings and array on the stack at the top of memory, argv[argc] ==
 * NULL; data initialized, bss zeroed).
 *
 *   exec_helper_args                      exit 0 (run alone: nothing to do)
 *   exec_helper_args check alpha "beta gamma" ""
 *                                         exit 42 when argv is exactly that,
 *                                         else 100 + the number of the check
 *   exec_helper_args many <n> 3 4 ... n-1 exit 43 when argc == n and argv[i]
 *                                         is the decimal i for i >= 3
 *   exec_helper_args exit <status>        exit with that (decimal) status
 */
#include <stdlib.h>
#include <string.h>
#include <syscall.h>

static int data_word = 0x12345678;
static volatile int bss_words[256];      /* volatile: never written, so it would be folded away */
static volatile int bss_pages[3 * 1024]; /* 12 KiB: whole bss pages, not only a page tail */

static int to_int(const char *s)
{
    int sign = 1, v = 0;
    if (*s == '-') {
        sign = -1;
        s++;
    }
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return sign * v;
}

static int check_image(int argc, char **argv)
{
    if (data_word != 0x12345678)
        return 1;
    for (int i = 0; i < 256; i++)
        if (bss_words[i] != 0)
            return 2;
    for (int i = 0; i < 3 * 1024; i++)
        if (bss_pages[i] != 0)
            return 2;
    /* The argv array and strings live on the stack, under 0xFFFFFFFF. */
    if ((unsigned int)argv < 0xFF000000u)
        return 3;
    for (int i = 0; i < argc; i++)
        if ((unsigned int)argv[i] < 0xFF000000u)
            return 4;
    if (argv[argc] != NULL)
        return 5;
    if (strcmp(argv[0], "exec_helper_args") != 0)
        return 6;
    return 0;
}

static int check_fixed(int argc, char **argv)
{
    if (argc != 5)
        return 10;
    if (strcmp(argv[2], "alpha") != 0)
        return 11;
    if (strcmp(argv[3], "beta gamma") != 0)
        return 12;
    if (argv[4][0] != '\0')
        return 13;
    return 0;
}

static int check_many(int argc, char **argv)
{
    if (argc != to_int(argv[2]))
        return 20;
    for (int i = 3; i < argc; i++)
        if (to_int(argv[i]) != i)
            return 21;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc <= 1)
        exit(0);
    int bad = check_image(argc, argv);
    if (bad)
        exit(100 + bad);
    if (strcmp(argv[1], "exit") == 0 && argc == 3)
        exit(to_int(argv[2]));
    if (strcmp(argv[1], "check") == 0) {
        bad = check_fixed(argc, argv);
        exit(bad ? 100 + bad : 42);
    }
    if (strcmp(argv[1], "many") == 0 && argc >= 3) {
        bad = check_many(argc, argv);
        exit(bad ? 100 + bad : 43);
    }
    exit(99);
}
