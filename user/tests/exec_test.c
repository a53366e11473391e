/*
 * exec_test.c - proves exec validates everything before destroying the old
 * image (SPEC §3): a missing file, a non-ELF file, a NULL / kernel / unmapped
 * / unterminated name, a bad argv array pointer, a bad string in argv, an
 * argv array that runs into unmapped memory - each returns negative and the
 * caller continues with its memory intact.  Then a real exec (in forked
 * children) of exec_helper_args, which checks argc/argv from the inside and
 * reports through its exit status.
 */
#include <string.h>

#include "test.h"

#define REGION ((char *)0x50000000) /* scratch region, 2 pages */
#define HELPER "exec_helper_args"

static int data_canary = 0x600DF00D;

static void try_exec_fails(char *name, char **argv, const char *what)
{
    NOTE("exec_test: exec with %s", what);
    int r = exec(name, argv);
    if (r >= 0)
        TEST_FAIL("exec_test: exec (%s) returned %d", what, r);
}

/* Exec every file of the RAM disk that does not start with the ELF magic. */
static int exec_non_elf_files(char **argv)
{
    static char list[16384];
    int n = readfile(".", list, sizeof(list) - 2, 0);
    CHECK(n > 0, "readfile(\".\")");
    list[n] = list[n + 1] = '\0';
    int tried = 0;
    for (char *p = list; *p; p += strlen(p) + 1) {
        char magic[4] = {0};
        if (readfile(p, magic, 4, 0) == 4 && memcmp(magic, "\177ELF", 4) == 0)
            continue;
        NOTE("exec_test: exec of non-ELF file '%s'", p);
        try_exec_fails(p, argv, "non-ELF file");
        tried++;
    }
    return tried;
}

static int run_helper(char **argv)
{
    int tid = fork();
    if (tid == 0) {
        exec(HELPER, argv);
        TEST_FAIL("exec_test: exec of %s failed", HELPER);
    }
    CHECK(tid > 0, "fork");
    return wait_for(tid);
}

int main(void)
{
    TEST_START("exec_test");
    int stack_canary = 0x5EC0DE;
    char *ok_argv[] = {HELPER, NULL};

    CHECK(new_pages(REGION, 2 * PAGE_SIZE) == 0, "new_pages");
    strcpy(REGION, "region canary");

    try_exec_fails("no_such_program_xyz", ok_argv, "missing file");
    try_exec_fails("", ok_argv, "empty name");
    try_exec_fails(NULL, ok_argv, "NULL name");
    try_exec_fails((char *)KERNEL_ADDR, ok_argv, "kernel-address name");
    try_exec_fails((char *)UNMAPPED_ADDR, ok_argv, "unmapped name");
    try_exec_fails(".", ok_argv, "the directory listing");
    try_exec_fails("corrupt_elf", ok_argv, "a corrupt ELF file (user/files)");
    int non_elf = exec_non_elf_files(ok_argv);
    NOTE("exec_test: %d non-ELF files refused", non_elf);

    try_exec_fails(HELPER, (char **)KERNEL_ADDR, "kernel-address argv");
    try_exec_fails(HELPER, (char **)UNMAPPED_ADDR, "unmapped argv");
    char *bad_str1[] = {HELPER, (char *)KERNEL_ADDR, NULL};
    try_exec_fails(HELPER, bad_str1, "kernel-address argv[1]");
    char *bad_str2[] = {(char *)UNMAPPED_ADDR, NULL};
    try_exec_fails(HELPER, bad_str2, "unmapped argv[0]");

    /* A name that is not terminated before the end of the mapped region. */
    char *tail = REGION + 2 * PAGE_SIZE - 16;
    memset(tail, 'a', 16);
    try_exec_fails(tail, ok_argv, "unterminated name");

    /* An argv array whose NULL would lie beyond the mapped region. */
    char **vec = (char **)(REGION + PAGE_SIZE);
    for (int i = 0; i < (int)(PAGE_SIZE / sizeof(char *)); i++)
        vec[i] = "x";
    try_exec_fails(HELPER, vec, "unterminated argv");
    /* A string argument running off the end of the region. */
    memset(tail, 'a', 16);
    char *bad_str3[] = {HELPER, tail, NULL};
    try_exec_fails(HELPER, bad_str3, "unterminated argv[1]");

    /* The caller is intact. */
    CHECK(stack_canary == 0x5EC0DE, "stack intact after failed execs");
    CHECK(data_canary == 0x600DF00D, "data intact after failed execs");
    CHECK(memcmp(REGION, "region canary", 14) == 0, "new_pages region intact");
    CHECK(remove_pages(REGION) == 0, "region still registered after failed execs");

    /* Successful execs, checked by the helper and its exit status. */
    char *check_argv[] = {HELPER, "check", "alpha", "beta gamma", "", NULL};
    CHECK(run_helper(check_argv) == 42, "helper saw argc/argv as passed");
    char *exit_argv[] = {HELPER, "exit", "-77", NULL};
    CHECK(run_helper(exit_argv) == -77, "helper exit status");
    CHECK(run_helper(ok_argv) == 0, "helper with argc == 1");

    static char nums[100][4];
    static char *many[101];
    many[0] = HELPER;
    many[1] = "many";
    many[2] = "100";
    for (int i = 3; i < 100; i++) {
        nums[i][0] = (char)('0' + i / 10);
        nums[i][1] = (char)('0' + i % 10);
        many[i] = nums[i];
    }
    many[100] = NULL;
    CHECK(run_helper(many) == 43, "helper got 100 arguments");

    TEST_PASS();
}
