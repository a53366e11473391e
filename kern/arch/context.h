/*
 * context.h - threads' machine state, as the scheduler and proc/ use it.
 * Implemented by arch/x86/context.h (inline), context.c and switch.S:
 *
 *   context_switch(&save_sp, new_sp)    the one place threads change
 *   context_init_user(kstack_top, tf)   a new thread returning to user mode
 *   context_init_kernel(kstack_top, fn, arg)   a new kernel thread
 *   context_user_frame(kstack_top)      where its user registers live
 *   context_user_entry(tf, eip, esp)    user registers that start a program
 *   context_user_regs_ok(u)             may a program load these registers?
 *   context_handler_entry(tf, eip, esp) enter a swexn handler
 *   struct switch_frame                 what a switched-out stack holds
 *   FPU_STATE_SIZE, fpu_save, fpu_restore, fpu_initial_state
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include "arch/x86/context.h"

#endif
