/*
 * trace.h - the kernel trace (docs/tracing.md), as user space sees it: the
 * categories (the kernel command line's trace=..., and trace()'s START)
 * and the operations of the extension trace(op, arg) (vector 0x85).
 * Plain #defines: the host tools read the same numbers from here.
 */
#ifndef ABI_TRACE_H
#define ABI_TRACE_H

/* Categories: one bit each (trace=sched,syscall,fault,irq,block,proc,mem). */
#define TRACE_SCHED   0x01 /* context switches, preemptions */
#define TRACE_SYSCALL 0x02 /* system-call entry and exit */
#define TRACE_FAULT   0x04 /* exceptions from user mode, and what became of them */
#define TRACE_IRQ     0x08 /* device interrupts */
#define TRACE_BLOCK   0x10 /* a thread goes to sleep on a wait queue, and its wakeup */
#define TRACE_PROC    0x20 /* fork, thread_fork, exec, vanish */
#define TRACE_MEM     0x40 /* new_pages, remove_pages, copy-on-write breaks */
#define TRACE_ALL     0x7f

/* trace(op, arg) */
#define TRACE_OP_START 1 /* arg: categories (0: those of trace= on the command line, else all) */
#define TRACE_OP_STOP  2 /* arg unused: drain everything, then stop */
#define TRACE_OP_MARK  3 /* arg: a NUL-terminated label (the first 15 characters are kept) */

#endif
