/*
 * uaccess.S - the only instructions that touch user memory through user
 * pointers.  A fault inside [uaccess_text_start, uaccess_text_end) that the
 * page-fault path cannot resolve resumes at uaccess_fault, which returns
 * -E_FAULT to the caller (kern/mm/uaccess.c) instead of panicking.
 * Both routines push %esi and %edi first so the landing pad can unwind.
 */
#include <abi/errors.h>

#if KERNEL_REGPARM != 3
#error "the routines take dst, src, n in %eax, %edx, %ecx (-mregparm=3)"
#endif

    .text
    .globl uaccess_text_start, uaccess_text_end, uaccess_fault
    .globl uaccess_copy, uaccess_strncpy

uaccess_text_start:

/* int uaccess_copy(void *dst, const void *src, uint32_t n): 0 or -E_FAULT */
uaccess_copy:
    pushl %esi
    pushl %edi
    movl %eax, %edi
    movl %edx, %esi
    rep movsb
    xorl %eax, %eax
    popl %edi
    popl %esi
    ret

/* int uaccess_strncpy(char *dst, const char *src, uint32_t max):
 * copy up to max bytes, stopping after a NUL.  Returns the string length,
 * -E_2BIG if no NUL came within max bytes, or -E_FAULT. */
uaccess_strncpy:
    pushl %esi
    pushl %edi
    movl %eax, %edi
    movl %edx, %esi
    xorl %eax, %eax
1:  testl %ecx, %ecx
    jz 3f
    movb (%esi), %dl
    movb %dl, (%edi)
    testb %dl, %dl
    jz 2f
    incl %esi
    incl %edi
    incl %eax
    decl %ecx
    jmp 1b
3:  movl $-E_2BIG, %eax
2:  popl %edi
    popl %esi
    ret

uaccess_text_end:

uaccess_fault:
    movl $-E_FAULT, %eax
    popl %edi
    popl %esi
    ret
