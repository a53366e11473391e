/*
 * readfile_test.c - proves readfile (SPEC §3 "Files"): reading this program's
 * own file yields an ELF header; offsets and counts select the right bytes;
 * count 0 and offsets at or past the end return 0; a read crossing the end
 * returns the rest; chunked reads equal one whole read; negative count or
 * offset, a missing or bad name, and a bad buffer (NULL, kernel, text,
 * unmapped, running off a region) are negative; a buffer in lazily filled
 * new_pages memory works; "." lists init, shell and this program, each name
 * NUL-terminated, with one more NUL at the end.
 */
#include <string.h>

#include "test.h"

#define ME     "readfile_test"
#define REGION ((char *)0x40000000)
#define BIG    (256 * 1024)

static char whole[BIG];
static char chunked[BIG];

static int file_size(const char *name)
{
    static char tmp[1000];
    int off = 0, n;
    while ((n = readfile((char *)name, tmp, sizeof(tmp), off)) > 0)
        off += n;
    CHECK(n == 0, "reading to the end ends with 0");
    return off;
}

static void check_listing(void)
{
    static char list[32768];
    int n = readfile(".", list, sizeof(list), 0);
    CHECK(n > 2 && n < (int)sizeof(list), "readfile(\".\") returns the listing");
    CHECK(list[n - 1] == '\0' && list[n - 2] == '\0', "listing ends with a double NUL");
    int have_init = 0, have_shell = 0, have_me = 0, names = 0;
    for (char *p = list; p < list + n - 1; p += strlen(p) + 1) {
        CHECK(*p != '\0', "no empty name before the end");
        names++;
        have_init |= strcmp(p, "init") == 0;
        have_shell |= strcmp(p, "shell") == 0;
        have_me |= strcmp(p, ME) == 0;
    }
    NOTE("readfile_test: '.' lists %d files in %d bytes", names, n);
    CHECK(have_init && have_shell && have_me, "listing names init, shell and " ME);
    char small[4];
    CHECK(readfile(".", small, 4, 0) == 4, "the listing can be read in pieces");
    CHECK(memcmp(small, list, 4) == 0, "first bytes of the listing");
}

int main(void)
{
    TEST_START("readfile_test");
    char buf[64];

    CHECK(readfile(ME, buf, 4, 0) == 4, "read 4 bytes of own file");
    CHECK(memcmp(buf, "\177ELF", 4) == 0, "own file starts with the ELF magic");

    int size = file_size(ME);
    NOTE("readfile_test: %s is %d bytes", ME, size);
    CHECK(size > 1000 && size <= BIG, "plausible file size");
    CHECK(readfile(ME, whole, BIG, 0) == size, "one read returns the whole file");
    for (int off = 0; off < size; off += 777) {
        int n = readfile(ME, chunked + off, 777, off);
        CHECK(n == (size - off < 777 ? size - off : 777), "chunk length");
    }
    CHECK(memcmp(whole, chunked, size) == 0, "chunked reads equal one whole read");
    CHECK(readfile(ME, buf, 16, 8) == 16 && memcmp(buf, whole + 8, 16) == 0, "offset 8 reads bytes 8..23");

    CHECK(readfile(ME, buf, 0, 0) == 0, "count 0 returns 0");
    CHECK(readfile(ME, buf, 10, size) == 0, "offset at the end returns 0");
    CHECK(readfile(ME, buf, 10, size + 1000) == 0, "offset past the end returns 0");
    CHECK(readfile(ME, buf, 64, size - 10) == 10, "read across the end returns the rest");
    CHECK(memcmp(buf, whole + size - 10, 10) == 0, "and the right bytes");

    CHECK(readfile(ME, buf, -1, 0) < 0, "negative count");
    CHECK(readfile(ME, buf, 4, -1) < 0, "negative offset");
    CHECK(readfile("no_such_file_xyz", buf, 4, 0) < 0, "missing file");
    CHECK(readfile("", buf, 4, 0) < 0, "empty name");
    CHECK(readfile(NULL, buf, 4, 0) < 0, "NULL name");
    CHECK(readfile((char *)KERNEL_ADDR, buf, 4, 0) < 0, "kernel-address name");
    CHECK(readfile((char *)UNMAPPED_ADDR, buf, 4, 0) < 0, "unmapped name");

    CHECK(readfile(ME, NULL, 4, 0) < 0, "NULL buffer");
    CHECK(readfile(ME, (char *)KERNEL_ADDR, 4, 0) < 0, "kernel buffer");
    CHECK(readfile(ME, (char *)TEXT_ADDR, 4, 0) < 0, "read-only (text) buffer");
    CHECK(readfile(ME, (char *)UNMAPPED_ADDR, 4, 0) < 0, "unmapped buffer");

    /* A buffer in untouched new_pages memory is fine; one running off it is not. */
    CHECK(new_pages(REGION, 2 * PAGE_SIZE) == 0, "new_pages");
    CHECK(readfile(ME, REGION + PAGE_SIZE - 8, 64, 0) == 64, "lazy buffer across pages");
    CHECK(memcmp(REGION + PAGE_SIZE - 8, whole, 64) == 0, "lazy buffer got the bytes");
    CHECK(readfile(ME, REGION + 2 * PAGE_SIZE - 8, 64, 0) < 0, "buffer running off the region");
    CHECK(remove_pages(REGION) == 0, "remove_pages");

    check_listing();
    TEST_PASS();
}
