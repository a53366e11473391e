/*
 * syscall_int.h - the system-call vector numbers of the Pebbles interface
 * (SPEC §2).  Shared verbatim by the kernel, the user library and user
 * programs; plain #defines so assembly can include it too.
 *
 * 0x43 (exit), 0x56 (ls) and 0x61 (cas2i_runflag) are retired and stay
 * unassigned.  0x80-0x8F are this kernel's extensions.
 */
#ifndef ABI_SYSCALL_INT_H
#define ABI_SYSCALL_INT_H

#define FORK_INT           0x41
#define EXEC_INT           0x42
#define WAIT_INT           0x44
#define YIELD_INT          0x45
#define DESCHEDULE_INT     0x46
#define MAKE_RUNNABLE_INT  0x47
#define GETTID_INT         0x48
#define NEW_PAGES_INT      0x49
#define REMOVE_PAGES_INT   0x4A
#define SLEEP_INT          0x4B
#define GETCHAR_INT        0x4C
#define READLINE_INT       0x4D
#define PRINT_INT          0x4E
#define SET_TERM_COLOR_INT 0x4F
#define SET_CURSOR_POS_INT 0x50
#define GET_CURSOR_POS_INT 0x51
#define THREAD_FORK_INT    0x52
#define GET_TICKS_INT      0x53
#define MISBEHAVE_INT      0x54
#define HALT_INT           0x55
#define TASK_VANISH_INT    0x57
#define SET_STATUS_INT     0x59
#define VANISH_INT         0x60
#define READFILE_INT       0x62
#define SWEXN_INT          0x74

/* Extensions (never used by Pebbles programs). 0x80 is fixed by SPEC §2. */
#define KLOG_INT           0x80 /* %esi = NUL-terminated line for the kernel log */
#define KSTATS_INT         0x81 /* %esi = struct kstats * (include/abi/kstats.h) */
#define FAILINJECT_INT     0x82 /* %esi = n: the caller's n-th allocation fails */
#define PS_LIST_INT        0x83 /* packet: struct ps_thread *buf, int max (include/abi/ps.h) */
#define SET_FOREGROUND_INT 0x84 /* %esi = tid of a child: Ctrl-C kills it (0: none) */
#define TRACE_INT          0x85 /* packet: int op, uint32_t arg (include/abi/trace.h) */
/* Not a system call: its gate points at a lone iret, so `int` costs only
 * the CPU's trap and return (make bench's int/iret floor).  Registers are
 * untouched. */
#define IRET_FLOOR_INT     0x88

#endif
