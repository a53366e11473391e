/*
 * cat.c - print files of the RAM disk (readfile), one after the other.
 * Status 1 if any could not be read.
 */
#include <stdio.h>
#include <syscall.h>
#include <usage.h>

PROGRAM_USAGE("FILE...", "print files of the RAM disk (ls lists them)");

/* Print one file, a chunk at a time; 0, or the negative readfile error. */
static int cat_file(char *name)
{
    static char buf[4096];
    for (int offset = 0;;) {
        int n = readfile(name, buf, sizeof(buf), offset);
        if (n <= 0)
            return n;
        print(n, buf);
        offset += n;
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage_print(argv[0]);
        return 1;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int r = cat_file(argv[i]);
        if (r < 0) {
            printf("cat: %s: cannot read it (error %d)\n", argv[i], r);
            status = 1;
        }
    }
    return status;
}
