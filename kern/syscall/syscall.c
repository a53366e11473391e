/*
 * syscall.c - system-call dispatch: a table indexed by vector, generated
 * from include/abi/syscall_table.h like the IDT gates and the user stubs.
 * Handlers run with interrupts enabled.
 */
#include "syscall/syscall.h"

#include <abi/errors.h>
#include <abi/syscall_int.h>

#include "arch/x86/cpu.h"
#include "mm/uaccess.h"
#include "sched/sched.h"

typedef int (*syscall_fn)(trapframe_t *tf);

static const syscall_fn syscall_table[256] = {
#define SYSCALL(vec, name, nargs) [vec] = sys_##name,
#include <abi/syscall_table.h>
#undef SYSCALL
};

int syscall_args(const trapframe_t *tf, uint32_t *args, int n) { return copy_args(args, tf->esi, n); }

void syscall_dispatch(trapframe_t *tf)
{
    irq_enable();
    syscall_fn fn = tf->cause < 256 ? syscall_table[tf->cause] : NULL;
    tf->eax = (uint32_t)(fn ? fn(tf) : -E_NOSYS);
    if (sched_misbehave() == MISBEHAVE_YIELD_SYSCALL)
        sched_yield();
}
