/*
 * ps.h - the thread snapshot of the ps_list extension (vector PS_LIST_INT,
 * <pebbles_ext.h>): one struct ps_thread per live thread, user and kernel,
 * copied to user memory in one call.  Used by the `ps` program.
 */
#ifndef ABI_PS_H
#define ABI_PS_H

/* ps_list copies at most this many threads; a larger buffer is used only
 * up to it (the kernel builds the snapshot in a buffer of that size). */
#define PS_MAX_THREADS 1024
/* Room for each string below, NUL included (longer ones are cut). */
#define PS_NAME_MAX    20

struct ps_thread {
    int tid;
    int task;                /* the task's tid; 0 for a kernel thread */
    int parent;              /* the parent task's tid; 0 for init and kernel threads */
    unsigned cpu_ticks;      /* timer ticks (1 ms each) at which it was the running thread */
    char state[PS_NAME_MAX]; /* "running", "runnable", "blocked" or "new" */
    char name[PS_NAME_MAX];  /* the task's program, or the kernel thread's name */
    char waits[PS_NAME_MAX]; /* when blocked: what for (a wait queue's name), else "" */
};

#endif
