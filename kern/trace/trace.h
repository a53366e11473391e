/*
 * trace.h - the kernel trace: timestamped events in a ring per CPU, drained
 * to QEMU's debugcon (port 0xE9) so the console stays clean.  See
 * docs/tracing.md for the tools that turn the stream into a timeline.
 *
 * Hooks.  Every hook below is an inline test of one byte, trace_on (the
 * categories being recorded, include/abi/trace.h), and a call to an
 * out-of-line recorder only when its bit is set: with tracing off a hook
 * costs a testb and a not-taken branch.  System calls have no hook at all:
 * syscall.c swaps its dispatch table for a tracing one (syscall_trace_sync).
 *
 * Record path.  Interrupts off for the few instructions of one record, on
 * the calling CPU's own ring: no lock, and the ring's head is written by
 * that CPU only.  A full ring drops the event and counts it; nothing waits.
 * Draining (the ring's tail) happens at safe points: at every device
 * interrupt (so at least once a tick), after a traced system call when the
 * ring is half full, and at stop and halt.  The drain writes whole records
 * to the port, oldest first, then one "dropped" record if any were lost.
 *
 * The stream on port 0xE9 is a sequence of struct trace_event (40 bytes,
 * little endian, trace_ring.h).  A session starts with TEV_HEADER and ends with TEV_STOP;
 * tools/trace/decode.py reads it and knows these numbers (keep them in step).
 */
#ifndef TRACE_TRACE_H
#define TRACE_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include <abi/trace.h>

#include "arch/smp.h"
#include "trace/trace_ring.h"

struct thread;
struct waitq;

#define TRACE_MAX_CPUS SMP_MAX_CPUS /* per-CPU state is indexed by CPU id */
#define TRACE_RING_MAX 4096         /* entries per CPU; a power of two */
#define TRACE_NAME_LEN 16           /* a name (program, wait reason, label) fills args[0..3] */
#define TRACE_VERSION  1

enum trace_type {
    TEV_HEADER = 1,    /* args: version, sizeof(struct trace_event), CPUs, ring entries */
    TEV_DROPPED = 2,   /* args: lost since the last such record, lost in all */
    TEV_STOP = 3,      /* the end of a session */
    TEV_SWITCH = 10,   /* args: from tid, to tid, from's new state (enum thread_state) */
    TEV_PREEMPT = 11,  /* the tick took the CPU from tid */
    TEV_SYSCALL = 20,  /* entry; args: vector, %esi */
    TEV_SYSRET = 21,   /* exit; args: vector, result */
    TEV_FAULT = 30,    /* args: cause, address (cr2), eip, enum trace_fault_outcome */
    TEV_IRQ = 40,      /* args: irq */
    TEV_BLOCK = 50,    /* name: the wait queue it sleeps on */
    TEV_WAKEUP = 51,   /* args[0]: the woken tid; args[1..3]: the wait queue (12 characters) */
    TEV_FORK = 60,     /* args: the child task's tid */
    TEV_THRFORK = 61,  /* args: the new thread's tid */
    TEV_EXEC = 62,     /* name: the program */
    TEV_VANISH = 63,   /* args: 1 if the task ends with this thread, its status */
    TEV_NEWPAGES = 70, /* args: base, length, result */
    TEV_RMPAGES = 71,  /* args: base, result */
    TEV_COW = 72,      /* args: page, result */
    TEV_MARK = 80,     /* name: the label a program gave */
    TEV_THREAD = 90,   /* tid, task and name (its program) of a thread alive at the start */
};

enum trace_fault_outcome {
    TRACE_FAULT_RESOLVED = 0, /* a page filled, the stack grown, a COW broken */
    TRACE_FAULT_SWEXN = 1,    /* delivered to the thread's swexn handler */
    TRACE_FAULT_KILLED = 2,   /* no handler: the thread dies */
};

/* struct trace_event, the record: trace/trace_ring.h */

/* Categories being recorded now (0: off).  Written only by trace_start and
 * trace_stop; read by every hook. */
extern uint8_t trace_on;

/* Boot: take the command line's words trace=<categories> and
 * tracebuf=<entries>; true if w was one of them.  -1 categories or a bad
 * size is reported on the console and ignored. */
bool trace_cmdline_word(const char *w);
/* Boot, once the scheduler and clock run: start the trace the command line
 * asked for, if any. */
void trace_boot(void);
/* May sleep (prints).  Start recording categories (0: those of the command
 * line, else all); a running session is stopped first (trace_stop).  0,
 * or -1 if categories has unknown bits. */
int trace_start(unsigned categories);
/* May sleep (prints).  Drain everything, end the session, and say on the
 * console how many events were dropped, if any. */
