/*
 * sys_swexn.c - the swexn system call (see proc/swexn.h).
 */
#include <abi/errors.h>

#include "proc/swexn.h"
#include "syscall/syscall.h"

int sys_swexn(trapframe_t *tf)
{
    uint32_t a[4];
    if (syscall_args(tf, a, 4) < 0)
        return -E_FAULT;
    return swexn_syscall(tf, a[0], a[1], a[2], a[3]);
}
