/*
 * uaccess.h - the one way the kernel reads or writes user memory.
 *
 * Every system call that takes a pointer goes through these.  They check
 * that the range lies in user space (>= USER_MEM_START, no wrap-around),
 * then copy with instructions whose faults are caught: an unmapped or
 * read-only page gives -E_FAULT, never a panic.  Lazy pages and stack growth
 * are served on the way, as for the program itself.
 *
 * Call with interrupts on and no mutex of rank >= LOCK_RANK_VM held.
 */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <abi/layout.h>

#include "arch/trap.h"

/* Is [uaddr, uaddr+len) within user space (not necessarily mapped)?  The
 * one range check: the copies here and vm.c's region checks use it. */
static inline bool user_range(uint32_t uaddr, uint64_t len)
{
    return uaddr >= USER_MEM_START && uaddr + len <= USER_MEM_END;
}

int copy_from_user(void *dst, uint32_t usrc, uint32_t len);
int copy_to_user(uint32_t udst, const void *src, uint32_t len);
/* Copy a NUL-terminated string of at most max-1 characters into dst[max].
 * Returns its length, -E_2BIG if longer (dst then holds the first max-1
 * characters, terminated), or -E_FAULT. */
int copy_string_from_user(char *dst, uint32_t usrc, uint32_t max);
/* Read the packet of n 32-bit arguments at uaddr (SPEC §2). */
int copy_args(uint32_t *args, uint32_t uaddr, int n);

/* Kernel fault path: if tf is a page or protection fault inside a user
 * copy, at any address, make the copy return -E_FAULT and say true.  So a
 * range check that let a bad range through costs an error, not a panic;
 * user_range stays the first line of defence (a kernel address below
 * 16 MiB is mapped and would not fault). */
bool uaccess_fixup(trapframe_t *tf);

#endif
