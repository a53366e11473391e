/*
 * console_lines.c - every line the kernel writes arrives whole, whatever
 * else prints at the time.  Tasks that fault (each death prints a kill
 * line longer than one console chunk) run beside tasks that lprintf (the
 * kernel log) and tasks that print() long lines, all at once.  The boot
 * test console_lines_whole (tests/harness/boot_tests.py) reads the serial
 * output and checks that every kill line, every log line and every
 * printed line is whole, on its own line, and that none is missing; the
 * counts it expects are in the first log line.  Run plainly it only
 * checks that everything ran.
 */
#include <string.h>

#include "test.h"

#define WORKERS       6 /* each: fork a child that dies, log meanwhile, wait */
#define KILLS_EACH    30
#define LOGS_PER_KILL 5
#define PRINTERS      2
#define PRINTS_EACH   100
#define LOG_PAYLOAD   90   /* a log line of about 120 bytes */
#define PRINT_PAYLOAD 1000 /* a printed line of many console chunks */

/* The same text the harness rebuilds: n letters from (who, i). */
static void payload(char *out, int n, int who, int i)
{
    for (int k = 0; k < n; k++)
        out[k] = (char)('a' + (who * 7 + i * 3 + k) % 26);
    out[n] = '\0';
}

/* While each child dies (its kill line printing), log beside it. */
static int worker(int who)
{
    char p[LOG_PAYLOAD + 1];
    for (int i = 0; i < KILLS_EACH; i++) {
        int tid = fork();
        if (tid == 0)
            return *(volatile int *)0;
        for (int k = 0; k < LOGS_PER_KILL; k++) {
            int seq = i * LOGS_PER_KILL + k;
            payload(p, LOG_PAYLOAD, who, seq);
            lprintf("console_lines: log %d %d %s", who, seq, p);
        }
        int st = 0;
        if (tid < 0 || wait(&st) != tid || st != KILLED_STATUS)
            return 1;
    }
    return 0;
}

static int printer(int who)
{
    static char p[PRINT_PAYLOAD + 1], line[PRINT_PAYLOAD + 64];
    for (int i = 0; i < PRINTS_EACH; i++) {
        payload(p, PRINT_PAYLOAD, who, i);
        int n = snprintf(line, sizeof(line), "console_lines: print %d %d %s\n", who, i, p);
        if (print(n, line) < 0)
            return 1;
    }
    return 0;
}

int main(void)
{
    TEST_START("console_lines");
    lprintf("console_lines: expect %d kills %d logs %d prints", WORKERS * KILLS_EACH,
            WORKERS * KILLS_EACH * LOGS_PER_KILL, PRINTERS * PRINTS_EACH);
    int tids[WORKERS + PRINTERS], n = 0;
    for (int i = 0; i < WORKERS; i++)
        tids[n++] = fork_run(worker, i);
    for (int i = 0; i < PRINTERS; i++)
        tids[n++] = fork_run(printer, 20 + i);
    for (int i = 0; i < n; i++) {
        CHECK(tids[i] > 0, "fork");
        int st = -1;
        int tid = wait(&st);
        CHECK(tid > 0 && st == 0, "a worker failed");
    }
    TEST_PASS();
}
