/*
 * report.h - SPEC §5 test reporting for the course-style programs.
 *
 *   report_start(REPORT_COMPLETE)   (^_^)_<name> START__TYPE_COMPLETE
 *   report_end(REPORT_SUCCESS)      (^_^)_<name> END__SUCCESS
 *   report_fail(fmt, ...)           a reason line, END__FAIL, then the task ends
 *
 * The name is set once with report_init(name) (programs pass their own).
 * Lines go to the kernel log through lprintf.  Safe from any thread.
 */
#ifndef CS_REPORT_H
#define CS_REPORT_H

#define REPORT_COMPLETE 0
#define REPORT_ABORT    1
#define REPORT_FOREVER  2

#define REPORT_SUCCESS 0
#define REPORT_FAIL    1

void report_init(const char *name);
void report_start(int type);
void report_end(int result);
void report_misc(const char *msg);
void report_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Fails the test (with the line number) when cond is false. */
#define REPORT_CHECK(cond, what)                                                  \
    do {                                                                          \
        if (!(cond))                                                              \
            report_fail("line %d: %s", __LINE__, (what));                        \
    } while (0)

#endif
