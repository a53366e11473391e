/*
 * simics.c - the course's simulator calls (<simics.h>; sim_call itself is
 * in sim_call.S), lprintf, and assert/panic support.  Outside a simulator
 * the logging calls write to the kernel log and the rest do nothing.
 */
#include <assert.h>
#include <pebbles_ext.h>
#include <simics.h>
#include <stdarg.h>
#include <stdio.h>
#include <syscall.h>

#include "lib/format.h"

int sim_in_simics(void) { return sim_call(SIM_IN_SIMICS); }

int sim_memsize(void) { return sim_call(SIM_MEMSIZE); }

void sim_puts(const char *str) { sim_call(SIM_PUTS, str); }

static void sim_vprintf(const char *fmt, va_list ap)
{
    char line[KLOG_MAX + 1];
    format_vsnprintf(line, sizeof(line), fmt, ap);
    sim_puts(line);
}

void sim_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_vprintf(fmt, ap);
    va_end(ap);
}

/* The parentheses keep the lprintf macro from expanding here. */
void(lprintf)(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_vprintf(fmt, ap);
    va_end(ap);
}

void sim_breakpoint(void) { sim_call(SIM_BREAKPOINT); }

void sim_halt(void) { sim_call(SIM_HALT); }

void sim_ck1(void) { sim_call(SIM_CK1); }

void sim_fr_prog(int prog) { sim_call(SIM_FR_PROG, prog); }

void sim_fr_here(void) { sim_call(SIM_FR_HERE); }

void sim_update_scoreboard(char *testname, int success) { sim_call(SIM_TEST_REPORT, testname, success); }

int magic_readline(int size, char *buf)
{
    sim_call(SIM_FR_INKEYS);
    return readline(size, buf);
}

static void __attribute__((noreturn)) die(const char *msg)
{
    printf("%s\n", msg);
    klog(msg);
    task_vanish(-2);
}

void panic(const char *fmt, ...)
{
    char msg[KLOG_MAX + 1];
    int n = format_snprintf(msg, sizeof(msg), "panic (task %d): ", gettid());
    va_list ap;
    va_start(ap, fmt);
    format_vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
    va_end(ap);
    die(msg);
}

void __assert_fail_pebbles(const char *expr, const char *file, int line)
{
    char msg[KLOG_MAX + 1];
    format_snprintf(msg, sizeof(msg), "assertion failed: %s at %s:%d", expr, file, line);
    die(msg);
}

/* Invariant failures inside shared library code (kern/lib, e.g. a corrupt
 * heap) end up here in user programs. */
void panic_at(const char *file, int line, const char *func, const char *fmt, ...) __attribute__((noreturn));
void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    char msg[KLOG_MAX + 1];
    int n = format_snprintf(msg, sizeof(msg), "panic at %s:%d in %s(): ", file, line, func);
    va_list ap;
    va_start(ap, fmt);
    format_vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
    va_end(ap);
    die(msg);
}
