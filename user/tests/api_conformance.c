/*
 * api_conformance.c - the user-visible interface is exactly SPEC §1-§4, so
 * a program written for the Pebbles interface compiles against our headers
 * and runs unmodified.  Checked at compile time (a mismatch is a build
 * error): every system-call and library prototype of §2 and §4, the vector
 * numbers of §2, PAGE_SIZE, the colour constants, RWLOCK_READ/WRITE, the
 * ureg_t layout and the SWEXN_CAUSE_* values of §3.  Spelling (§4): every
 * macro a course header defines that we provide too is defined again below
 * token for token as the course writes it, so a different name is an
 * undeclared identifier and a different definition a "redefined" error
 * (with -Werror); and the parameter names <syscall.h> used before it took
 * the course's are poisoned while it is included.  Checked at run time:
 * the segment selectors and the stack bounds a program starts with (§1).
 */

/* A program may #define names the course's <syscall.h> does not use,
 * such as the parameter names ours once had: it must still compile. */
#define tid    @
#define reject @
#define base   @
#include <syscall.h>
#undef tid
#undef reject
#undef base

#include <assert.h>
#include <cond.h>
#include <malloc.h>
#include <mutex.h>
#include <rwlock.h>
#include <sem.h>
#include <simics.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <syscall_int.h>
#include <thread.h>
#include <ureg.h>

#include "test.h"

/* Each function is declared again here exactly as SPEC §2/§4 writes it:
 * a header that disagrees makes this file fail to compile. */
/* §2: system calls, as the course's <syscall.h> declares them. */
int fork(void);
int exec(char *, char **);
int wait(int *);
int yield(int pid);
int deschedule(int *flag);
int make_runnable(int pid);
int gettid(void);
int new_pages(void *, int);
int remove_pages(void *);
int sleep(int);
char getchar(void);
int readline(int, char *);
int print(int, char *);
int set_term_color(int);
int set_cursor_pos(int, int);
int get_cursor_pos(int *, int *);
unsigned int get_ticks(void);
void misbehave(int);
void halt(void);
void halt(); /* the course's spelling: compatible */
void task_vanish(int);
void set_status(int);
void vanish(void);
int readfile(char *, char *, int, int);
int swexn(void *, swexn_handler_t, void *, ureg_t *);
_Static_assert(__builtin_types_compatible_p(swexn_handler_t, void (*)(void *, ureg_t *)), "swexn_handler_t");

/* §4: library. */
void lprintf(const char *, ...);  /* the macro: sim_printf */
void(lprintf)(const char *, ...); /* and the function */
int sim_call(int, ...);
int sim_in_simics(void);
int sim_memsize(void);
void sim_puts(const char *);
void sim_printf(const char *, ...);
void sim_breakpoint(void);
void sim_halt(void);
void sim_ck1(void);
void sim_fr_prog(int);
void sim_fr_here(void);
void sim_update_scoreboard(char *, int);
int magic_readline(int, char *);
void exit(int);
void *malloc(size_t);
void *calloc(size_t, size_t);
void *realloc(void *, size_t);
void free(void *);
int thr_init(unsigned int);
int thr_create(void *(*)(void *), void *);
int thr_join(int, void **);
void thr_exit(void *);
int thr_getid(void);
int thr_yield(int);
int mutex_init(mutex_t *);
void mutex_destroy(mutex_t *);
void mutex_lock(mutex_t *);
void mutex_unlock(mutex_t *);
int cond_init(cond_t *);
void cond_destroy(cond_t *);
void cond_wait(cond_t *, mutex_t *);
void cond_signal(cond_t *);
void cond_broadcast(cond_t *);
int sem_init(sem_t *, int);
void sem_wait(sem_t *);
void sem_signal(sem_t *);
void sem_destroy(sem_t *);
int rwlock_init(rwlock_t *);
void rwlock_lock(rwlock_t *, int);
void rwlock_unlock(rwlock_t *);
void rwlock_destroy(rwlock_t *);
void rwlock_downgrade(rwlock_t *);
_Static_assert(RWLOCK_READ == 0 && RWLOCK_WRITE == 1, "rwlock modes");
_Static_assert(PAGE_SIZE == 4096, "PAGE_SIZE");
_Static_assert(FGND_BLACK == 0x0 && FGND_BLUE == 0x1 && FGND_GREEN == 0x2 && FGND_CYAN == 0x3 &&
                   FGND_RED == 0x4 && FGND_MAG == 0x5 && FGND_BRWN == 0x6 && FGND_LGRAY == 0x7 &&
                   FGND_DGRAY == 0x8 && FGND_BBLUE == 0x9 && FGND_BGRN == 0xA && FGND_BCYAN == 0xB &&
                   FGND_PINK == 0xC && FGND_BMAG == 0xD && FGND_YLLW == 0xE && FGND_WHITE == 0xF,
               "foreground colours, course spelling");
