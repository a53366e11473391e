/*
 * errors.h - error codes returned (negated) by system calls.
 * Every failing system call returns one of these, negative.  User programs
 * may only rely on "negative means failure" (SPEC §2); the names help tests
 * and readers tell failures apart.
 */
#ifndef ABI_ERRORS_H
#define ABI_ERRORS_H

#define E_INVAL  1  /* bad argument value */
#define E_FAULT  2  /* bad user pointer / unreadable or unwritable buffer */
#define E_NOMEM  3  /* out of memory (frames, heap, or reservation) */
#define E_NOENT  4  /* no such file */
#define E_NOEXEC 5  /* file is not a valid executable */
#define E_SRCH   6  /* no such thread / task */
#define E_CHILD  7  /* no child can ever be collected */
#define E_BUSY   8  /* resource in use / state does not allow it */
#define E_2BIG   9  /* argument list or size too large */
#define E_INTR   10 /* interrupted: the task is being torn down */
#define E_NOSYS  11 /* unassigned vector */
#define E_PERM   12 /* refused, e.g. fork of a multi-threaded task */

#endif
