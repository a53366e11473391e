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

#include <stdbool.h>

#include "arch/x86/cpu.h"
#include "arch/x86/seg.h"
#include "arch/x86/switch_frame.h"
#include "arch/x86/trap.h"
#include "lib/string.h"

/* Save callee-saved registers and %esp into *save_esp, resume new_esp. */
void context_switch(uint32_t *save_esp, uint32_t new_esp);

/* What every new thread does first, before its own code: the scheduler's
 * (it releases the lock held across the switch to it).  Set once at boot. */
void context_set_first_run_hook(void (*fn)(void));

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

/* Registers of a program about to start at eip with stack esp: user
 * selectors, interrupts on, everything else zero. */
static inline void context_user_entry(trapframe_t *tf, uint32_t eip, uint32_t esp)
{
    memset(tf, 0, sizeof(*tf));
    tf->ds = tf->es = tf->fs = tf->gs = SEL_UDATA;
    tf->cs = SEL_UCODE;
    tf->ss = SEL_UDATA;
    tf->eip = eip;
    tf->esp = esp;
    tf->eflags = EFLAGS_RSV1 | EFLAGS_IF;
}

/* What a program may change in EFLAGS: the arithmetic and trace flags. */
#define EFLAGS_USER_CHANGEABLE                                                                               \
    (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | EFLAGS_SF | EFLAGS_TF | EFLAGS_DF | EFLAGS_OF |         \
     EFLAGS_RF | EFLAGS_AC | EFLAGS_ID)
#define EFLAGS_USER_REQUIRED (EFLAGS_RSV1 | EFLAGS_IF)

/* May a program load register set u (swexn's newureg) without gaining
 * privilege?  The selectors must be the user ones and EFLAGS may differ
 * only in the arithmetic and trace flags. */
static inline bool context_user_regs_ok(const ureg_t *u)
{
    if (u->cs != SEL_UCODE || u->ss != SEL_UDATA)
        return false;
    if (u->ds != SEL_UDATA || u->es != SEL_UDATA || u->fs != SEL_UDATA || u->gs != SEL_UDATA)
        return false;
    return (u->eflags & ~EFLAGS_USER_CHANGEABLE) == EFLAGS_USER_REQUIRED;
}

/* Return to user mode in a swexn handler at eip, stack esp.  The handler
 * is a C function: it starts with the direction flag clear (the ABI) and
 * not single-stepping (a trap-flag fault would otherwise fault again at
 * its first instruction).  The saved ureg keeps the old flags. */
static inline void context_handler_entry(trapframe_t *tf, uint32_t eip, uint32_t esp)
{
    tf->eip = eip;
    tf->esp = esp;
    tf->eflags &= ~(EFLAGS_TF | EFLAGS_DF);
}

#endif
