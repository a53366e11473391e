/*
 * syscalls.S - one stub per system call, generated from the one list,
 * include/abi/syscall_table.h.  Calling convention (SPEC §2): no argument:
 * just `int`; one argument: in %esi; more: %esi points at the packet, which
 * is exactly the caller's stack arguments.  Every register but %eax is
 * preserved.
 */
#include <abi/syscall_int.h>

.macro STUB name, vec, nargs
    .text
    .globl \name
    .type \name, @function
\name:
    .if \nargs == 0
    int $\vec
    ret
    .elseif \nargs == 1
    pushl %esi
    movl 8(%esp), %esi
    int $\vec
    popl %esi
    ret
    .else
    pushl %esi
    leal 8(%esp), %esi
    int $\vec
    popl %esi
    ret
    .endif
.endm

#define SYSCALL(vec, name, nargs) STUB name, vec, nargs;
#include <abi/syscall_table.h>

    .section .note.GNU-stack, "", @progbits