_Static_assert(FGND_BGREEN == FGND_BGRN, "our own spelling stays too");
_Static_assert(BGND_BLACK == 0x00 && BGND_BLUE == 0x10 && BGND_GREEN == 0x20 && BGND_CYAN == 0x30 &&
                   BGND_RED == 0x40 && BGND_MAG == 0x50 && BGND_BRWN == 0x60 && BGND_LGRAY == 0x70,
               "background colours");
#if !defined(NORETURN) || !defined(lprintf) || !defined(MAGIC_BREAK)
#error "NORETURN, lprintf and MAGIC_BREAK are macros"
#endif
_Static_assert(SIM_IN_SIMICS == 0x04100000 && SIM_MEMSIZE == 0x04100001 && SIM_PUTS == 0x04100002 &&
                   SIM_BREAKPOINT == 0x04100003 && SIM_HALT == 0x04100004 && SIM_CK1 == 0x04108000 &&
                   SIM_FR_INKEYS == 0x04108004 && SIM_FR_PROG == 0x04108006 && SIM_FR_HERE == 0x04108007 &&
                   SIM_TEST_REPORT == 0x0410800B,
               "simulator call numbers");

/* §2: vectors. */
_Static_assert(FORK_INT == 0x41 && EXEC_INT == 0x42 && WAIT_INT == 0x44 && YIELD_INT == 0x45 &&
                   DESCHEDULE_INT == 0x46 && MAKE_RUNNABLE_INT == 0x47 && GETTID_INT == 0x48 &&
                   NEW_PAGES_INT == 0x49 && REMOVE_PAGES_INT == 0x4A && SLEEP_INT == 0x4B,
               "vectors 0x41-0x4B");
_Static_assert(GETCHAR_INT == 0x4C && READLINE_INT == 0x4D && PRINT_INT == 0x4E &&
                   SET_TERM_COLOR_INT == 0x4F && SET_CURSOR_POS_INT == 0x50 && GET_CURSOR_POS_INT == 0x51 &&
                   THREAD_FORK_INT == 0x52 && GET_TICKS_INT == 0x53,
               "vectors 0x4C-0x53");
_Static_assert(MISBEHAVE_INT == 0x54 && HALT_INT == 0x55 && TASK_VANISH_INT == 0x57 &&
                   SET_STATUS_INT == 0x59 && VANISH_INT == 0x60 && READFILE_INT == 0x62 && SWEXN_INT == 0x74,
               "vectors 0x54-0x74");

/* §3: ureg_t is 20 words in this order; the causes are x86 vectors. */
_Static_assert(sizeof(ureg_t) == 20 * 4, "ureg_t size");
_Static_assert(offsetof(ureg_t, cause) == 0 && offsetof(ureg_t, cr2) == 4 && offsetof(ureg_t, ds) == 8 &&
                   offsetof(ureg_t, es) == 12 && offsetof(ureg_t, fs) == 16 && offsetof(ureg_t, gs) == 20 &&
                   offsetof(ureg_t, edi) == 24 && offsetof(ureg_t, esi) == 28 &&
                   offsetof(ureg_t, ebp) == 32 && offsetof(ureg_t, zero) == 36 &&
                   offsetof(ureg_t, ebx) == 40 && offsetof(ureg_t, edx) == 44 &&
                   offsetof(ureg_t, ecx) == 48 && offsetof(ureg_t, eax) == 52 &&
                   offsetof(ureg_t, error_code) == 56 && offsetof(ureg_t, eip) == 60 &&
                   offsetof(ureg_t, cs) == 64 && offsetof(ureg_t, eflags) == 68 &&
                   offsetof(ureg_t, esp) == 72 && offsetof(ureg_t, ss) == 76,
               "ureg_t order");
_Static_assert(SWEXN_CAUSE_DIVIDE == 0x00 && SWEXN_CAUSE_DEBUG == 0x01 && SWEXN_CAUSE_BREAKPOINT == 0x03 &&
                   SWEXN_CAUSE_OVERFLOW == 0x04 && SWEXN_CAUSE_BOUNDCHECK == 0x05 &&
                   SWEXN_CAUSE_OPCODE == 0x06 && SWEXN_CAUSE_NOFPU == 0x07 && SWEXN_CAUSE_SEGFAULT == 0x0B &&
                   SWEXN_CAUSE_STACKFAULT == 0x0C && SWEXN_CAUSE_PROTFAULT == 0x0D &&
                   SWEXN_CAUSE_PAGEFAULT == 0x0E && SWEXN_CAUSE_FPUFAULT == 0x10 &&
                   SWEXN_CAUSE_ALIGNFAULT == 0x11 && SWEXN_CAUSE_SIMDFAULT == 0x13,
               "swexn causes");

