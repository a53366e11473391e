/* pebbles_ext.h - this kernel's extensions (vectors 0x80-0x8F); not part of
 * the Pebbles interface, so portable programs do not use them. */
#ifndef _PEBBLES_EXT_H
#define _PEBBLES_EXT_H

#include <abi/kstats.h>
#include <abi/ps.h>
#include <abi/trace.h>

/* Write one line to the kernel log (serial port). */
int klog(const char *line);
/* Kernel resource counters, for leak tests. */
int kstats(struct kstats *out);
/* Allocation-failure injection: n > 0 makes the n-th kernel allocation
 * (heap block, frame or frame reservation) that this task causes from now
 * on fail, once; n == 0 disarms.  exec disarms.  Returns 1 if the last
 * arming (by any task: a child's too) fired, 0 if not, negative for n < 0;
 * arming clears that flag, disarming does not. */
int failinject(int n);
/* A snapshot of every live thread (include/abi/ps.h) into buf, which has
 * room for max entries: the count, or negative: max < 1, buf not
 * writable, or more threads than max (-E_2BIG: try a bigger buffer). */
int ps_list(struct ps_thread *buf, int max);
/* Name the task Ctrl-C kills (with its descendants, status -2): tid must
 * be a live child of the caller; 0 names none.  0, or negative. */
int set_foreground(int tid);
/* The kernel trace (docs/tracing.md): trace(TRACE_OP_START, categories),
 * trace(TRACE_OP_STOP, 0), trace(TRACE_OP_MARK, (unsigned)"label").
 * 0, or -E_INVAL (unknown op or categories), -E_FAULT (label). */
int trace(int op, unsigned arg);

#endif
