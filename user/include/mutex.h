/*
 * mutex.h - user-space mutexes (SPEC §4).  Fair: waiters are served in
 * the order they asked, and none is passed over more than once (a running
 * thread may take a just-freed mutex ahead of a waiter still waking up).
 * A waiting thread sleeps in deschedule(); it does not spin.
 */
#ifndef _MUTEX_H
#define _MUTEX_H

#include <mutex_type.h>

int mutex_init(mutex_t *mp);
void mutex_destroy(mutex_t *mp);
void mutex_lock(mutex_t *mp);
void mutex_unlock(mutex_t *mp);

#endif
