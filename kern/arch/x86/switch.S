/*
 * switch.S - context_switch(uint32_t *save_esp, uint32_t new_esp).
 * Pushes the callee-saved registers (the caller-saved ones are already on
 * the stack, per the C calling convention), stores %esp, loads the new
 * stack and pops the same shape.  Called with interrupts off.
 */
    .text
    .globl context_switch, kthread_entry
context_switch:
    movl 4(%esp), %eax      /* save_esp */
    movl 8(%esp), %ecx      /* new_esp */
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %ecx, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

/* First return of a new kernel thread: the stack holds fn, then arg. */
kthread_entry:
    popl %eax               /* fn */
    sti
    call *%eax              /* arg is now at 0(%esp): fn(arg) */
1:  cli
    hlt
    jmp 1b
