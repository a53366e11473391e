/*
 * cond_type.h - the layout of cond_t (SPEC §4).  Fields are the library's.
 */
#ifndef _COND_TYPE_H
#define _COND_TYPE_H

struct thr_waiter;

typedef struct cond {
    volatile int guard;      /* spin lock over the fields below */
    struct thr_waiter *head; /* waiting threads, in arrival order */
    struct thr_waiter *tail;
    int magic; /* COND_MAGIC while initialized */
} cond_t;

#endif