extern void *__stack_high, *__stack_low; /* from crt0: _main's last two arguments */

int main(int argc, char **argv)
{
    TEST_START("api_conformance");
    unsigned short cs, ds, ss;
    __asm__("movw %%cs, %0; movw %%ds, %1; movw %%ss, %2" : "=r"(cs), "=r"(ds), "=r"(ss));
    CHECK(cs == 0x23 && ds == 0x2B && ss == 0x2B, "user selectors 0x23 / 0x2B");
    CHECK(__stack_high == (void *)0xFFFFFFFF, "stack_high is 0xFFFFFFFF");
    CHECK((unsigned int)__stack_low % PAGE_SIZE == 0 && __stack_low < (void *)&argc,
          "stack_low is a page boundary below the frame");
    CHECK(argc == 1 && strcmp(argv[0], "api_conformance") == 0 && argv[1] == NULL,
          "argv[0] is the program name, argv[argc] is NULL");
    CHECK((unsigned int)main >= 0x01000000, "linked at 0x01000000 and up");
    TEST_PASS();
}

/* §4: the course's own definitions, token for token, after everything
 * above has checked that our headers define each of them: a definition that
 * differs is a "redefined" warning, an error with -Werror. */
#define NORETURN               __attribute__((__noreturn__))
#define FGND_BLACK             0x0
#define FGND_BLUE              0x1
#define FGND_GREEN             0x2
#define FGND_CYAN              0x3
#define FGND_RED               0x4
#define FGND_MAG               0x5
#define FGND_BRWN              0x6
#define FGND_LGRAY             0x7
#define FGND_DGRAY             0x8
#define FGND_BBLUE             0x9
#define FGND_BGRN              0xA
#define FGND_BCYAN             0xB
#define FGND_PINK              0xC
#define FGND_BMAG              0xD
#define FGND_YLLW              0xE
#define FGND_WHITE             0xF
#define BGND_BLACK             0x00
#define BGND_BLUE              0x10
#define BGND_GREEN             0x20
#define BGND_CYAN              0x30
#define BGND_RED               0x40
#define BGND_MAG               0x50
#define BGND_BRWN              0x60
#define BGND_LGRAY             0x70
#define RWLOCK_READ            0
#define RWLOCK_WRITE           1
#define FORK_INT               0x41
#define EXEC_INT               0x42
#define WAIT_INT               0x44
#define YIELD_INT              0x45
#define DESCHEDULE_INT         0x46
#define MAKE_RUNNABLE_INT      0x47
#define GETTID_INT             0x48
#define NEW_PAGES_INT          0x49
#define REMOVE_PAGES_INT       0x4A
#define SLEEP_INT              0x4B
#define GETCHAR_INT            0x4C
#define READLINE_INT           0x4D
#define PRINT_INT              0x4E
#define SET_TERM_COLOR_INT     0x4F
#define SET_CURSOR_POS_INT     0x50
#define GET_CURSOR_POS_INT     0x51
#define THREAD_FORK_INT        0x52
#define GET_TICKS_INT          0x53
#define MISBEHAVE_INT          0x54
#define HALT_INT               0x55
#define TASK_VANISH_INT        0x57
#define SET_STATUS_INT         0x59
#define VANISH_INT             0x60
#define READFILE_INT           0x62
#define SWEXN_INT              0x74
#define SWEXN_CAUSE_DIVIDE     0x00
#define SWEXN_CAUSE_DEBUG      0x01
#define SWEXN_CAUSE_BREAKPOINT 0x03
#define SWEXN_CAUSE_OVERFLOW   0x04
#define SWEXN_CAUSE_BOUNDCHECK 0x05
#define SWEXN_CAUSE_OPCODE     0x06
#define SWEXN_CAUSE_NOFPU      0x07
#define SWEXN_CAUSE_SEGFAULT   0x0B
#define SWEXN_CAUSE_STACKFAULT 0x0C
#define SWEXN_CAUSE_PROTFAULT  0x0D
#define SWEXN_CAUSE_PAGEFAULT  0x0E
#define SWEXN_CAUSE_FPUFAULT   0x10
#define SWEXN_CAUSE_ALIGNFAULT 0x11
#define SWEXN_CAUSE_SIMDFAULT  0x13
#define SIM_IN_SIMICS          0x04100000
#define SIM_MEMSIZE            0x04100001
#define SIM_PUTS               0x04100002
#define SIM_BREAKPOINT         0x04100003
#define SIM_HALT               0x04100004
#define SIM_CK1                0x04108000
#define SIM_FR_INKEYS          0x04108004
#define SIM_FR_PROG            0x04108006
#define SIM_FR_HERE            0x04108007
#define SIM_TEST_REPORT        0x0410800B
#define lprintf(...)           sim_printf(__VA_ARGS__)
#define MAGIC_BREAK            sim_breakpoint()
