/*
 * trace/trace.h for host unit tests: stands in for kern/trace/trace.h (it
 * comes first on the include path).  The scheduler's trace hooks are
 * 32-bit asm in the kernel; on the host they record nothing.
 */
#ifndef TRACE_TRACE_H
#define TRACE_TRACE_H

struct thread;

static inline void trace_switch(const struct thread *prev, const struct thread *next)
{
    (void)prev;
    (void)next;
}
static inline void trace_preempt(int tid) { (void)tid; }
static inline void trace_block(const char *reason) { (void)reason; }
static inline void trace_wakeup(int tid, const char *reason)
{
    (void)tid;
    (void)reason;
}

#endif
