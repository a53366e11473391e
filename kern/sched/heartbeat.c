/*
 * heartbeat.c - proof, on request, that the kernel still schedules.
 *
 * Ctrl-] (0x1D) on the serial line wakes the heartbeat kernel thread,
 * which prints one log line "heartbeat: tick <n>, <k> threads".  The line
 * appears only if the scheduler really gives that thread its turn among
 * whatever else is runnable, so a test that must run forever passes only
 * if its machine answers (tests/harness: Machine.heartbeat, run_prog.py).
 * `requested` and the wait queue are guarded by waitq_lock.
 */
#include "sched/heartbeat.h"

#include "arch/cpu.h"
#include "lib/assert.h"
#include "lib/format.h"
#include "sched/clock.h"
#include "sched/sched.h"
#include "sched/waitq.h"

static struct waitq heartbeat_wait;
static volatile bool requested;
static void (*log_line)(const char *line); /* set once, at start */

static void heartbeat_main(void *arg)
{
    (void)arg;
    for (;;) {
        uint32_t was = waitq_lock();
        while (!requested)
            waitq_wait(&heartbeat_wait, 0);
        requested = false;
        waitq_unlock(was);
        char line[64];
        format_snprintf(line, sizeof(line), "heartbeat: tick %u, %u threads", clock_ticks(), thread_count());
        log_line(line);
    }
}

void heartbeat_start(void (*log)(const char *line))
{
    log_line = log;
    waitq_init(&heartbeat_wait, "heartbeat request");
    if (!kthread_start("heartbeat", heartbeat_main, NULL))
        panic("no memory for the heartbeat thread");
}

void heartbeat_request(void)
{
    uint32_t was = waitq_lock();
    requested = true;
    waitq_wake_one(&heartbeat_wait);
    waitq_unlock(was);
}
