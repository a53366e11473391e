/*
 * spawn.h - start a thread with the raw thread_fork system call (vector
 * 0x52), for tests that must not depend on the thread library.
 *
 *     int spawn_thread(void *stack_top, void (*fn)(void *), void *arg,
 *                      volatile int *done);
 *
 * thread_fork gives the child the parent's registers, %esp included, so the
 * stub switches %esp to stack_top *before* the trap and the parent switches
 * back afterwards.  The child calls fn(arg) on the new stack; when fn
 * returns it stores 1 to *done (if done is not NULL) and vanishes without
 * touching its stack again, so the owner may reuse the stack as soon as it
 * sees *done == 1.  Returns the new thread's tid, or a negative error.
 * stack_top should be 16-byte aligned; fn's frame starts just below it.
 * Include once per program (it defines a global symbol).
 */
#ifndef TESTS_SPAWN_H
#define TESTS_SPAWN_H

#include <syscall_int.h>

int spawn_thread(void *stack_top, void (*fn)(void *), void *arg, volatile int *done);

#define SPAWN_STR_(x) #x
#define SPAWN_STR(x)  SPAWN_STR_(x)

__asm__(
    ".text\n"
    ".globl spawn_thread\n"
    "spawn_thread:\n"
    "    pushl %ebx\n"
    "    pushl %esi\n"
    "    pushl %edi\n"
    "    pushl %ebp\n"
    "    movl 20(%esp), %ecx\n" /* stack_top */
    "    movl 24(%esp), %edx\n" /* fn */
    "    movl 28(%esp), %ebx\n" /* arg */
    "    movl 32(%esp), %esi\n" /* done */
    "    movl %esp, %edi\n"
    "    movl %ecx, %esp\n"
    "    int $" SPAWN_STR(THREAD_FORK_INT) "\n"
                                           "    testl %eax, %eax\n"
                                           "    jz 1f\n"
                                           "    movl %edi, %esp\n" /* parent (or failure): own stack back */
                                           "    popl %ebp\n"
                                           "    popl %edi\n"
                                           "    popl %esi\n"
                                           "    popl %ebx\n"
                                           "    ret\n"
                                           "1:  xorl %ebp, %ebp\n" /* child: new stack, new frame chain */
                                           "    subl $12, %esp\n"
                                           "    pushl %ebx\n"
                                           "    call *%edx\n"
                                           "    testl %esi, %esi\n" /* %esi is callee-saved: still `done` */
                                           "    jz 2f\n"
                                           "    movl $1, (%esi)\n"
                                           "2:  int $" SPAWN_STR(VANISH_INT) "\n"
                                                                             "    ud2\n");

#endif
