/*
 * syscall_table.h - the one list of system calls.
 *
 * X-macro: define SYSCALL(vector, name, nargs) before including.  The kernel
 * builds its IDT gates and dispatch table from it, the user library builds
 * its stubs from it, so the three can never drift apart.  nargs says how the
 * arguments travel (SPEC §2): 0 = none, 1 = in %esi, >= 2 = %esi points at a
 * packet of nargs 32-bit words in declaration order.
 * No include guard on purpose: it is expanded several times.
 */
/* clang-format off */
SYSCALL(FORK_INT,           fork,           0)
SYSCALL(EXEC_INT,           exec,           2)
SYSCALL(WAIT_INT,           wait,           1)
SYSCALL(YIELD_INT,          yield,          1)
SYSCALL(DESCHEDULE_INT,     deschedule,     1)
SYSCALL(MAKE_RUNNABLE_INT,  make_runnable,  1)
SYSCALL(GETTID_INT,         gettid,         0)
SYSCALL(NEW_PAGES_INT,      new_pages,      2)
SYSCALL(REMOVE_PAGES_INT,   remove_pages,   1)
SYSCALL(SLEEP_INT,          sleep,          1)
SYSCALL(GETCHAR_INT,        getchar,        0)
SYSCALL(READLINE_INT,       readline,       2)
SYSCALL(PRINT_INT,          print,          2)
SYSCALL(SET_TERM_COLOR_INT, set_term_color, 1)
SYSCALL(SET_CURSOR_POS_INT, set_cursor_pos, 2)
SYSCALL(GET_CURSOR_POS_INT, get_cursor_pos, 2)
SYSCALL(THREAD_FORK_INT,    thread_fork,    0)
SYSCALL(GET_TICKS_INT,      get_ticks,      0)
SYSCALL(MISBEHAVE_INT,      misbehave,      1)
SYSCALL(HALT_INT,           halt,           0)
SYSCALL(TASK_VANISH_INT,    task_vanish,    1)
SYSCALL(SET_STATUS_INT,     set_status,     1)
SYSCALL(VANISH_INT,         vanish,         0)
SYSCALL(READFILE_INT,       readfile,       4)
SYSCALL(SWEXN_INT,          swexn,          4)
SYSCALL(KLOG_INT,           klog,           1)
SYSCALL(KSTATS_INT,         kstats,         1)
SYSCALL(FAILINJECT_INT,     failinject,     1)
SYSCALL(PS_LIST_INT,        ps_list,        2)
SYSCALL(SET_FOREGROUND_INT, set_foreground, 1)
SYSCALL(TRACE_INT,          trace,          2)
/* clang-format on */
