/*
 * thread.h - the thread library (SPEC §4).
 *
 * thr_init(size) must be called once, before any other thr_ function; each
 * thread made by thr_create then gets a stack of at least `size` bytes with
 * an unmapped guard page below it (overflowing it kills the thread with
 * the kernel's one-line report).  Thread ids are kernel tids.  A thread
 * that returns from its function exits with the returned value.  Exactly
 * one thr_join per thread collects its status; until then an exited
 * thread's status is kept.  malloc and friends are thread-safe once
 * thr_init has run.
 */
#ifndef _THREAD_H
#define _THREAD_H

int thr_init(unsigned int size);
int thr_create(void *(*func)(void *), void *arg);
int thr_join(int tid, void **statusp);
void thr_exit(void *status) __attribute__((noreturn));
int thr_getid(void);
int thr_yield(int tid);

#endif
