/* report.c - SPEC §5 reporting through lprintf (see inc/report.h). */
#include <report.h>
#include <simics.h>
#include <stdarg.h>
#include <stdio.h>
#include <syscall.h>

#include "report_format.h"

static const char *report_name = "?";

void report_init(const char *name)
{
    report_name = name;
}

void report_start(int type)
{
    static const char *const types[] = {"COMPLETE", "ABORT", "FOREVER"};
    lprintf(REPORT_PREFIX "%s" REPORT_START "%s", report_name, types[type]);
}

void report_end(int result)
{
    lprintf(REPORT_PREFIX "%s" REPORT_END "%s", report_name,
            result == REPORT_SUCCESS ? "SUCCESS" : "FAIL");
}

void report_misc(const char *msg)
{
    lprintf("%s: %s", report_name, msg);
}

void report_fail(const char *fmt, ...)
{
    char buf[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    report_misc(buf);
    report_end(REPORT_FAIL);
    task_vanish(1);
    for (;;)
        ;
}
