/*
 * swexn_fault.h - faulting code with known addresses, for the swexn tests.
 *
 * FAULT_STUB(name, setup, insn) defines `int name(void)`: it saves the
 * callee-saved registers, loads %ebx/%esi/%edi/%ebp with FAULT_EBX.. values,
 * runs `setup`, records %esp in fault_esp, then executes `insn` at label
 * name_insn; name_after is the address right after it.  It returns %eax as
 * it is after `insn` (a handler that resumes can choose it).
 * Include once per program.
 */
#ifndef TESTS_SWEXN_FAULT_H
#define TESTS_SWEXN_FAULT_H

#define FAULT_EBX 0x11111111u
#define FAULT_ESI 0x22222222u
#define FAULT_EDI 0x33333333u
#define FAULT_EBP 0x44444444u

unsigned int fault_esp;

#define FAULT_STUB(name, setup, insn)                                                                        \
    int name(void);                                                                                          \
    extern char name##_insn[], name##_after[];                                                               \
    __asm__(".text\n"                                                                                        \
            ".globl " #name "\n" #name ":\n"                                                                 \
            "    pushl %ebx\n    pushl %esi\n    pushl %edi\n    pushl %ebp\n"                               \
            "    movl $0x11111111, %ebx\n"                                                                   \
            "    movl $0x22222222, %esi\n"                                                                   \
            "    movl $0x33333333, %edi\n"                                                                   \
            "    movl $0x44444444, %ebp\n" setup "\n"                                                        \
            "    movl %esp, fault_esp\n"                                                                     \
            ".globl " #name "_insn\n" #name "_insn:\n"                                                       \
            "    " insn "\n"                                                                                 \
            ".globl " #name "_after\n" #name "_after:\n"                                                     \
            "    popl %ebp\n    popl %edi\n    popl %esi\n    popl %ebx\n"                                   \
            "    ret\n")

#endif
