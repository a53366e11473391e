/*
 * switch.S - context_switch(uint32_t *save_esp, uint32_t new_esp), its
 * arguments in %eax and %edx (the kernel's -mregparm=3).
 * Pushes the callee-saved registers (the caller-saved ones are already on
 * the stack, per the C calling convention), stores %esp, loads the new
 * stack and pops the same shape (struct switch_frame, switch_frame.h).
 * Called with interrupts off.
 */
#include "arch/x86/switch_frame.h"

/* The pushes below build the frame from the return address down: ebp
 * first, edi last, one word each.  The header must say the same. */
#if SWITCH_EBP != SWITCH_RET - 4 || SWITCH_EBX != SWITCH_EBP - 4 || SWITCH_ESI != SWITCH_EBX - 4 || \
    SWITCH_EDI != SWITCH_ESI - 4 || SWITCH_EDI != 0 || SWITCH_FRAME_SIZE != SWITCH_RET + 4
#error "switch_frame.h no longer matches the push order of context_switch"
#endif
#if KERNEL_REGPARM != 3
#error "switch.S takes and passes arguments in %eax, %edx (-mregparm=3)"
#endif

    .text
    .globl context_switch, kthread_entry, uthread_entry
context_switch:             /* %eax: save_esp, %edx: new_esp */
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %edx, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

/* First return of a new kernel thread: the stack holds fn, then arg.
 * Both first returns run the scheduler's first-run hook (context.h). */
kthread_entry:
    call *context_first_run
    popl %ecx               /* fn */
    movl (%esp), %eax       /* fn(arg), arg in %eax */
    sti
    call *%ecx
1:  cli
    hlt
    jmp 1b

/* First return of a new user thread: its user frame is next on the stack. */
uthread_entry:
    call *context_first_run
    jmp trap_return
