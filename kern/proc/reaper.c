/*
 * reaper.c - freeing dead threads, one reaper at a time.
 *
 * The scheduler keeps the dead list (sched_reap, sched_wait_dead); the
 * lock that serializes reapers lives here, above it, because it is a
 * mutex.  reap_lock (LOCK_RANK_REAP): the boot thread reaps in the
 * background, and kstats reaps before it counts; holding the lock, kstats
 * also waits for a thread the reaper took off the list but has not freed
 * yet, so the counters it reads are consistent.
 */
#include "proc/task.h"
#include "sched/sched.h"
#include "sync/mutex.h"

static struct mutex reap_lock;

void reaper_init(void) { mutex_init(&reap_lock, LOCK_RANK_REAP, "reap"); }

void reap_now(void)
{
    mutex_lock(&reap_lock);
    sched_reap();
    mutex_unlock(&reap_lock);
}

void reaper_run(void)
{
    for (;;) {
        reap_now();
        sched_wait_dead();
    }
}
