/*
 * thr_watch.h - helpers shared by the thread-library tests: a watchdog that
 * turns a hang into a failure naming the phase, and bounded waits for a
 * thread to start and to block.  Include after test.h, once per program.
 *
 *     watch_start(ticks)          start the watchdog; the first deadline
 *     watch_phase(name)           name what runs now (the deadline stays)
 *     watch_phase_for(name, t)    ... and give it t ticks from now
 *     watch_stop()                the watchdog ends
 *     wait_flag(&flag, what)      until flag != 0, at most 3 s
 *     wait_blocked(tid)           until tid sleeps (yield to it fails), 3 s
 *     start_blocked(fn, arg, &asking, what)
 *                                 thr_create, then wait until the new thread
 *                                 has set `asking` and gone to sleep
 */
#ifndef TESTS_THR_WATCH_H
#define TESTS_THR_WATCH_H

#include <thread.h>

#include "test.h"

static const char *volatile watch_phase_name = "start";
static volatile unsigned int watch_deadline;
static volatile int watch_done;

static inline void watch_phase(const char *name) { watch_phase_name = name; }

static inline void watch_phase_for(const char *name, unsigned int ticks)
{
    watch_phase_name = name;
    watch_deadline = get_ticks() + ticks;
}

static void *watchdog_(void *arg)
{
    (void)arg;
    while (!watch_done) {
        if ((int)(get_ticks() - watch_deadline) > 0)
            TEST_FAIL("%s: hung in phase '%s' (lost wakeup or deadlock)", test_name_, watch_phase_name);
        sleep(20);
    }
    return NULL;
}

static inline void watch_start(unsigned int ticks)
{
    watch_phase_for("start", ticks);
    CHECK(thr_create(watchdog_, NULL) > 0, "thr_create watchdog");
}

static inline void watch_stop(void) { watch_done = 1; }

static inline void wait_flag(volatile int *flag, const char *what)
{
    unsigned int t0 = get_ticks();
    while (!*flag) {
        if (get_ticks() - t0 > 3000)
            TEST_FAIL("%s: phase '%s': %s did not happen within 3 s", test_name_, watch_phase_name, what);
        thr_yield(-1);
    }
}

static inline void wait_blocked(int tid)
{
    unsigned int t0 = get_ticks();
    while (yield(tid) == 0)
        if (get_ticks() - t0 > 3000)
            TEST_FAIL("%s: phase '%s': thread %d still runnable after 3 s (a waiter spins?)", test_name_,
                      watch_phase_name, tid);
}

static inline int start_blocked(void *(*fn)(void *), void *arg, volatile int *asking, const char *what)
{
    int tid = thr_create(fn, arg);
    CHECK(tid > 0, "thr_create");
    wait_flag(asking, what);
    wait_blocked(tid);
    return tid;
}

#endif
