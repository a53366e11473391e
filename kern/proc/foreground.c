/*
 * foreground.c - Ctrl-C: the console kills the program the shell waits for.
 *
 * Pebbles has no signals.  Instead the shell names its foreground task
 * (set_foreground, an extension call) and Ctrl-C on the screen keyboard or
 * the serial line (byte 0x03, dev/input.h) kills that task and its
 * descendants, as task_vanish(-2) would (proc_kill_job).  With no
 * foreground task the byte goes to the input stream as before, so Pebbles
 * programs see no change.
 *
 * The record is a tid, never a pointer: a task that has gone is simply not
 * found (tids are never reused), so nothing dangles.  The key arrives in an
 * interrupt handler, which may not take tasks_lock; it notes the tid and
 * wakes the "ctrl-c" kernel thread, which looks the task up and kills it
 * under tasks_lock.  That thread starts with the first set_foreground, so
 * a machine with no shell (make run-prog, make bench) has the same kernel
 * threads and heap as before.
 *
 * foreground_tid is written by set_foreground (one word), read anywhere;
 * kill_tid and the wait queue are touched with interrupts off only;
 * killer_started is guarded by tasks_lock.
 */
#include <abi/errors.h>

#include "arch/cpu.h"
#include "dev/input.h"
#include "lib/assert.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "sched/waitq.h"
#include "sync/mutex.h"

#define KILLED_STATUS (-2) /* as a task killed by a fault, or task_vanish(-2) */

static volatile int foreground_tid; /* 0: none */
static int kill_tid;                /* the foreground when Ctrl-C came; 0: no request (waitq_lock) */
static struct waitq killer_wait;
static bool killer_started;

/* The input IRQ: take the key if there is a foreground. */
static bool interrupt_key(void)
{
    if (!foreground_tid)
        return false;
    uint32_t was = waitq_lock();
    kill_tid = foreground_tid;
    waitq_wake_one(&killer_wait);
    waitq_unlock(was);
    return true;
}

static void killer_main(void *arg)
{
    (void)arg;
    for (;;) {
        uint32_t was = waitq_lock();
        while (!kill_tid)
            waitq_wait(&killer_wait, 0);
        int tid = kill_tid;
        kill_tid = 0;
        waitq_unlock(was);
        proc_kill_job(tid, KILLED_STATUS);
    }
}

void foreground_start(void)
{
    waitq_init(&killer_wait, "ctrl-c");
    input_set_interrupt(interrupt_key);
}

/* The caller may name one of its own live children (the shell, after
 * fork), or 0 for none.  -E_SRCH if tid is no live child of the caller,
 * -E_NOMEM if the ctrl-c thread cannot be started. */
int proc_set_foreground(int tid)
{
    if (tid < 0)
        return -E_INVAL;
    if (tid == 0) {
        foreground_tid = 0;
        return 0;
    }
    struct task *self = sched_current()->task;
    int r = -E_SRCH;
    mutex_lock(&tasks_lock);
    struct task *t = task_find(tid);
    if (t && t->parent == self) {
        if (!killer_started)
            killer_started = kthread_start("ctrl-c", killer_main, NULL) != NULL;
        r = killer_started ? 0 : -E_NOMEM;
    }
    if (r == 0)
        foreground_tid = tid;
    mutex_unlock(&tasks_lock);
    return r;
}
