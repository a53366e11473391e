/*
 * course_link.c - a program linked the course way runs (SPEC §4): the
 * Makefile links this one with `ld -m elf_i386 -static -Ttext 0x1000000
 * --entry=_main` and no linker script, which on current binutils makes a
 * first PT_LOAD at 0x00fff000 holding only the ELF and program headers,
 * below USER_MEM_START.  exec must leave that part out and load the rest:
 * text at 0x01000000, read-only data, data and a zeroed bss.  The header
 * page must not have been mapped for the program (a kernel address is
 * still refused as a buffer).
 */
#include <string.h>

#include "test.h"

static const char rodata[] = "read-only data";
static int data = 410;
static char bss[3 * 4096];

int main(int argc, char **argv)
{
    TEST_START("course_link");
    CHECK((unsigned int)main >= 0x01000000 && (unsigned int)main < 0x01100000, "text at 0x01000000");
    CHECK(argc == 1 && strcmp(argv[0], "course_link") == 0, "argv");
    CHECK(strcmp(rodata, "read-only data") == 0, "read-only data loaded");
    CHECK(data == 410, "data loaded");
    for (unsigned int i = 0; i < sizeof(bss); i++)
        CHECK(bss[i] == 0, "bss zeroed");
    data = 15;
    bss[sizeof(bss) - 1] = 1;
    CHECK(data == 15 && bss[sizeof(bss) - 1] == 1, "data and bss writable");
    CHECK(print(16, (char *)0x00fff000) < 0, "the header page is not user memory");
    TEST_PASS();
}
