/*
 * ktest.h - in-kernel boot tests, chosen on the kernel command line with
 * "ktest=<name>".  A test runs after the drivers are up, with interrupts
 * enabled, in place of init.  It reports with
 *     KTEST <name> PASS            or    KTEST <name> FAIL: <why>
 * on the console (mirrored to COM1), then ends the run with ktest_finish().
 * The QEMU harness (tests/harness) judges those lines.
 */
#ifndef TESTS_KTEST_H
#define TESTS_KTEST_H

struct ktest {
    const char *name;
    void (*fn)(void);
};

#define KTEST(tname)                                                                                         \
    static void ktest_fn_##tname(void);                                                                      \
    static const struct ktest ktest_entry_##tname                                                            \
        __attribute__((section(".ktest_table"), used)) = {#tname, ktest_fn_##tname};                         \
    static void ktest_fn_##tname(void)

/* Run the test named name; returns only if no such test exists. */
void ktest_run(const char *name);

/* Print the verdict line and end the QEMU run. */
void ktest_pass(const char *name) __attribute__((noreturn));
void ktest_fail(const char *name, const char *fmt, ...) __attribute__((noreturn));

#endif
