/*
 * ktest.c - running in-kernel boot tests (see ktest.h).
 */
#include "tests/ktest.h"

#include <stdarg.h>

#include "arch/cpu.h"
#include "lib/printf.h"
#include "lib/string.h"

extern const struct ktest ktest_table_start[], ktest_table_end[];

void ktest_run(const char *name)
{
    // cppcheck-suppress comparePointers ; both ends of the linker-built table
    for (const struct ktest *t = ktest_table_start; t < ktest_table_end; t++) {
        if (strcmp(t->name, name) == 0) {
            printf("KTEST %s START\n", name);
            t->fn();
            ktest_fail(name, "test returned without a verdict");
        }
    }
    printf("KTEST %s FAIL: no such test\n", name);
    machine_exit(0);
}

void ktest_pass(const char *name)
{
    printf("KTEST %s PASS\n", name);
    machine_exit(0);
}

void ktest_fail(const char *name, const char *fmt, ...)
{
    char why[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    printf("KTEST %s FAIL: %s\n", name, why);
    machine_exit(0);
}
