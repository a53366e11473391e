/*
 * sys_swexn.c - the swexn system call (see proc/swexn.h).
 */
#include <abi/errors.h>

#include "proc/swexn.h"
#include "syscall/syscall.h"

int sys_swexn(trapframe_t *tf, const uint32_t *arg)
{
    return swexn_syscall(tf, arg[0], arg[1], arg[2], arg[3]);
}
