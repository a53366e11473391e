/*
 * trampoline.S - where an application processor starts.  Copied to
 * TRAMPOLINE_PA (below 1 MiB) by smpboot.c; a STARTUP IPI starts the CPU
 * in real mode at TRAMPOLINE_PA:0 (%cs = TRAMPOLINE_PA >> 4, %ip = 0),
 * interrupts off.  Everything here is position-dependent on that copy:
 * addresses are TRAMPOLINE_PA plus the offset from trampoline_start.
 *
 * Steps: a temporary GDT with the kernel's code and data selectors,
 * protected mode, then %cr4, the kernel's page directory and %cr0 (paging
 * on) from the argument block the boot CPU filled in, its stack, and a
 * call to entry(arg), which never returns.
 */
#include "arch/x86/seg.h"
#include "arch/x86/smpboot.h"

#if KERNEL_REGPARM != 3
#error "entry(arg) takes arg in %eax (-mregparm=3)"
#endif

#define TR(sym) (TRAMPOLINE_PA + ((sym) - trampoline_start))

    .section .rodata
    .globl trampoline_start, trampoline_args_block, trampoline_end
    .code16
trampoline_start:
    cli
    cld
    movw %cs, %ax
    movw %ax, %ds
    lgdtl tr_gdtr - trampoline_start
    movl %cr0, %eax
    orl $1, %eax                 /* protected mode, no paging yet */
    movl %eax, %cr0
    ljmpl $SEL_KCODE, $TR(tr_protected)

    .code32
tr_protected:
    movw $SEL_KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %fs
    movw %ax, %gs
    movl $TR(trampoline_args_block), %ebx
    movl TRA_CR4(%ebx), %eax
    movl %eax, %cr4
    movl TRA_CR3(%ebx), %eax
    movl %eax, %cr3
    movl TRA_CR0(%ebx), %eax
    movl %eax, %cr0              /* paging on: this page is identity mapped */
    movl TRA_ESP(%ebx), %esp
    xorl %ebp, %ebp              /* ends the backtrace */
    movl TRA_ARG(%ebx), %eax     /* entry(arg) */
    call *TRA_ENTRY(%ebx)
1:  cli
    hlt
    jmp 1b

    .balign 8
tr_gdt:                          /* null, unused (the TSS's slot), kernel code, kernel data */
    .quad 0
    .quad 0
    .quad 0x00CF9A000000FFFF
    .quad 0x00CF92000000FFFF
tr_gdtr:
    .word tr_gdtr - tr_gdt - 1
    .long TR(tr_gdt)

    .balign 4
trampoline_args_block:
    .skip 24
trampoline_end:
