/*
 * desched.h - deschedule()/make_runnable() (SPEC §3), above the scheduler:
 * the one lock they share is a mutex, and the scheduler takes none.
 *
 * desched_sleep calls reject(arg) under desched_lock, the lock that
 * desched_wake_tid takes: negative is an error (returned), positive means
 * do not sleep (0 returned), 0 sleeps until desched_wake_tid (0) or a kill
 * (-E_INTR).  reject may block (it reads user memory).
 */
#ifndef SYNC_DESCHED_H
#define SYNC_DESCHED_H

void desched_init(void);
int desched_sleep(int (*reject)(void *arg), void *arg);
/* Wake thread tid if it sleeps in desched_sleep; else -E_SRCH. */
int desched_wake_tid(int tid);

#endif
