/*
 * rwlock.c - readers/writer locks over a mutex and two condition
 * variables; rw->lock protects every counter.
 *
 * Policy: a writer that is waiting keeps new readers out (so a stream of
 * readers cannot starve writers); when the lock comes free, waiting
 * writers go first, one at a time, else all waiting readers enter
 * together.  Downgrade turns the writer into a reader and lets waiting
 * readers in unless a writer waits; no writer can enter while it reads.
 */
#include <assert.h>
#include <cond.h>
#include <rwlock.h>

#define RWLOCK_MAGIC 0x72776c6b /* "rwlk" */

int rwlock_init(rwlock_t *rw)
{
    if (!rw || mutex_init(&rw->lock) < 0 || cond_init(&rw->readers_cv) < 0 || cond_init(&rw->writers_cv) < 0)
        return -1;
    rw->readers = rw->writer = rw->writers_waiting = 0;
    rw->magic = RWLOCK_MAGIC;
    return 0;
}

void rwlock_destroy(rwlock_t *rw)
{
    mutex_lock(&rw->lock);
    int busy = rw->readers || rw->writer || rw->writers_waiting;
    rw->magic = 0;
    mutex_unlock(&rw->lock);
    if (busy)
        panic("rwlock_destroy: rwlock %p is held or awaited", (void *)rw);
    cond_destroy(&rw->readers_cv);
    cond_destroy(&rw->writers_cv);
    mutex_destroy(&rw->lock);
}

void rwlock_lock(rwlock_t *rw, int type)
{
    if (rw->magic != RWLOCK_MAGIC || (type != RWLOCK_READ && type != RWLOCK_WRITE))
        panic("rwlock_lock: bad rwlock %p or type %d", (void *)rw, type);
    mutex_lock(&rw->lock);
    if (type == RWLOCK_READ) {
        while (rw->writer || rw->writers_waiting)
            cond_wait(&rw->readers_cv, &rw->lock);
        rw->readers++;
    } else {
        rw->writers_waiting++;
        while (rw->writer || rw->readers)
            cond_wait(&rw->writers_cv, &rw->lock);
        rw->writers_waiting--;
        rw->writer = 1;
    }
    mutex_unlock(&rw->lock);
}

/* rw->lock held: let the next holders in, if the lock is free. */
static void admit_next(rwlock_t *rw)
{
    if (rw->writer || rw->readers)
        return;
    if (rw->writers_waiting)
        cond_signal(&rw->writers_cv);
    else
        cond_broadcast(&rw->readers_cv);
}

void rwlock_unlock(rwlock_t *rw)
{
    mutex_lock(&rw->lock);
    if (rw->writer)
        rw->writer = 0;
    else if (rw->readers > 0)
        rw->readers--;
    else
        panic("rwlock_unlock: rwlock %p is not held", (void *)rw);
    admit_next(rw);
    mutex_unlock(&rw->lock);
}

void rwlock_downgrade(rwlock_t *rw)
{
    mutex_lock(&rw->lock);
    if (!rw->writer)
        panic("rwlock_downgrade: rwlock %p is not held for writing", (void *)rw);
    rw->writer = 0;
    rw->readers = 1;
    if (!rw->writers_waiting)
        cond_broadcast(&rw->readers_cv);
    mutex_unlock(&rw->lock);
}
