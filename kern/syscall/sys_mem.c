/*
 * sys_mem.c - new_pages and remove_pages.  new_pages memory is promised
 * (reserved) at once and filled with zeroes at first touch.
 */
#include <abi/errors.h>
#include <abi/layout.h>

#include "mm/vm.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "syscall/syscall.h"
#include "trace/trace.h"

int sys_new_pages(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    uint32_t base = arg[0];
    int len = (int)arg[1];
    if (len <= 0 || (len & (PAGE_SIZE - 1)))
        return -E_INVAL; /* vm_map checks base (aligned, in user space) */
    struct vm *vm = sched_current()->task->vm;
    int r = vm_map(vm, base, (uint32_t)len / PAGE_SIZE, VM_READ | VM_WRITE, REGION_NEWPAGES, true);
    trace_mem(TEV_NEWPAGES, base, (uint32_t)len, (uint32_t)r);
    return r;
}

int sys_remove_pages(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    int r = vm_unmap_newpages(sched_current()->task->vm, arg[0]);
    trace_mem(TEV_RMPAGES, arg[0], (uint32_t)r, 0);
    return r;
}
