/*
 * trap_entry.S - every interrupt, exception and system call enters here.
 *
 * Each vector has a tiny stub that makes the stack uniform (a zero error
 * code where the CPU pushes none), saves the general registers with pusha
 * and jumps to a common entry with the vector in %eax.  The common entry
 * completes a frame laid out exactly like ureg_t (include/abi/ureg.h):
 *
 *   low   cause cr2 ds es fs gs edi esi ebp zero ebx edx ecx eax
 *   high  error_code eip cs eflags [esp ss: only from user mode]
 *
 * so the frame can be handed to a swexn handler as is, and newureg can be
 * adopted by copying.  trap_return unwinds such a frame; new threads start
 * by returning through it (kern/arch/x86/context.c).
 *
 * Two common entries:
 *   trap_common     exceptions and IRQs -> trap_dispatch (kern/arch/x86/trap.c),
 *                   the frame in %eax (the kernel's -mregparm=3).
 *                   Only the page-fault stub reads %cr2; every other frame
 *                   has cr2 = 0.
 *   syscall_common  system calls -> syscall_dispatch (kern/syscall/syscall.c),
 *                   called straight, the frame in %eax too.  The
 *                   dispatcher does the exit checks inline; nothing else
 *                   runs per call.  It loads only %ds, %es and %gs (the
 *                   CPU's own segment, percpu.h): the kernel never uses
 *                   %fs (no TLS, no stack protector), so whatever the user
 *                   left there is only carried in the frame and popped back.
 * Both: DF cleared (the C code's string instructions assume it).
 */
#include "arch/x86/seg.h"

#if KERNEL_REGPARM != 3
#error "the dispatchers take the frame in %eax (-mregparm=3)"
#endif

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

/* The page fault: the only vector whose frame carries %cr2. */
.macro STUB_PAGEFAULT vec
    .text
    .balign 16
1:  pushal
    movl $\vec, %eax
    movl %cr2, %edx
    jmp trap_common_cr2
    .section .rodata
    .long 1b
.endm

/* A system call: no error code from the CPU, straight to syscall_common. */
.macro STUB_SYSCALL vec
    .text
    .balign 16
1:  pushl $0
    pushal
    movl $\vec, %eax
    jmp syscall_common
    .section .rodata
    .long 1b
.endm

/* trap_stubs[v] for v in 0..TRAP_NSTUBS-1 (63): exceptions, remapped IRQs,
 * the local APIC's vectors (trap.h). */
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
    STUB_PAGEFAULT 14
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
    .irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
    STUB_NOERR \v
    .endr

/* syscall_stubs: pairs (vector, stub address), one per system call. */
    .section .rodata
    .balign 4
    .globl syscall_stubs, syscall_stubs_end
syscall_stubs:
#define SYSCALL(vec, name, nargs) .long vec; STUB_SYSCALL vec;
#include <abi/syscall_int.h>
#include <abi/syscall_table.h>
#undef SYSCALL
    .section .rodata
syscall_stubs_end:

    .text
    .globl trap_common, trap_return, syscall_common
trap_common:
    xorl %edx, %edx         /* cr2: not a page fault */
trap_common_cr2:
    pushl %gs
    pushl %fs
    pushl %es
    pushl %ds
    pushl %edx
    pushl %eax
    movw $SEL_KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw $SEL_KPERCPU, %ax
    movw %ax, %gs
    cld
    movl %esp, %eax         /* trap_dispatch(ureg_t *frame) */
    call trap_dispatch
trap_return:
    addl $8, %esp           /* cause, cr2 */
    popl %ds
    popl %es
    popl %fs
    popl %gs
    popal
    addl $4, %esp           /* error code */
    iret

syscall_common:
    pushl %gs
    pushl %fs
    pushl %es
    pushl %ds
    pushl $0                /* cr2 */
    pushl %eax              /* cause: the vector */
    movw $SEL_KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw $SEL_KPERCPU, %ax
    movw %ax, %gs
    cld
    movl %esp, %eax         /* syscall_dispatch(ureg_t *frame) */
    call syscall_dispatch
    jmp trap_return

/* The int/iret floor (IRET_FLOOR_INT, make bench): the CPU's own cost of a
 * trap from ring 3 and back, with nothing saved and nothing done. */
    .globl iret_floor_stub
iret_floor_stub:
    iret
