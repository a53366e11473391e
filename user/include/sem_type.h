/*
 * sem_type.h - the layout of sem_t (SPEC §4).  Fields are the library's.
 */
#ifndef _SEM_TYPE_H
#define _SEM_TYPE_H

#include <cond_type.h>
#include <mutex_type.h>

typedef struct sem {
    mutex_t lock;
    cond_t nonzero;
    int count;
    int magic; /* SEM_MAGIC while initialized */
} sem_t;

#endif
