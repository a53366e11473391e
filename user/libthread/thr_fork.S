/*
 * thr_fork.S - int thr_fork(void *stack_top, struct tcb *tcb).
 *
 * thread_fork (vector 0x52) gives the new thread a copy of the caller's
 * registers, %esp included, so we move to the new stack before the trap;
 * the creator moves back after it.  The new thread starts a fresh frame
 * chain there and calls thr_start(tcb), which never returns.  The creator
 * gets the new tid (or a negative error).  %edx carries tcb across the
 * trap: the kernel preserves every register but %eax.
 */
#include <abi/syscall_int.h>

    .text
    .globl thr_fork
thr_fork:
    pushl %ebp
    movl %esp, %ebp
    movl 8(%ebp), %ecx      /* stack_top */
    movl 12(%ebp), %edx     /* tcb */
    movl %ecx, %esp
    int $THREAD_FORK_INT
    testl %eax, %eax
    jz 1f
    movl %ebp, %esp         /* creator: its own stack back */
    popl %ebp
    ret
1:  xorl %ebp, %ebp         /* new thread: new stack, new frame chain */
    andl $-16, %esp
    subl $12, %esp
    pushl %edx
    call thr_start
    ud2
