/*
 * syscall.h - prototypes of every Pebbles system call (SPEC §2, §4), the
 * colour constants, PAGE_SIZE and NORETURN.  thread_fork has no prototype:
 * the thread library wraps it.  Names, parameter names included, are spelt
 * as the course's header spells them, so a course program's own macros
 * clash with ours no more than with the course's;
 * user/tests/api_conformance.c checks that.
 */
#ifndef _SYSCALL_H
#define _SYSCALL_H

#include <abi/console.h>
#include <abi/layout.h>
#include <ureg.h>

#ifndef NORETURN
#define NORETURN __attribute__((__noreturn__))
#endif

/* The course's spelling of bright green (abi/console.h says FGND_BGREEN). */
#define FGND_BGRN 0xA

/* Life cycle */
int fork(void);
int exec(char *execname, char *argvec[]);
void set_status(int status);
void vanish(void) NORETURN;
int wait(int *status_ptr);
void task_vanish(int status) NORETURN;

/* Thread management */
int gettid(void);
int yield(int pid);
int deschedule(int *flag);
int make_runnable(int pid);
unsigned int get_ticks(void);
int sleep(int ticks);

/* Memory management */
int new_pages(void *addr, int len);
int remove_pages(void *addr);

/* Console I/O */
char getchar(void);
int readline(int size, char *buf);
int print(int size, char *buf);
int set_term_color(int color);
int set_cursor_pos(int row, int col);
int get_cursor_pos(int *row, int *col);

/* Miscellaneous */
void halt(void) NORETURN;
int readfile(char *filename, char *buf, int count, int offset);
void misbehave(int mode);

/* Software exceptions */
typedef void (*swexn_handler_t)(void *arg, ureg_t *ureg);
int swexn(void *esp3, swexn_handler_t eip, void *arg, ureg_t *newureg);

#endif
