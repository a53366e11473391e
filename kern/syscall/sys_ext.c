/*
 * sys_ext.c - the extensions for the shell and its tools (<pebbles_ext.h>):
 * ps_list (0x83), a snapshot of every thread for `ps`, and set_foreground
 * (0x84), which names the task Ctrl-C kills (proc/foreground.c), and
 * trace (0x85), which starts, stops and marks the kernel trace (trace/).
 */
#include <abi/errors.h>
#include <abi/ps.h>

#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "syscall/syscall.h"
#include "trace/trace.h"

/* ps_list(buf, max): the number of threads written to buf, or -E_INVAL
 * (max < 1), -E_FAULT (buf not writable for min(max, PS_MAX_THREADS)
 * entries), -E_2BIG (more threads than that), -E_NOMEM. */
int sys_ps_list(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    int max = (int)arg[1];
    if (max < 1)
        return -E_INVAL;
    if (max > PS_MAX_THREADS)
        max = PS_MAX_THREADS;
    uint32_t bytes = (uint32_t)max * sizeof(struct ps_thread);
    if (!user_writable(arg[0], bytes))
        return -E_FAULT;
    struct ps_thread *snap = kmalloc(bytes);
    if (!snap)
        return -E_NOMEM;
    int n = proc_ps_snapshot(snap, max);
    if (n > 0) {
        int r = copy_to_user(arg[0], snap, (uint32_t)n * sizeof(struct ps_thread));
        if (r < 0)
            n = r;
    }
    kfree(snap);
    return n;
}

int sys_set_foreground(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    return proc_set_foreground((int)arg[0]);
}

/* trace(op, arg): TRACE_OP_START (arg: categories), TRACE_OP_STOP,
 * TRACE_OP_MARK (arg: a label; a longer one is cut, not refused).  0, or
 * -E_INVAL (op, categories), -E_FAULT (label). */
int sys_trace(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    int op = (int)arg[0];
    if (op == TRACE_OP_MARK) {
        char label[TRACE_NAME_LEN];
        if (copy_string_from_user(label, arg[1], sizeof(label)) == -E_FAULT)
            return -E_FAULT; /* -E_2BIG: the label is cut, and kept */
        trace_mark(label);
        return 0;
    }
    int r = 0;
    if (op == TRACE_OP_START)
        r = trace_start(arg[1]) < 0 ? -E_INVAL : 0;
    else if (op == TRACE_OP_STOP)
        trace_stop();
    else
        return -E_INVAL;
    syscall_trace_sync();
    return r;
}
