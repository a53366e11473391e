/*
 * simcall_nostack.S - course support code logs with
 * INLINE_SIMCALL(SIM_PUTS, ...) from <simics.h> (assembled with ASSEMBLER
 * defined) when it has no usable stack.  This program sets %esp to 0 and
 * never restores it: it logs its SPEC §5 lines that way, checks that the
 * macro preserved %eax, %esi, %edi and %ebp and left %ebx = SIM_PUTS,
 * %ecx = the string, and ends through set_status and vanish, which read
 * nothing from the stack either.  The harness checks the lines:
 * @expect-log simcall_nostack: logged with esp = 0
 * @expect-log (^_^)_simcall_nostack END__SUCCESS
 */
#define ASSEMBLER
#include <simics.h>
#include <syscall_int.h>

    .text
    .globl main
    .type main, @function
main:
    movl $0, %esp
    movl $0x11111111, %eax
    movl $0x22222222, %esi
    movl $0x33333333, %edi
    movl $0x44444444, %ebp
    INLINE_SIMCALL(SIM_PUTS, $start_msg, $0)
    INLINE_SIMCALL(SIM_PUTS, $log_msg, $0)
    cmpl $0x11111111, %eax
    jne fail
    cmpl $0x22222222, %esi
    jne fail
    cmpl $0x33333333, %edi
    jne fail
    cmpl $0x44444444, %ebp
    jne fail
    cmpl $SIM_PUTS, %ebx
    jne fail
    cmpl $log_msg, %ecx
    jne fail
    testl %esp, %esp
    jne fail
    INLINE_SIMCALL(SIM_BREAKPOINT, $0, $0) /* any other call: a no-op */
    INLINE_SIMCALL(SIM_PUTS, $pass_msg, $0)
    movl $0, %esi
    int $SET_STATUS_INT
    int $VANISH_INT
fail:
    INLINE_SIMCALL(SIM_PUTS, $fail_msg, $0)
    movl $1, %esi
    int $TASK_VANISH_INT

    .section .rodata
start_msg: .asciz "(^_^)_simcall_nostack START__TYPE_COMPLETE"
log_msg:   .asciz "simcall_nostack: logged with esp = 0"
pass_msg:  .asciz "(^_^)_simcall_nostack END__SUCCESS"
fail_msg:  .asciz "(^_^)_simcall_nostack END__FAIL"

    .section .note.GNU-stack, "", @progbits
