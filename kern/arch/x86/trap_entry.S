/*
 * trap_entry.S - every interrupt, exception and system call enters here.
 *
 * Each vector has a tiny stub that makes the stack uniform (a zero error
 * code where the CPU pushes none), saves the general registers with pusha
 * and jumps to trap_common with the vector in %eax.  trap_common completes
 * a frame laid out exactly like ureg_t (include/abi/ureg.h):
 *
 *   low   cause cr2 ds es fs gs edi esi ebp zero ebx edx ecx eax
 *   high  error_code eip cs eflags [esp ss: only from user mode]
 *
 * so the frame can be handed to a swexn handler as is, and newureg can be
 * adopted by copying.  trap_return unwinds such a frame; new threads start
 * by returning through it (kern/arch/x86/context.c).
 */
#include "arch/x86/seg.h"

.macro STUB_NOERR vec
    .text
    .balign 16
1:  pushl $0
    pushal
    movl $\vec, %eax
    jmp trap_common
    .section .rodata
    .long 1b
.endm

.macro STUB_ERR vec
    .text
    .balign 16
1:  pushal
    movl $\vec, %eax
    jmp trap_common
    .section .rodata
    .long 1b
.endm

/* trap_stubs[v] for v in 0..47: exceptions then remapped IRQs. */
    .section .rodata
    .balign 4
    .globl trap_stubs
trap_stubs:
    STUB_NOERR 0
    STUB_NOERR 1
    STUB_NOERR 2
    STUB_NOERR 3
    STUB_NOERR 4
    STUB_NOERR 5
    STUB_NOERR 6
    STUB_NOERR 7
    STUB_ERR   8
    STUB_NOERR 9
    STUB_ERR   10
    STUB_ERR   11
    STUB_ERR   12
    STUB_ERR   13
    STUB_ERR   14
    STUB_NOERR 15
    STUB_NOERR 16
    STUB_ERR   17
    STUB_NOERR 18
    STUB_NOERR 19
    STUB_NOERR 20
    STUB_ERR   21
    STUB_NOERR 22
    STUB_NOERR 23
    STUB_NOERR 24
    STUB_NOERR 25
    STUB_NOERR 26
    STUB_NOERR 27
    STUB_NOERR 28
    STUB_ERR   29
    STUB_ERR   30
    STUB_NOERR 31
    .irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    STUB_NOERR \v
    .endr

/* syscall_stubs: pairs (vector, stub address), one per system call. */
    .section .rodata
    .balign 4
    .globl syscall_stubs, syscall_stubs_end
syscall_stubs:
#define SYSCALL(vec, name, nargs) .long vec; STUB_NOERR vec;
#include <abi/syscall_int.h>
#include <abi/syscall_table.h>
#undef SYSCALL
    .section .rodata
syscall_stubs_end:

    .text
    .globl trap_common, trap_return
trap_common:
    pushl %gs
    pushl %fs
    pushl %es
    pushl %ds
    movl %cr2, %edx
    pushl %edx
    pushl %eax
    movw $SEL_KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    cld
    pushl %esp              /* trap_dispatch(ureg_t *frame) */
    call trap_dispatch
    addl $4, %esp
trap_return:
    addl $8, %esp           /* cause, cr2 */
    popl %ds
    popl %es
    popl %fs
    popl %gs
    popal
    addl $4, %esp           /* error code */
    iret
