/*
 * context.c - building the first stack frame of new threads.
 */
#include "arch/x86/context.h"

#include "arch/x86/cpu.h"
#include "lib/string.h"

extern void kthread_entry(void), uthread_entry(void);

void (*context_first_run)(void); /* switch.S calls it; see context.h */

void context_set_first_run_hook(void (*fn)(void)) { context_first_run = fn; }

uint32_t context_init_user(uint32_t kstack_top, const trapframe_t *tf)
{
    trapframe_t *frame = context_user_frame(kstack_top);
    if (frame != tf)
        *frame = *tf;
    struct switch_frame *sf = (struct switch_frame *)frame - 1;
    memset(sf, 0, sizeof(*sf));
    sf->ret = (uint32_t)uthread_entry;
    return (uint32_t)sf;
}

uint32_t context_init_kernel(uint32_t kstack_top, void (*fn)(void *), void *arg)
{
    uint32_t *sp = (uint32_t *)kstack_top;
    *--sp = 0; /* fake return address of fn */
    *--sp = (uint32_t)arg;
    *--sp = (uint32_t)fn;
    struct switch_frame *sf = (struct switch_frame *)sp - 1;
    memset(sf, 0, sizeof(*sf));
    sf->ret = (uint32_t)kthread_entry;
    return (uint32_t)sf;
}
