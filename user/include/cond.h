/*
 * cond.h - condition variables (SPEC §4).  Signals wake waiters in the
 * order they began to wait; no wakeup is lost between cond_wait's release
 * of the mutex and its sleep.
 */
#ifndef _COND_H
#define _COND_H

#include <cond_type.h>
#include <mutex.h>

int cond_init(cond_t *cv);
void cond_destroy(cond_t *cv);
void cond_wait(cond_t *cv, mutex_t *mp);
void cond_signal(cond_t *cv);
void cond_broadcast(cond_t *cv);

#endif
