/*
 * mutex_type.h - the layout of mutex_t (SPEC §4), kept apart so structures
 * may embed a mutex without the functions.  Fields are the library's.
 */
#ifndef _MUTEX_TYPE_H
#define _MUTEX_TYPE_H

struct thr_waiter;

typedef struct mutex {
    volatile int guard;      /* spin lock over the fields below */
    int locked;              /* held (or being handed to the first waiter) */
    struct thr_waiter *head; /* waiting threads, first come first served */
    struct thr_waiter *tail;
    int magic; /* MUTEX_MAGIC while initialized */
} mutex_t;

#define MUTEX_MAGIC 0x6d757478 /* "mutx" */
/* For a mutex with static storage: the same as mutex_init. */
#define MUTEX_INITIALIZER                                                                                    \
    {                                                                                                        \
        .guard = 0, .locked = 0, .head = 0, .tail = 0, .magic = MUTEX_MAGIC                                  \
    }

#endif
