/*
 * sys_life.c - life-cycle system calls: fork, thread_fork, exec, wait,
 * vanish, task_vanish, set_status.
 */
#include <abi/errors.h>

#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/exec.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "syscall/syscall.h"

int sys_fork(trapframe_t *tf, const uint32_t *arg)
{
    (void)arg;
    return proc_fork(tf);
}

int sys_thread_fork(trapframe_t *tf, const uint32_t *arg)
{
    (void)arg;
    return proc_thread_fork(tf);
}

/* exec's arguments, copied into the kernel before anything is destroyed. */
struct exec_args {
    char name[EXEC_MAX_NAME];
    char *argv[EXEC_MAX_ARGS + 1];
    char strings[EXEC_MAX_ARGBYTES];
};

static int copy_exec_args(struct exec_args *a, uint32_t uname, uint32_t uargv, int *argc)
{
    int r = copy_string_from_user(a->name, uname, sizeof(a->name));
    if (r < 0)
        return r;
    uint32_t used = 0;
    for (int i = 0;; i++) {
        uint32_t p;
        if ((r = copy_from_user(&p, uargv + 4u * (uint32_t)i, 4)) < 0)
            return r;
        if (!p) {
            *argc = i;
            return i == 0 ? -E_INVAL : 0;
        }
        if (i == EXEC_MAX_ARGS || used == sizeof(a->strings))
            return -E_2BIG;
        r = copy_string_from_user(a->strings + used, p, sizeof(a->strings) - used);
        if (r < 0)
            return r;
        a->argv[i] = a->strings + used;
        used += (uint32_t)r + 1;
    }
}

int sys_exec(trapframe_t *tf, const uint32_t *arg)
{
    /* A multi-threaded task is refused before the big buffer is taken, so
     * its threads cannot hold one each; proc_exec checks again. */
    int r = task_claim_alone(sched_current()->task, sched_current());
    if (r < 0)
        return r;
    struct exec_args *a = kmalloc(sizeof(*a));
    if (!a)
        return -E_NOMEM;
    int argc = 0;
    r = copy_exec_args(a, arg[0], arg[1], &argc);
    if (r == 0) {
        a->argv[argc] = NULL;
        r = proc_exec(tf, a->name, a->argv, argc);
    }
    kfree(a);
    return r;
}

int sys_wait(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    return proc_wait(arg[0]);
}

int sys_vanish(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    (void)arg;
    proc_vanish();
}

int sys_task_vanish(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    proc_task_vanish((int)arg[0]);
}

int sys_set_status(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    task_set_status(sched_current(), (int)arg[0]);
    return 0;
}