void trace_stop(void);
/* Record a label (a user program's mark). */
void trace_mark(const char *label);
/* Interrupts off.  A safe point: write the calling CPU's ring to the port. */
void trace_drain(void);
/* A safe point only if the ring is at least half full (after a syscall). */
void trace_drain_if_half(void);

/* The out-of-line recorders behind the hooks.  TRACE_REC: they save every
 * register they use, so a hook's call clobbers nothing and the code around
 * a hook is compiled as if it were not there (no register spilled for it). */
#define TRACE_REC __attribute__((no_caller_saved_registers))
/* Called from trace_switch's asm, its arguments on the stack. */
TRACE_REC __attribute__((regparm(0))) void trace_rec_switch(const struct thread *prev,
                                                            const struct thread *next);
TRACE_REC void trace_rec(enum trace_type type, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
TRACE_REC void trace_rec_name(enum trace_type type, const char *name);
TRACE_REC void trace_rec_wakeup(int tid, const char *reason);
/* After each interrupt while a session runs (the trap core's IRQ exit
 * hook, arch/irq.h): a record if irq is traced, and a drain. */
void trace_rec_irq(int irq);
void trace_rec_thread(int tid, int task, const char *name);

/* What the trace needs from the layers above it, registered once at boot
 * by kern/proc (proc/trace_glue.c):
 *   describe: thread t (NULL: the current one), and the tick, for a record;
 *   namer: may sleep; a TEV_THREAD record for every live thread, at the
 *       start of a session;
 *   sink: write len bytes of records out (dev/debugcon.c's port). */
struct trace_who {
    int tid, task;  /* the thread and its task (0: a kernel thread) */
    uint32_t state; /* enum thread_state, for a switch's from-thread */
    uint32_t tick;  /* clock_ticks() now */
};
void trace_set_describe(void (*fn)(const struct thread *t, struct trace_who *w));
void trace_set_namer(void (*fn)(void));
void trace_set_sink(void (*fn)(const void *buf, uint32_t len));
/* Boot, before any session: CPU cpu (> 0) records into slots, TRACE_RING_MAX
 * entries (else into one spare slot). */
void trace_set_cpu_slots(unsigned cpu, struct trace_event *slots);

#define TRACE_HOT(cat) __builtin_expect((trace_on & (cat)) != 0, 0)

/* The hooks: one line each where they are called. */

/* Every context switch.  The test and the call are one asm statement whose
 * slow part lives in .text.unlikely: the compiler sees no call, so with
 * tracing off the switch costs testb + a jnz not taken and not one
 * register more (a C call, even to a TRACE_REC function, made gcc keep
 * switch_to's values in callee-saved registers: 5 instructions a switch).
 * The recorder takes the thread from prev, not from sched_current(): the
 * compiler may move the store of the new current thread across this asm. */
static inline void trace_switch(const struct thread *prev, const struct thread *next)
{
    __asm__ volatile("testb %[cat], trace_on\n\t"
                     "jnz 2f\n"
                     "1:\n"
                     ".pushsection .text.unlikely\n"
                     "2:\tpushl %[next]\n\t"
                     "pushl %[prev]\n\t"
                     "call trace_rec_switch\n\t"
                     "addl $8, %%esp\n\t"
                     "jmp 1b\n"
                     ".popsection"
                     :
                     : [cat] "i"(TRACE_SCHED), [prev] "r"(prev), [next] "r"(next)
                     : "cc");
}
static inline void trace_preempt(int tid)
{
    if (TRACE_HOT(TRACE_SCHED))
        trace_rec(TEV_PREEMPT, (uint32_t)tid, 0, 0, 0);
}
static inline void trace_block(const char *reason)
{
    if (TRACE_HOT(TRACE_BLOCK))
        trace_rec_name(TEV_BLOCK, reason);
}
static inline void trace_wakeup(int tid, const char *reason)
{
    if (TRACE_HOT(TRACE_BLOCK))
        trace_rec_wakeup(tid, reason);
}
static inline void trace_fault(uint32_t cause, uint32_t addr, uint32_t eip, enum trace_fault_outcome how)
{
    if (TRACE_HOT(TRACE_FAULT))
        trace_rec(TEV_FAULT, cause, addr, eip, how);
}
static inline void trace_proc(enum trace_type type, uint32_t a0, uint32_t a1)
{
    if (TRACE_HOT(TRACE_PROC))
        trace_rec(type, a0, a1, 0, 0);
}
static inline void trace_exec(const char *name)
{
    if (TRACE_HOT(TRACE_PROC))
        trace_rec_name(TEV_EXEC, name);
}
static inline void trace_mem(enum trace_type type, uint32_t a0, uint32_t a1, uint32_t a2)
{
    if (TRACE_HOT(TRACE_MEM))
        trace_rec(type, a0, a1, a2, 0);
}

#endif
