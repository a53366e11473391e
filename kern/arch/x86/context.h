/*
 * context.h - the one context-switch path.
 *
 * A thread not running is described by one word: the kernel stack pointer
 * saved by context_switch.  Timer preemption and voluntary blocking both end
 * in context_switch (called by the scheduler with interrupts off), so there
 * is exactly one place where threads change.  New threads get a stack that
 * looks as if they had called context_switch themselves.
 */
#ifndef ARCH_X86_CONTEXT_H
#define ARCH_X86_CONTEXT_H

#include <stdint.h>

#include "arch/x86/switch_frame.h"
#include "arch/x86/trap.h"

/* Save callee-saved registers and %esp into *save_esp, resume new_esp. */
void context_switch(uint32_t *save_esp, uint32_t new_esp);

/* A new thread that will return to user mode with registers *tf.
 * Returns the initial saved stack pointer; the frame sits at kstack_top. */
uint32_t context_init_user(uint32_t kstack_top, const trapframe_t *tf);

/* A new kernel thread running fn(arg) with interrupts on.  fn must not return. */
uint32_t context_init_kernel(uint32_t kstack_top, void (*fn)(void *), void *arg);

/* Where the user frame of a thread whose stack top is kstack_top lives. */
static inline trapframe_t *context_user_frame(uint32_t kstack_top)
{
    return (trapframe_t *)(kstack_top - sizeof(trapframe_t));
}

#endif
