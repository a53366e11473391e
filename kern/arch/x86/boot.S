/*
 * boot.S - Multiboot (v1) header and the first instructions.
 * The loader enters here in 32-bit protected mode, paging off, interrupts
 * off, with %eax = 0x2BADB002 and %ebx = the Multiboot information.  We set
 * up the boot stack and call kernel_main(magic, info); it never returns.
 */
#if KERNEL_REGPARM != 3
#error "kernel_main(magic, info) takes them in %eax, %edx (-mregparm=3)"
#endif

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003 /* page-align modules, provide the memory map */

    .section .multiboot, "a"
    .balign 4
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)

    .section .bss
    .balign 16
    .globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
    .skip 16384
boot_stack_top:

    .text
    .globl _start
_start:
    movl $boot_stack_top, %esp
    xorl %ebp, %ebp          /* ends the backtrace */
    pushl $0
    popfl                    /* clean EFLAGS: IF=0, DF=0 */
    movl %ebx, %edx          /* kernel_main(magic: %eax, info: %edx) */
    call kernel_main
1:  cli
    hlt
    jmp 1b
