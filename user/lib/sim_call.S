/*
 * sim_call.S - int sim_call(int num, ...) (see <simics.h>): the course's
 * simulator call.  %ebx = num, %ecx and %edx = the two words after it, then
 * the magic instruction, which does nothing outside a simulator; %eax is
 * preset to 0, the answer when no simulator is there.  SIM_PUTS also logs
 * the string at %ecx through the kernel log (vector 0x80), so every way of
 * logging a course program has ends up in the same place.
 */
#include <simics.h>

    .text
    .globl sim_call
    .type sim_call, @function
sim_call:
    pushl %ebx
    pushl %esi
    movl 12(%esp), %ebx
    movl 16(%esp), %ecx
    movl 20(%esp), %edx
    xorl %eax, %eax
    xchgl %ebx, %ebx
    cmpl $SIM_PUTS, %ebx
    jne 1f
    movl %ecx, %esi
    int $KLOG_INT
1:  popl %esi
    popl %ebx
    ret

    .section .note.GNU-stack, "", @progbits
