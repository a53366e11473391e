/*
 * rwlock_type.h - the layout of rwlock_t (SPEC §4).  Fields are the
 * library's.
 */
#ifndef _RWLOCK_TYPE_H
#define _RWLOCK_TYPE_H

#include <cond_type.h>
#include <mutex_type.h>

typedef struct rwlock {
    mutex_t lock;
    cond_t readers_cv; /* readers waiting to enter */
    cond_t writers_cv; /* writers waiting to enter */
    int readers;       /* readers inside */
    int writer;        /* 1 while a writer is inside */
    int writers_waiting;
    int magic; /* RWLOCK_MAGIC while initialized */
} rwlock_t;

#endif
