/*
 * cs_common.h - shared by the course-style programs (beside them, found
 * through EXTRA_PROGS on the include path): stack size, the start of every
 * test, and whether the build passed the test's EXTRA_CFLAGS and UCFLAGS.
 */
#ifndef CS_COMMON_H
#define CS_COMMON_H

#include <report.h>
#include <stddef.h>
#include <simics.h>
#include <syscall.h>
#include <thread.h>

#define CS_STACK_SIZE (4 * PAGE_SIZE)

#if defined(CS_EXTRA_CFLAGS) && defined(CS_UCFLAGS)
#define CS_FLAGS_LINE "built with EXTRA_CFLAGS and UCFLAGS"
#else
#define CS_FLAGS_LINE "built without the test's EXTRA_CFLAGS and UCFLAGS"
#endif

/* report_init + START__TYPE_COMPLETE + the flags line + thr_init. */
static inline void cs_begin(const char *name)
{
    report_init(name);
    report_start(REPORT_COMPLETE);
    report_misc(CS_FLAGS_LINE);
    REPORT_CHECK(thr_init(CS_STACK_SIZE) == 0, "thr_init");
}

#endif
